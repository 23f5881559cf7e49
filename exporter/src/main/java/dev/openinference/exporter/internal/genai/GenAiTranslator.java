/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.internal.GenAiProviders;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Translates the OpenTelemetry GenAI attributes and content events of one span into OpenInference
 * attributes. The rules are the OpenInference specification's and, where it is silent, those of the
 * reference converter the OpenInference project publishes ({@code @arizeai/openinference-genai}
 * {@code convertGenAISpanAttributesToOpenInferenceSpanAttributes}), applied in its order so that a
 * later rule wins a key as it does there. Deliberate differences, listed in the README:
 *
 * <ul>
 *   <li>{@code llm.provider} / {@code llm.system} take the spec's well-known values ({@code
 *       azure.ai.openai} is provider {@code azure}, system {@code openai}), also come from the
 *       older {@code gen_ai.system}, and are written only on LLM spans;
 *   <li>embedding spans follow the embedding spec: {@code embedding.model_name} and {@code
 *       embedding.invocation_parameters}, no provider or system;
 *   <li>a span with no operation name is LLM only when it carries model attributes (request or
 *       response model, usage, messages); otherwise the configured default kind applies;
 *   <li>token counts must be whole and non-negative, and their total must not overflow;
 *   <li>image parts become {@code message_content.image.image.url}; tool-call arguments that are
 *       already JSON text are kept as they are;
 *   <li>content that arrives as events (span events or log records) is translated like the
 *       attributes; retrieval documents and the retrieval query are translated too.
 * </ul>
 *
 * <p>The result is every attribute the rules produce; the caller adds only those the span does not
 * already have, so OpenInference values set by the application always win.
 */
final class GenAiTranslator {

  private static final RateLimitedLogger logger = RateLimitedLogger.create(GenAiTranslator.class);

  private static final String SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";

  private GenAiTranslator() {}

  /** The translation of one span. */
  static final class Result {
    final Map<String, Object> attributes = new LinkedHashMap<>();
    @Nullable OpenInferenceSpanKind kind;
  }

  /**
   * Translates {@code span} (the span's attributes by name) and its content {@code events} (null
   * when there are none).
   */
  // Identity, not equality: the same String object means the value is the raw message list.
  @SuppressWarnings("ReferenceEquality")
  static Result translate(Map<String, Object> span, @Nullable EventMessages events) {
    Map<String, Object> source = span;
    if (events != null && !events.attributes.isEmpty()) {
      // Content attributes from an operation-details event count as the span's own, which win.
      source = new LinkedHashMap<>(events.attributes);
      source.putAll(span);
    }
    Result result = new Result();
    Map<String, Object> out = result.attributes;
    OpenInferenceSpanKind kind = spanKind(source, events);
    result.kind = kind;
    boolean embedding = kind == OpenInferenceSpanKind.EMBEDDING;

    if (kind == OpenInferenceSpanKind.LLM) {
      providerAndSystem(source, out);
    }
    putIfPresent(
        out, SemanticConventions.AGENT_NAME.getKey(), string(source.get("gen_ai.agent.name")));
    String requestModel = string(source.get("gen_ai.request.model"));
    String responseModel = string(source.get("gen_ai.response.model"));
    String modelName = responseModel != null ? responseModel : requestModel;
    putIfPresent(
        out,
        embedding
            ? SemanticConventions.EMBEDDING_MODEL_NAME.getKey()
            : SemanticConventions.LLM_MODEL_NAME.getKey(),
        modelName);
    if (!embedding) {
      putIfPresent(out, SemanticConventions.LLM_REQUEST_MODEL_NAME.getKey(), requestModel);
      putIfPresent(out, SemanticConventions.LLM_RESPONSE_MODEL_NAME.getKey(), responseModel);
    }
    finishReason(source, events, out);
    String parameters = invocationParameters(source, requestModel);
    putIfPresent(
        out,
        embedding
            ? SemanticConventions.EMBEDDING_INVOCATION_PARAMETERS.getKey()
            : SemanticConventions.LLM_INVOCATION_PARAMETERS.getKey(),
        parameters);

    List<?> systemParts = systemInstructionParts(source);
    String inputSource = string(source.get("gen_ai.input.messages"));
    Object inputMessages = Json.parse(inputSource);
    List<?> input = inputMessages instanceof List ? (List<?>) inputMessages : null;
    if (input == null && events != null && !events.input.isEmpty()) {
      input = events.input;
    }
    if (input == null) {
      input = QuarkusLangChain4jDialect.inputMessages(source);
    }
    if (input != null) {
      GenAiMessages.writeInput(input, systemParts != null ? 1 : 0, out);
    }
    String outputSource = string(source.get("gen_ai.output.messages"));
    Object outputMessages = Json.parse(outputSource);
    List<?> output = outputMessages instanceof List ? (List<?>) outputMessages : null;
    if (output == null && events != null && !events.output.isEmpty()) {
      output = events.output;
    }
    if (output == null) {
      output = QuarkusLangChain4jDialect.outputMessages(source);
    }
    if (output != null && !output.isEmpty()) {
      GenAiMessages.writeOutput(output, out);
    }
    String systemInstructions = string(source.get(SYSTEM_INSTRUCTIONS));
    if (systemInstructions != null) {
      out.put(
          SemanticConventions.METADATA.getKey() + "." + SYSTEM_INSTRUCTIONS, systemInstructions);
      if (systemParts != null) {
        GenAiMessages.writeSystem(systemParts, out);
      }
    }
    toolDefinitions(source, out);
    TokenCounts.translate(source, embedding, out);
    toolExecution(source, out);
    retrieval(source, out);

    String inputValue = firstString(source, "input", "gen_ai.prompt", "gen_ai.input.messages");
    if (inputValue == null && input != null && input == (events != null ? events.input : null)) {
      inputValue = Json.stringify(input);
    }
    if (inputValue != null) {
      out.put(SemanticConventions.INPUT_VALUE.getKey(), inputValue);
      // The raw message list is already parsed: no second parse for its mime type.
      out.put(
          SemanticConventions.INPUT_MIME_TYPE.getKey(),
          inputValue == inputSource ? mimeTypeOf(inputMessages) : mimeType(inputValue));
    }
    String outputValue =
        firstString(source, "output", "gen_ai.completion", "gen_ai.output.messages");
    if (outputValue == null
        && output != null
        && output == (events != null ? events.output : null)) {
      outputValue = Json.stringify(output);
    }
    if (outputValue != null) {
      out.put(SemanticConventions.OUTPUT_VALUE.getKey(), outputValue);
      out.put(
          SemanticConventions.OUTPUT_MIME_TYPE.getKey(),
          outputValue == outputSource ? mimeTypeOf(outputMessages) : mimeType(outputValue));
    }
    String conversation = string(source.get("gen_ai.conversation.id"));
    putIfPresent(out, SemanticConventions.SESSION_ID.getKey(), conversation);
    return result;
  }

