/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import dev.openinference.semconv.OpenInferenceSpanKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * What quarkus-langchain4j's spans say that the GenAI rules do not read (its dialect, 1.x):
 *
 * <ul>
 *   <li>an AI-service call is a span named {@code langchain4j.aiservices.<Interface>.<method>} with
 *       no attributes at all: it is the agent, {@code AGENT};
 *   <li>a model call ({@code completion <model>}) carries its content, when {@code
 *       quarkus.langchain4j.tracing.include-prompt} / {@code include-completion} are on, as plain
 *       text in {@code gen_ai.prompt} (every message's text, joined by line breaks, without roles)
 *       and {@code gen_ai.completion}: the prompt becomes one input message of role {@code user},
 *       the completion one output message of role {@code assistant}.
 * </ul>
 *
 * <p>Its model-call attributes ({@code gen_ai.request.model}, {@code gen_ai.usage.prompt_tokens},
 * ...) and tool spans ({@code gen_ai.operation.name=execute_tool}, {@code gen_ai.tool.*}) are GenAI
 * ones and need nothing from here.
 *
 * <p>This class is internal and is not intended for public use.
 */
final class QuarkusLangChain4jDialect {

  private static final String AI_SERVICE_SPAN_PREFIX = "langchain4j.aiservices.";

  private QuarkusLangChain4jDialect() {}

  /** The kind a span's name alone gives it, or null when the name says nothing. */
  @Nullable
  static OpenInferenceSpanKind kindOfName(String spanName) {
    return spanName.startsWith(AI_SERVICE_SPAN_PREFIX) ? OpenInferenceSpanKind.AGENT : null;
  }

  /**
   * The input messages, in the GenAI message format, that a plain-text {@code gen_ai.prompt} stands
   * for; null when the span has structured messages or no prompt.
   */
  @Nullable
  static List<?> inputMessages(Map<String, Object> span) {
    return plainTextMessage(span, "gen_ai.prompt", "gen_ai.input.messages", "user");
  }

  /** Likewise for {@code gen_ai.completion}, as one assistant message. */
  @Nullable
  static List<?> outputMessages(Map<String, Object> span) {
    return plainTextMessage(span, "gen_ai.completion", "gen_ai.output.messages", "assistant");
  }

  @Nullable
  private static List<?> plainTextMessage(
      Map<String, Object> span, String textKey, String structuredKey, String role) {
    Object text = span.get(textKey);
    if (!(text instanceof String) || span.containsKey(structuredKey)) {
      return null;
    }
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("type", "text");
    part.put("content", text);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", role);
    message.put("parts", Collections.singletonList(part));
    return Collections.singletonList(message);
  }
}
