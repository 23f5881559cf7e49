/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_FINISH_REASON;
import static dev.openinference.semconv.SemanticConventions.LLM_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.LLM_SYSTEM;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;

import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.semconv.ToolKeys;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.observation.AiOperationMetadata;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A chat model call, kind {@code LLM}: the prompt's messages, the tools offered, the invocation
 * parameters, the model and provider at start; the generations, finish reason, token counts and
 * response model at stop.
 */
final class ChatModelWriter implements ContextWriter {

  @Override
  public boolean supports(Observation.Context context) {
    return context instanceof ChatModelObservationContext;
  }

  @Override
  public void onStart(Observation.Context context, SpanAttributes out) {
    ChatModelObservationContext chat = (ChatModelObservationContext) context;
    out.put(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.LLM.getValue());
    AiOperationMetadata operation = chat.getOperationMetadata();
    if (operation != null) {
      out.put(LLM_PROVIDER, Providers.provider(operation.provider()));
      out.put(LLM_SYSTEM, Providers.system(operation.provider()));
    }
    Prompt prompt = chat.getRequest();
    if (prompt == null) {
      return;
    }
    List<ChatMessages.View> messages = ChatMessages.views(prompt.getInstructions());
    ChatMessages.write(messages, SemanticConventions::llmInputMessage, out);
    Map<String, String> input = Json.members();
    input.put("messages", ChatMessages.toJson(messages));
    ChatOptions options = prompt.getOptions();
    if (options != null) {
      out.put(LLM_MODEL_NAME, emptyToNull(options.getModel()));
      String parameters = invocationParameters(options);
      out.put(LLM_INVOCATION_PARAMETERS, parameters);
      List<String> tools = writeTools(options, out);
      if (!tools.isEmpty()) {
        input.put("tools", "[" + String.join(",", tools) + "]");
      }
    }
    out.put(INPUT_VALUE, Json.object(input));
    out.put(INPUT_MIME_TYPE, MimeType.JSON.getValue());
  }

  @Override
  public void onStop(Observation.Context context, SpanAttributes out) {
    ChatResponse response = ((ChatModelObservationContext) context).getResponse();
    if (response == null) {
      return;
    }
    List<ChatMessages.View> generations = new ArrayList<>();
    String finishReason = null;
    List<Generation> results = response.getResults();
    if (results != null) {
      for (Generation generation : results) {
        if (generation == null || generation.getOutput() == null) {
          continue;
        }
        generations.addAll(ChatMessages.views(List.of(generation.getOutput())));
        ChatGenerationMetadata metadata = generation.getMetadata();
        if (finishReason == null && metadata != null) {
          finishReason = emptyToNull(metadata.getFinishReason());
        }
      }
    }
    ChatMessages.write(generations, SemanticConventions::llmOutputMessage, out);
    out.put(LLM_FINISH_REASON, finishReason);
    if (generations.size() == 1
        && generations.get(0).toolCalls().isEmpty()
        && generations.get(0).text() != null) {
      out.put(OUTPUT_VALUE, generations.get(0).text());
      out.put(OUTPUT_MIME_TYPE, MimeType.TEXT.getValue());
    } else if (!generations.isEmpty()) {
      Map<String, String> output = Json.members();
      output.put("messages", ChatMessages.toJson(generations));
      out.put(OUTPUT_VALUE, Json.object(output));
      out.put(OUTPUT_MIME_TYPE, MimeType.JSON.getValue());
    }
    ChatResponseMetadata metadata = response.getMetadata();
    if (metadata == null) {
      return;
    }
    out.put(LLM_MODEL_NAME, emptyToNull(metadata.getModel()));
    Usage usage = metadata.getUsage();
    if (usage != null) {
      out.putCount(LLM_TOKEN_COUNT_PROMPT, usage.getPromptTokens());
      out.putCount(LLM_TOKEN_COUNT_COMPLETION, usage.getCompletionTokens());
      out.putCount(LLM_TOKEN_COUNT_TOTAL, usage.getTotalTokens());
      out.putCount(LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ, usage.getCacheReadInputTokens());
      out.putCount(LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE, usage.getCacheWriteInputTokens());
      Object nativeUsage = usage.getNativeUsage();
      if (nativeUsage != null
          && OpenAiUsageDetails.USAGE_CLASS.equals(nativeUsage.getClass().getName())) {
        OpenAiUsageDetails.write(out, nativeUsage);
      }
    }
  }

  /** The portable options of every Spring AI chat model, as a JSON object. */
  static String invocationParameters(ChatOptions options) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    putIfPresent(parameters, "model", emptyToNull(options.getModel()));
    putIfPresent(parameters, "temperature", options.getTemperature());
    putIfPresent(parameters, "max_tokens", options.getMaxTokens());
    putIfPresent(parameters, "top_p", options.getTopP());
    putIfPresent(parameters, "top_k", options.getTopK());
    putIfPresent(parameters, "frequency_penalty", options.getFrequencyPenalty());
    putIfPresent(parameters, "presence_penalty", options.getPresencePenalty());
    List<String> stop = options.getStopSequences();
    if (stop != null && !stop.isEmpty()) {
      parameters.put("stop", stop);
    }
    return Json.encode(parameters);
  }

  /**
   * Writes {@code llm.tools.<i>.tool.*} for the tools offered to the model; returns each tool's
   * JSON schema in the OpenAI function shape.
   */
  private static List<String> writeTools(ChatOptions options, SpanAttributes out) {
    if (!(options instanceof ToolCallingChatOptions toolOptions)) {
      return List.of();
    }
    List<ToolCallback> callbacks = toolOptions.getToolCallbacks();
    if (callbacks == null || callbacks.isEmpty()) {
      return List.of();
    }
    List<String> schemas = new ArrayList<>(callbacks.size());
    for (ToolCallback callback : callbacks) {
      ToolDefinition definition = callback == null ? null : callback.getToolDefinition();
      if (definition == null) {
        continue;
      }
      ToolKeys tool = SemanticConventions.llmTool(schemas.size());
      String schema = functionSchema(definition);
      out.put(tool.name(), definition.name());
      out.put(tool.description(), definition.description());
      out.put(tool.jsonSchema(), schema);
      schemas.add(schema);
    }
    return schemas;
  }

  /** {@code {"type":"function","function":{"name":..,"description":..,"parameters":..}}}. */
  static String functionSchema(ToolDefinition definition) {
    Map<String, String> function = Json.members();
    function.put("name", Json.encode(definition.name()));
    if (definition.description() != null) {
      function.put("description", Json.encode(definition.description()));
    }
    if (definition.inputSchema() != null && Json.looksLikeJson(definition.inputSchema())) {
      function.put("parameters", definition.inputSchema().trim());
    }
    Map<String, String> tool = Json.members();
    tool.put("type", Json.encode("function"));
    tool.put("function", Json.object(function));
    return Json.object(tool);
  }

  private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  @Nullable
  static String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  @Override
  public String toString() {
    return "ChatModelWriter";
  }
}
