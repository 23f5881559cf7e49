/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor;

import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VARIABLES;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VERSION;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_OPERATION_NAME;

import dev.openinference.context.internal.ContextValues;
import dev.openinference.processor.internal.Aliases;
import dev.openinference.processor.internal.OpenInferenceSampler;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.internal.GenAiAttributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Stamps the OpenInference values of the parent context ({@code session.id}, {@code user.id},
 * {@code metadata}, {@code tag.tags}, {@code llm.prompt_template.*}) and an {@code
 * openinference.span.kind} on every span when it starts, whoever started it.
 *
 * <p>Register it first, before the processor that exports, so exporters see the stamped values:
 *
 * <pre>{@code
 * SdkTracerProvider.builder()
 *     .addSpanProcessor(OpenInferenceSpanProcessor.create())
 *     .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
 *     .build();
 * }</pre>
 *
 * <p>Values set by an OpenInference scope ({@code OpenInference.usingSession} and friends) override
 * an attribute of the same name the span already has, and override the process-level values of the
 * {@linkplain OpenInferenceSpanProcessorBuilder builder} field by field.
 *
 * <p>Span kind: an explicit {@code openinference.span.kind} is kept; otherwise one is inferred from
 * {@code gen_ai.operation.name} when the span has it at start; otherwise spans that carry
 * OpenInference values get the {@linkplain OpenInferenceSpanProcessorBuilder#setDefaultSpanKind
 * default kind}. Spans outside any OpenInference scope are left without a kind here, so they cost
 * no extra attribute on the application thread; {@code OpenInferenceSpanExporter} gives them one at
 * export, and also infers the kind of spans whose GenAI attributes arrive after start.
 *
 * <p>Session keys in: a span that gets no {@code session.id} from a scope or the process-level
 * values, while the stamped metadata names one under {@code session_id}, {@code thread_id} or
 * {@code conversation_id} (first found; {@code usingMetadata(Map.of("thread_id", id))}, the
 * LangChain habit), gets that one, unless it has a {@code session.id} of its own (kept) or a {@code
 * gen_ai.conversation.id} (used instead). {@code OpenInferenceSpanExporter} does the same at export
 * for what arrives later. Keys out: {@linkplain OpenInferenceSpanProcessorBuilder#setAliases
 * aliases} also write other backends' own keys.
 *
 * <p>A span start costs one context lookup and the attribute writes; all merging and JSON encoding
 * happened when the scope opened.
 */
public final class OpenInferenceSpanProcessor implements SpanProcessor {

  @Nullable private final ContextValues processValues;
  @Nullable private final OpenInferenceSpanKind defaultSpanKind;
  // Null when off, so spans pay nothing for them.
  @Nullable private final Aliases aliases;

  OpenInferenceSpanProcessor(
      @Nullable ContextValues processValues,
      @Nullable OpenInferenceSpanKind defaultSpanKind,
      @Nullable Aliases aliases) {
    this.processValues = processValues;
    this.defaultSpanKind = defaultSpanKind;
    this.aliases = aliases;
  }

  /**
   * Returns a processor with no process-level values and the default span kind {@code CHAIN}.
   *
   * @return a new processor, never null; add it to the {@code SdkTracerProvider}
   */
  public static OpenInferenceSpanProcessor create() {
    return builder().build();
  }

  /**
   * Returns a builder for process-level values and the default span kind.
   *
   * @return a new builder with nothing set, never null
   */
  public static OpenInferenceSpanProcessorBuilder builder() {
    return new OpenInferenceSpanProcessorBuilder();
  }

  /** Returns a sampler over {@code delegate} that stamps what this processor would. */
  OpenInferenceSampler samplerOver(Sampler delegate) {
    return OpenInferenceSampler.create(delegate, processValues, defaultSpanKind, aliases);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    ContextValues scoped = parentContext.get(ContextValues.KEY);
    boolean stamped = stampValues(span, scoped);
    stampKind(span, stamped);
    if (aliases != null) {
      aliases.stamp(span, scoped, processValues);
    }
  }

  /** Writes the scope's values, falling back field by field to the process-level ones. */
  private boolean stampValues(ReadWriteSpan span, @Nullable ContextValues scoped) {
    ContextValues fallback = processValues;
    if (scoped == null) {
      if (fallback == null) {
        return false;
      }
      scoped = fallback;
      fallback = null;
    }
    boolean stamped = false;
    String sessionId = scoped.getSessionId();
    if (sessionId == null && fallback != null) {
      sessionId = fallback.getSessionId();
    }
    if (sessionId == null) {
      sessionId = MetadataSession.atStart(span, scoped, fallback);
    }
    if (sessionId != null) {
      span.setAttribute(SESSION_ID, sessionId);
      stamped = true;
    }
    String userId = scoped.getUserId();
    if (userId == null && fallback != null) {
      userId = fallback.getUserId();
    }
    if (userId != null) {
      span.setAttribute(USER_ID, userId);
      stamped = true;
    }
    String metadata = scoped.getMetadataJson();
    if (metadata == null && fallback != null) {
      metadata = fallback.getMetadataJson();
    }
    if (metadata != null) {
      span.setAttribute(METADATA, metadata);
      stamped = true;
    }
    List<String> tags = scoped.getTags();
    if (tags == null && fallback != null) {
      tags = fallback.getTags();
    }
    if (tags != null) {
      span.setAttribute(TAG_TAGS, tags);
      stamped = true;
    }
    // Process-level configuration has no prompt template, so no fallback here.
    String template = scoped.getPromptTemplate();
    if (template != null) {
      span.setAttribute(LLM_PROMPT_TEMPLATE, template);
      stamped = true;
    }
    String version = scoped.getPromptTemplateVersion();
    if (version != null) {
      span.setAttribute(LLM_PROMPT_TEMPLATE_VERSION, version);
      stamped = true;
    }
    String variables = scoped.getPromptTemplateVariablesJson();
    if (variables != null) {
      span.setAttribute(LLM_PROMPT_TEMPLATE_VARIABLES, variables);
      stamped = true;
    }
    return stamped;
  }

  // Every getAttribute and setAttribute takes the span's lock, the larger part of a span start's
  // cost here: each branch reads as little as its case allows.
  private void stampKind(ReadWriteSpan span, boolean stamped) {
    OpenInferenceSpanKind kind;
    if (stamped && defaultSpanKind != null) {
      // A kind gets written unless the span has one: look for that first, which settles an
      // explicitly kinded span with one read.
      if (span.getAttribute(OPENINFERENCE_SPAN_KIND) != null) {
        return;
      }
      kind = GenAiAttributes.spanKindForOperation(span.getAttribute(GEN_AI_OPERATION_NAME));
      if (kind == null) {
        kind = defaultSpanKind;
      }
    } else {
      // Most spans have no operation: one read and done; an unknown operation needs no second.
      String operation = span.getAttribute(GEN_AI_OPERATION_NAME);
      if (operation == null) {
        return;
      }
      kind = GenAiAttributes.spanKindForOperation(operation);
      if (kind == null || span.getAttribute(OPENINFERENCE_SPAN_KIND) != null) {
        return;
      }
    }
    span.setAttribute(OPENINFERENCE_SPAN_KIND, kind.getValue());
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "OpenInferenceSpanProcessor{processValues="
        + (processValues == null ? "{}" : processValues.asAttributes())
        + ", defaultSpanKind="
        + (defaultSpanKind == null ? "none" : defaultSpanKind.getValue())
        + (aliases == null ? "" : ", aliases=" + aliases.names())
        + "}";
  }
}
