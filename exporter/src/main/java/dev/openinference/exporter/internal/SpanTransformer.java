/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static dev.openinference.semconv.SemanticConventions.AGENT_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.LLM_REQUEST_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_RESPONSE_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_SYSTEM;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.openinference.exporter.TraceConfig;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.internal.GenAiAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Turns a finished span into what an OpenInference backend should receive: GenAI attributes that
 * arrived after the span started are translated to OpenInference, a span without a kind gets the
 * default kind, and the {@link TraceConfig} masking is applied. A span that needs none of this is
 * returned as the same object.
 *
 * <p>Translation, each only when the OpenInference attribute is absent (existing values win, the
 * GenAI attributes are kept):
 *
 * <ul>
 *   <li>{@code gen_ai.operation.name} to {@code openinference.span.kind}; also replaces the
 *       default kind, which the processor stamps at start when nothing else is known;
 *   <li>{@code gen_ai.response.model}, else {@code gen_ai.request.model}, to {@code
 *       llm.model_name} (the response names the model that actually answered), and each to
 *       {@code llm.response.model_name} / {@code llm.request.model_name};
 *   <li>{@code gen_ai.provider.name}, else {@code gen_ai.system}, to {@code llm.provider} and
 *       {@code llm.system} (see {@link GenAiProviders});
 *   <li>{@code gen_ai.usage.input_tokens} / {@code output_tokens} (or the older {@code
 *       prompt_tokens} / {@code completion_tokens}) to {@code llm.token_count.prompt} / {@code
 *       completion}; {@code gen_ai.usage.total_tokens} or their sum to {@code
 *       llm.token_count.total}; {@code cache_read.input_tokens}, {@code
 *       cache_creation.input_tokens} and {@code reasoning.output_tokens} to the prompt and
 *       completion details;
 *   <li>{@code gen_ai.conversation.id} to {@code session.id}, {@code gen_ai.tool.name} / {@code
 *       description} to {@code tool.name} / {@code description}, {@code gen_ai.agent.name} to
 *       {@code agent.name};
 *   <li>the {@code gen_ai.request.*} parameters to {@code llm.invocation_parameters} JSON.
 * </ul>
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class SpanTransformer {

  private final AttributeMasker masker;
  @Nullable private final OpenInferenceSpanKind defaultKind;

  private SpanTransformer(TraceConfig config, @Nullable OpenInferenceSpanKind defaultKind) {
    this.masker = AttributeMasker.create(config);
    this.defaultKind = defaultKind;
  }

  /**
   * Returns a transformer masking with {@code config} and giving spans without a kind {@code
   * defaultKind} (null: leave them without).
   */
  public static SpanTransformer create(
      TraceConfig config, @Nullable OpenInferenceSpanKind defaultKind) {
    return new SpanTransformer(config, defaultKind);
  }

  /** Returns the reusable per-thread state {@link #transform} needs. */
  public AttributeScan newScratch() {
    return new AttributeScan(masker);
  }

  /**
   * Returns {@code span} itself when it needs no change, else a copy with the new attributes.
   *
   * @param scan from {@link #newScratch()}, used by no other thread meanwhile
   */
  public SpanData transform(SpanData span, AttributeScan scan) {
    scan.reset();
    Attributes attributes = span.getAttributes();
    attributes.forEach(scan);

    OpenInferenceSpanKind newKind = newKind(scan);
    List<Object> additions = additions(scan, attributes);
    if (newKind == null && additions == null && scan.maskedCount == 0) {
      return span;
    }
    boolean mask = scan.maskedCount > 0;
    return rebuild(span, attributes, mask, newKind, scan.spanKind != null, additions);
  }

  @Nullable
  private OpenInferenceSpanKind newKind(AttributeScan scan) {
    OpenInferenceSpanKind operationKind =
        scan.operationName instanceof String
            ? GenAiAttributes.spanKindForOperation((String) scan.operationName)
            : null;
    if (scan.spanKind == null) {
      return operationKind != null ? operationKind : defaultKind;
    }
    if (defaultKind != null
        && operationKind != null
        && operationKind != defaultKind
        && scan.spanKind instanceof String
        && OpenInferenceSpanKind.fromValue((String) scan.spanKind) == defaultKind) {
      return operationKind;
    }
    return null;
  }

  /** Returns alternating keys and values to add, or null when there is nothing to add. */
  @Nullable
  private static List<Object> additions(AttributeScan scan, Attributes attributes) {
    List<Object> additions = null;
    String requestModel = AttributeValues.toText(scan.requestModel);
    String responseModel = AttributeValues.toText(scan.responseModel);
    if (!scan.hasModelName) {
      additions =
          add(additions, LLM_MODEL_NAME, responseModel != null ? responseModel : requestModel);
    }
    if (!scan.hasRequestModelName) {
      additions = add(additions, LLM_REQUEST_MODEL_NAME, requestModel);
    }
    if (!scan.hasResponseModelName) {
      additions = add(additions, LLM_RESPONSE_MODEL_NAME, responseModel);
    }
    Object providerValue = scan.providerName != null ? scan.providerName : scan.system;
    String genAiProvider = AttributeValues.toText(providerValue);
    if (genAiProvider != null) {
      if (!scan.hasProvider) {
        additions = add(additions, LLM_PROVIDER, GenAiProviders.provider(genAiProvider));
      }
      if (!scan.hasSystem) {
        additions = add(additions, LLM_SYSTEM, GenAiProviders.system(genAiProvider));
      }
    }
    Long prompt = AttributeValues.toLong(scan.promptTokens);
    Long completion = AttributeValues.toLong(scan.completionTokens);
    boolean translatedTokens = false;
    if (scan.promptTokens == null) {
      Object source = scan.inputTokens != null ? scan.inputTokens : scan.deprecatedPromptTokens;
      prompt = AttributeValues.toLong(source);
      translatedTokens |= prompt != null;
      additions = add(additions, LLM_TOKEN_COUNT_PROMPT, prompt);
    }
    if (scan.completionTokens == null) {
      Object source =
          scan.outputTokens != null ? scan.outputTokens : scan.deprecatedCompletionTokens;
      completion = AttributeValues.toLong(source);
      translatedTokens |= completion != null;
      additions = add(additions, LLM_TOKEN_COUNT_COMPLETION, completion);
    }
    if (!scan.hasTotalTokens) {
      Long total = AttributeValues.toLong(scan.genAiTotalTokens);
      if (total == null && translatedTokens && prompt != null && completion != null) {
        total = prompt + completion;
      }
      additions = add(additions, LLM_TOKEN_COUNT_TOTAL, total);
    }
    if (!scan.hasCacheRead) {
      additions = add(additions, LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ, AttributeValues.toLong(scan.cacheReadTokens));
    }
    if (!scan.hasCacheWrite) {
      additions =
          add(additions, LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE, AttributeValues.toLong(scan.cacheCreationTokens));
    }
    if (!scan.hasReasoning) {
      additions = add(additions, LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING, AttributeValues.toLong(scan.reasoningTokens));
    }
    if (!scan.hasSessionId) {
      additions = add(additions, SESSION_ID, AttributeValues.toText(scan.conversationId));
    }
    if (!scan.hasToolName) {
      additions = add(additions, TOOL_NAME, AttributeValues.toText(scan.toolName));
    }
    if (!scan.hasToolDescription) {
      additions = add(additions, TOOL_DESCRIPTION, AttributeValues.toText(scan.toolDescription));
    }
    if (!scan.hasAgentName) {
      additions = add(additions, AGENT_NAME, AttributeValues.toText(scan.agentName));
    }
    if (!scan.hasInvocationParameters && scan.requestParameterCount > 0) {
      additions = add(additions, LLM_INVOCATION_PARAMETERS, InvocationParameters.toJson(attributes));
    }
    return additions;
  }

  @Nullable
  private static List<Object> add(
      @Nullable List<Object> additions, AttributeKey<?> key, @Nullable Object value) {
    if (value == null) {
      return additions;
    }
    List<Object> result = additions == null ? new ArrayList<>(8) : additions;
    result.add(key);
    result.add(value);
    return result;
  }

  @SuppressWarnings("unchecked")
  private SpanData rebuild(
      SpanData span,
      Attributes attributes,
      boolean mask,
      @Nullable OpenInferenceSpanKind newKind,
      boolean hadKind,
      @Nullable List<Object> additions) {
    AttributesBuilder builder = Attributes.builder();
    int[] dropped = {0};
    attributes.forEach(
        (key, value) -> {
          String name = key.getKey();
          if (newKind != null && name.equals(OPENINFERENCE_SPAN_KIND.getKey())) {
            return;
          }
          int action = mask ? masker.actionFor(name, value) : AttributeMasker.KEEP;
          if (action == AttributeMasker.KEEP) {
            builder.put((AttributeKey<Object>) key, value);
          } else if (action == AttributeMasker.REDACT) {
            builder.put(redactedKey(key), TraceConfig.REDACTED_VALUE);
          } else {
            dropped[0]++;
          }
        });
    int added = 0;
    if (newKind != null) {
      builder.put(OPENINFERENCE_SPAN_KIND, newKind.getValue());
      if (!hadKind) {
        added++;
      }
    }
    if (additions != null) {
      for (int i = 0; i < additions.size(); i += 2) {
        AttributeKey<Object> key = (AttributeKey<Object>) additions.get(i);
        Object value = additions.get(i + 1);
        // What the exporter adds is masked like everything else.
        int action = masker.actionFor(key.getKey(), value);
        if (action == AttributeMasker.KEEP) {
          builder.put(key, value);
          added++;
        } else if (action == AttributeMasker.REDACT) {
          builder.put(redactedKey(key), TraceConfig.REDACTED_VALUE);
          added++;
        }
      }
    }
    Attributes result = builder.build();
    int total = span.getTotalAttributeCount() - dropped[0] + added;
    return new TransformedSpanData(span, result, Math.max(total, result.size()));
  }

  @SuppressWarnings("unchecked")
  private static AttributeKey<String> redactedKey(AttributeKey<?> key) {
    return key.getType() == AttributeType.STRING
        ? (AttributeKey<String>) key
        : stringKey(key.getKey());
  }

  @Override
  public String toString() {
    return "SpanTransformer{masker=" + masker + ", defaultKind=" + defaultKind + "}";
  }
}