  /** The kind the GenAI attributes give the span, or null when they say nothing about it. */
  @Nullable
  static OpenInferenceSpanKind spanKind(Map<String, Object> span, @Nullable EventMessages events) {
    String operation = string(span.get("gen_ai.operation.name"));
    OpenInferenceSpanKind kind = null;
    OpenInferenceSpanKind terminal = terminalKind(operation);
    if (terminal != null) {
      kind = terminal;
    } else if (truthy(span, "gen_ai.agent.id", "gen_ai.agent.name", "gen_ai.agent.description")
        || "create_agent".equals(operation)
        || "invoke_agent".equals(operation)
        || "plan".equals(operation)) {
      kind = OpenInferenceSpanKind.AGENT;
    } else if ("invoke_workflow".equals(operation)) {
      kind = OpenInferenceSpanKind.CHAIN;
    } else if (operation == null
        && (hasModelAttributes(span)
            || span.containsKey("gen_ai.provider.name")
            || span.containsKey("gen_ai.system")
            || (events != null && !events.isEmpty()))) {
      // No operation name: a model call if it looks like one. An operation we do not know
      // (Spring AI's "framework", say) says nothing, and the default kind applies.
      kind = OpenInferenceSpanKind.LLM;
    }
    // Tool attributes make a tool span whatever the operation says, as in the reference.
    if (truthy(
        span,
        "gen_ai.tool.name",
        "gen_ai.tool.description",
        "gen_ai.tool.call.id",
        "gen_ai.tool.type")) {
      kind = OpenInferenceSpanKind.TOOL;
    }
    return kind;
  }

  @Nullable
  private static OpenInferenceSpanKind terminalKind(@Nullable String operation) {
    if (operation == null) {
      return null;
    }
    switch (operation) {
      case "chat":
      case "text_completion":
      case "generate_content":
        return OpenInferenceSpanKind.LLM;
      case "embeddings":
        return OpenInferenceSpanKind.EMBEDDING;
      case "retrieval":
        return OpenInferenceSpanKind.RETRIEVER;
      case "execute_tool":
        return OpenInferenceSpanKind.TOOL;
      default:
        return null;
    }
  }

