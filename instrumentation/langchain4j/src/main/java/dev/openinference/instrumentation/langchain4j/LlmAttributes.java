/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_FINISH_REASON;
import static dev.openinference.semconv.SemanticConventions.LLM_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.LLM_SYSTEM;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The OpenInference attributes of an LLM span, from a LangChain4j {@link ChatRequest} (at start)
 * and {@link ChatResponse} (at end).
 *
 * <p>{@code input.value} is the request's messages as an OpenAI-shaped JSON array; {@code
 * output.value} is the answer's text when it is plain text, else the assistant message as
 * OpenAI-shaped JSON (tool calls). {@code llm.invocation_parameters} holds the request parameters
 * LangChain4j knows in every provider ({@code model}, {@code temperature}, {@code top_p}, {@code
 * top_k}, {@code frequency_penalty}, {@code presence_penalty}, {@code max_output_tokens}, {@code
 * stop}, {@code tool_choice}, {@code response_format}), under OpenAI-style names. Token counts come
 * from the response's {@code TokenUsage}, with OpenAI's cached and reasoning token details when the
 * model is {@code langchain4j-open-ai}'s.
 */
final class LlmAttributes {

  /** Writes what the request says: kind, model, provider, parameters, messages, tools, input. */
  static void request(
      AttributesBuilder attributes, ChatRequest request, @Nullable ModelProvider provider) {
    attributes.put(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.LLM.getValue());
    putIfNotNull(attributes, LLM_PROVIDER, ModelProviders.provider(provider));
    putIfNotNull(attributes, LLM_SYSTEM, ModelProviders.system(provider));
    ChatRequestParameters parameters = request.parameters();
    if (parameters != null) {
      putIfNotNull(attributes, LLM_MODEL_NAME, parameters.modelName());
      attributes.put(LLM_INVOCATION_PARAMETERS, invocationParameters(parameters));
    }
    List<ChatMessage> messages = request.messages();
    if (messages != null) {
      int index = 0;
      for (ChatMessage message : messages) {
        ChatMessages.write(attributes, SemanticConventions.llmInputMessage(index++), message);
      }
      attributes.put(INPUT_VALUE, ChatMessages.toJson(messages));
      attributes.put(INPUT_MIME_TYPE, MimeType.JSON.getValue());
    }
    List<ToolSpecification> tools = request.toolSpecifications();
    if (tools != null) {
      int index = 0;
      for (ToolSpecification tool : tools) {
        if (tool != null) {
          attributes.put(
              SemanticConventions.llmTool(index++).jsonSchema(), ToolSchemas.openAiFunction(tool));
        }
      }
    }
  }

  /** Writes what the response says: model, token counts, finish reason, output. */
  static void response(AttributesBuilder attributes, ChatResponse response) {
    putIfNotNull(attributes, LLM_MODEL_NAME, response.modelName());
    TokenUsage usage = response.tokenUsage();
    if (usage != null) {
      putIfNotNull(attributes, LLM_TOKEN_COUNT_PROMPT, usage.inputTokenCount());
      putIfNotNull(attributes, LLM_TOKEN_COUNT_COMPLETION, usage.outputTokenCount());
      putIfNotNull(attributes, LLM_TOKEN_COUNT_TOTAL, usage.totalTokenCount());
      if (usage.getClass().getName().equals(OpenAiTokenDetails.USAGE_CLASS)) {
        OpenAiTokenDetails.write(attributes, usage);
      }
    }
    putIfNotNull(attributes, LLM_FINISH_REASON, finishReason(response.finishReason()));
    AiMessage answer = response.aiMessage();
    if (answer != null) {
      ChatMessages.write(attributes, SemanticConventions.llmOutputMessage(0), answer);
      if (answer.text() != null && !answer.hasToolExecutionRequests()) {
        attributes.put(OUTPUT_VALUE, answer.text());
        attributes.put(OUTPUT_MIME_TYPE, MimeType.TEXT.getValue());
      } else {
        attributes.put(OUTPUT_VALUE, ChatMessages.toJson(answer));
        attributes.put(OUTPUT_MIME_TYPE, MimeType.JSON.getValue());
      }
    }
  }

  /** OpenAI's finish reasons, which OpenInference backends know. */
  @Nullable
  static String finishReason(@Nullable FinishReason reason) {
    if (reason == null) {
      return null;
    }
    switch (reason.name()) {
      case "TOOL_EXECUTION":
        return "tool_calls";
      default:
        return reason.name().toLowerCase(Locale.ROOT);
    }
  }

  private static String invocationParameters(ChatRequestParameters parameters) {
    Map<String, Object> map = new LinkedHashMap<>();
    putIfNotNull(map, "model", parameters.modelName());
    putIfNotNull(map, "temperature", parameters.temperature());
    putIfNotNull(map, "top_p", parameters.topP());
    putIfNotNull(map, "top_k", parameters.topK());
    putIfNotNull(map, "frequency_penalty", parameters.frequencyPenalty());
    putIfNotNull(map, "presence_penalty", parameters.presencePenalty());
    putIfNotNull(map, "max_output_tokens", parameters.maxOutputTokens());
    List<String> stop = parameters.stopSequences();
    if (stop != null && !stop.isEmpty()) {
      map.put("stop", stop);
    }
    if (parameters.toolChoice() != null) {
      map.put("tool_choice", parameters.toolChoice().name().toLowerCase(Locale.ROOT));
    }
    ResponseFormat format = parameters.responseFormat();
    if (format != null && format.type() != null) {
      map.put("response_format", format.type().name().toLowerCase(Locale.ROOT));
    }
    return JsonEncoder.toJson(map);
  }

  private static void putIfNotNull(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static void putIfNotNull(
      AttributesBuilder attributes, AttributeKey<String> key, @Nullable String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }

  private static void putIfNotNull(
      AttributesBuilder attributes, AttributeKey<Long> key, @Nullable Integer value) {
    if (value != null) {
      attributes.put(key, value.longValue());
    }
  }

  private LlmAttributes() {}
}