  private static boolean hasModelAttributes(Map<String, Object> span) {
    for (String key : span.keySet()) {
      if (key.equals("gen_ai.request.model")
          || key.equals("gen_ai.response.model")
          || key.startsWith("gen_ai.usage.")
          || key.equals("gen_ai.input.messages")
          || key.equals("gen_ai.output.messages")
          || key.equals("gen_ai.prompt")
          || key.equals("gen_ai.completion")) {
        return true;
      }
    }
    return false;
  }

  private static void providerAndSystem(Map<String, Object> span, Map<String, Object> out) {
    String provider = string(span.get("gen_ai.provider.name"));
    if (provider == null) {
      provider = string(span.get("gen_ai.system"));
    }
    if (provider == null) {
      return;
    }
    putIfPresent(out, SemanticConventions.LLM_SYSTEM.getKey(), GenAiProviders.system(provider));
    putIfPresent(out, SemanticConventions.LLM_PROVIDER.getKey(), GenAiProviders.provider(provider));
  }

  private static void finishReason(
      Map<String, Object> span, @Nullable EventMessages events, Map<String, Object> out) {
    String key = SemanticConventions.LLM_FINISH_REASON.getKey();
    if (span.containsKey("gen_ai.response.finish_reasons")) {
      Object reasons = span.get("gen_ai.response.finish_reasons");
      String first = "stop";
      if (reasons instanceof List && !((List<?>) reasons).isEmpty()) {
        first = String.valueOf(((List<?>) reasons).get(0));
      } else if (reasons instanceof String && !((String) reasons).isEmpty()) {
        first = (String) reasons;
      }
      out.put(key, first);
    } else if (events != null && !events.finishReasons.isEmpty()) {
      out.put(key, events.finishReasons.get(0));
    }
  }

  /** The reference's typed, known parameters, under its names and in its order. */
  @Nullable
  private static String invocationParameters(Map<String, Object> span, @Nullable String model) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    putIfPresent(parameters, "model", model);
    putIfPresent(parameters, "temperature", number(span.get("gen_ai.request.temperature")));
    putIfPresent(parameters, "top_p", number(span.get("gen_ai.request.top_p")));
    putIfPresent(parameters, "top_k", number(span.get("gen_ai.request.top_k")));
    putIfPresent(
        parameters, "presence_penalty", number(span.get("gen_ai.request.presence_penalty")));
    putIfPresent(
        parameters, "frequency_penalty", number(span.get("gen_ai.request.frequency_penalty")));
    putIfPresent(parameters, "seed", number(span.get("gen_ai.request.seed")));
    Object stop = span.get("gen_ai.request.stop_sequences");
    if (stop instanceof List && !((List<?>) stop).isEmpty()) {
      parameters.put("stop_sequences", stop);
    }
    putIfPresent(
        parameters, "max_completion_tokens", number(span.get("gen_ai.request.max_tokens")));
    return parameters.isEmpty() ? null : Json.stringify(parameters);
  }

  @Nullable
  private static List<?> systemInstructionParts(Map<String, Object> span) {
    String instructions = string(span.get(SYSTEM_INSTRUCTIONS));
    if (instructions == null) {
      return null;
    }
    Object parsed = Json.parse(instructions);
    if (parsed instanceof List) {
      List<Object> parts = new ArrayList<>();
      for (Object part : (List<?>) parsed) {
        if (part instanceof Map
            && "text".equals(((Map<?, ?>) part).get("type"))
            && ((Map<?, ?>) part).containsKey("content")) {
          Map<String, Object> text = new LinkedHashMap<>();
          text.put("type", "text");
          text.put("content", Json.toStringContent(((Map<?, ?>) part).get("content")));
          parts.add(text);
        }
      }
      return parts.isEmpty() ? null : parts;
    }
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("type", "text");
    text.put("content", instructions);
    List<Object> parts = new ArrayList<>(1);
    parts.add(text);
    return parts;
  }

  private static void toolDefinitions(Map<String, Object> span, Map<String, Object> out) {
    Object parsed = Json.parse(string(span.get("gen_ai.tool.definitions")));
    if (!(parsed instanceof List)) {
      return;
    }
    List<?> definitions = (List<?>) parsed;
    for (int i = 0; i < definitions.size(); i++) {
      out.put(
          SemanticConventions.LLM_TOOLS
              + "."
              + i
              + "."
              + SemanticConventions.TOOL_JSON_SCHEMA.getKey(),
          Json.stringify(ToolDefinitions.normalize(definitions.get(i))));
    }
  }

  private static void toolExecution(Map<String, Object> span, Map<String, Object> out) {
    putIfPresent(out, SemanticConventions.TOOL_NAME.getKey(), string(span.get("gen_ai.tool.name")));
    putIfPresent(
        out,
        SemanticConventions.TOOL_DESCRIPTION.getKey(),
        string(span.get("gen_ai.tool.description")));
    putIfPresent(
        out, SemanticConventions.TOOL_CALL_ID.getKey(), string(span.get("gen_ai.tool.call.id")));
    String arguments = string(span.get("gen_ai.tool.call.arguments"));
    putIfPresent(out, SemanticConventions.TOOL_PARAMETERS.getKey(), arguments);
    if (arguments != null) {
      out.put(SemanticConventions.INPUT_VALUE.getKey(), arguments);
      out.put(SemanticConventions.INPUT_MIME_TYPE.getKey(), mimeType(arguments));
    }
    String result = string(span.get("gen_ai.tool.call.result"));
    if (result != null) {
      out.put(SemanticConventions.OUTPUT_VALUE.getKey(), result);
      out.put(SemanticConventions.OUTPUT_MIME_TYPE.getKey(), mimeType(result));
    }
  }

  /** {@code gen_ai.retrieval.*} to the retriever span's documents and input. */
  private static void retrieval(Map<String, Object> span, Map<String, Object> out) {
    String query = string(span.get("gen_ai.retrieval.query.text"));
    if (query != null) {
      out.put(SemanticConventions.INPUT_VALUE.getKey(), query);
      out.put(SemanticConventions.INPUT_MIME_TYPE.getKey(), mimeType(query));
    }
    Object parsed = Json.parse(string(span.get("gen_ai.retrieval.documents")));
    if (!(parsed instanceof List)) {
      return;
    }
    List<?> documents = (List<?>) parsed;
    int index = 0;
    for (Object element : documents) {
      if (!(element instanceof Map)) {
        continue;
      }
      Map<?, ?> document = (Map<?, ?>) element;
      String prefix = SemanticConventions.RETRIEVAL_DOCUMENTS + "." + index + ".";
      Object id = document.get("id");
      if (id instanceof String || id instanceof Double) {
        out.put(
            prefix + SemanticConventions.DOCUMENT_ID.getKey(),
            id instanceof Double ? Json.formatNumber((Double) id) : id);
      }
      Object score = document.get("score");
      if (score instanceof Double) {
        out.put(prefix + SemanticConventions.DOCUMENT_SCORE.getKey(), score);
      }
      Object content = document.get("content");
      if (content == null) {
        content = document.get("text");
      }
      if (content != null && content != Json.NULL) {
        out.put(
            prefix + SemanticConventions.DOCUMENT_CONTENT.getKey(), Json.toStringContent(content));
      }
      Object metadata = document.get("metadata");
      if (metadata instanceof Map) {
        out.put(prefix + SemanticConventions.DOCUMENT_METADATA.getKey(), Json.stringify(metadata));
      }
      index++;
    }
  }

  /** The reference's mime-type rule: JSON when the text parses to a truthy value. */
  static String mimeType(String value) {
    return mimeTypeOf(Json.parse(value));
  }

  private static String mimeTypeOf(@Nullable Object parsed) {
    return Json.isTruthy(parsed) ? "application/json" : "text/plain";
  }

  @Nullable
  private static String firstString(Map<String, Object> span, String... keys) {
    for (String key : keys) {
      String value = string(span.get(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static boolean truthy(Map<String, Object> span, String... keys) {
    for (String key : keys) {
      Object value = span.get(key);
      boolean truthy =
          value instanceof String
              ? !((String) value).isEmpty()
              : value != null && !Boolean.FALSE.equals(value);
      if (truthy) {
        return true;
      }
    }
    return false;
  }

  /** A non-empty string attribute, else null (the reference's getString). */
  @Nullable
  static String string(@Nullable Object value) {
    return value instanceof String && !((String) value).isEmpty() ? (String) value : null;
  }

  /**
   * A finite number attribute, else null (the reference's getNumber). Micrometer-based
   * instrumentation records every value as a string, so a string spelling a number counts too.
   */
  @Nullable
  static Number number(@Nullable Object value) {
    if (value instanceof Long) {
      return (Long) value;
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return Double.isNaN(d) || Double.isInfinite(d) ? null : (Double) value;
    }
    if (value instanceof String) {
      try {
        double d = Double.parseDouble(((String) value).trim());
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return null;
        }
        return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (Number) (long) d : (Number) d;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static void putIfPresent(Map<String, Object> out, String key, @Nullable Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  static void warn(String message) {
    logger.warning(message);
  }
}
