/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import static dev.openinference.semconv.SemanticConventions.LLM_INPUT_MESSAGES;
import static dev.openinference.semconv.SemanticConventions.LLM_OUTPUT_MESSAGES;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENTS;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_TOOL_CALLS;

import dev.openinference.semconv.SemanticConventions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Flattens GenAI chat messages ({@code {"role": ..., "parts": [...]}}, the shape of {@code
 * gen_ai.input.messages} / {@code gen_ai.output.messages}) into OpenInference's {@code
 * llm.input_messages.<i>.message.*} and {@code llm.output_messages.<i>.message.*} attributes, part
 * by part as the OpenInference reference converter does, with two documented differences: image
 * parts become {@code message_content.image.image.url} entries, and tool-call arguments that are
 * already a JSON string are kept as they are rather than encoded a second time.
 *
 * <p>A malformed message or part is skipped and the rest kept.
 */
final class GenAiMessages {

  private static final String ROLE = "." + SemanticConventions.MESSAGE_ROLE.getKey();
  private static final String CONTENT = "." + SemanticConventions.MESSAGE_CONTENT.getKey();
  private static final String TOOL_CALL_ID =
      "." + SemanticConventions.MESSAGE_TOOL_CALL_ID.getKey();
  private static final String CONTENT_TYPE =
      "." + SemanticConventions.MESSAGE_CONTENT_TYPE.getKey();
  private static final String CONTENT_TEXT =
      "." + SemanticConventions.MESSAGE_CONTENT_TEXT.getKey();
  private static final String CONTENT_IMAGE_URL =
      "."
          + SemanticConventions.MESSAGE_CONTENT_IMAGE
          + "."
          + SemanticConventions.IMAGE_URL.getKey();
  private static final String CALL_ID = "." + SemanticConventions.TOOL_CALL_ID.getKey();
  private static final String CALL_FUNCTION_NAME = ".tool_call.function.name";
  private static final String CALL_FUNCTION_ARGUMENTS = ".tool_call.function.arguments";

  /**
   * Whether {@code value} is a GenAI chat message: an object with a string role and a parts array.
   */
  static boolean isChatMessage(@Nullable Object value) {
    if (!(value instanceof Map)) {
      return false;
    }
    Map<?, ?> map = (Map<?, ?>) value;
    return map.get("role") instanceof String && map.get("parts") instanceof List;
  }

  /**
   * Writes the input messages from index {@code firstIndex} on; a tool message with several tool
   * responses becomes one message per response. Returns the next free index.
   */
  static int writeInput(List<?> messages, int firstIndex, Map<String, Object> out) {
    int index = firstIndex;
    for (Object element : messages) {
      if (!isChatMessage(element)) {
        continue;
      }
      Map<?, ?> message = (Map<?, ?>) element;
      String role = (String) message.get("role");
      List<?> parts = (List<?>) message.get("parts");
      if (role.equals("tool")) {
        List<Map<?, ?>> responses = toolCallResponses(parts);
        if (!responses.isEmpty()) {
          for (Map<?, ?> response : responses) {
            String prefix = LLM_INPUT_MESSAGES + '.' + index;
            out.put(prefix + ROLE, "tool");
            putIfPresent(out, prefix + TOOL_CALL_ID, scalar(response.get("id")));
            putIfPresent(out, prefix + CONTENT, content(response.get("response")));
            index++;
          }
          continue;
        }
      }
      String prefix = LLM_INPUT_MESSAGES + '.' + index;
      out.put(prefix + ROLE, role);
      writeParts(prefix, parts, out);
      index++;
    }
    return index;
  }

  /** Writes the output messages, each at its position in {@code messages}. */
  static void writeOutput(List<?> messages, Map<String, Object> out) {
    for (int i = 0; i < messages.size(); i++) {
      Object element = messages.get(i);
      if (!isChatMessage(element)) {
        continue;
      }
      Map<?, ?> message = (Map<?, ?>) element;
      String prefix = LLM_OUTPUT_MESSAGES + '.' + i;
      out.put(prefix + ROLE, message.get("role"));
      writeParts(prefix, (List<?>) message.get("parts"), out);
    }
  }

  /** Writes a leading system message made of {@code parts} at input index 0. */
  static void writeSystem(List<?> parts, Map<String, Object> out) {
    String prefix = LLM_INPUT_MESSAGES + ".0";
    out.put(prefix + ROLE, "system");
    writeParts(prefix, parts, out);
  }

  /** Writes the parts of the message at {@code prefix} ({@code llm.input_messages.3} say). */
  static void writeParts(String prefix, @Nullable List<?> parts, Map<String, Object> out) {
    if (parts == null) {
      return;
    }
    int contentIndex = 0;
    int toolIndex = 0;
    for (Object element : parts) {
      if (!(element instanceof Map)) {
        continue;
      }
      Map<?, ?> part = (Map<?, ?>) element;
      Object typeValue = part.get("type");
      if (!Json.isTruthy(typeValue)) {
        continue;
      }
      String type = String.valueOf(typeValue);
      String contentPrefix = prefix + '.' + MESSAGE_CONTENTS + '.' + contentIndex;
      switch (type) {
        case "text":
          {
            String text = content(part.get("content"));
            if (text != null) {
              out.put(contentPrefix + CONTENT_TYPE, "text");
              out.put(contentPrefix + CONTENT_TEXT, text);
              contentIndex++;
            }
            break;
          }
        case "reasoning":
          out.put(contentPrefix + CONTENT_TYPE, "reasoning");
          putIfPresent(out, contentPrefix + CONTENT_TEXT, content(part.get("content")));
          contentIndex++;
          break;
        case "tool_call":
          {
            String callPrefix = prefix + '.' + MESSAGE_TOOL_CALLS + '.' + toolIndex;
            putIfPresent(out, callPrefix + CALL_ID, scalar(part.get("id")));
            putIfPresent(out, callPrefix + CALL_FUNCTION_NAME, scalar(part.get("name")));
            out.put(callPrefix + CALL_FUNCTION_ARGUMENTS, arguments(part.get("arguments")));
            toolIndex++;
            break;
          }
        case "tool_call_response":
          putIfPresent(out, prefix + TOOL_CALL_ID, scalar(part.get("id")));
          putIfPresent(out, prefix + CONTENT, content(part.get("response")));
          break;
        default:
          {
            String imageUrl = imageUrl(type, part);
            if (imageUrl != null) {
              out.put(contentPrefix + CONTENT_TYPE, "image");
              out.put(contentPrefix + CONTENT_IMAGE_URL, imageUrl);
            } else {
              // Unknown parts are kept whole, as JSON text, so nothing the model saw is lost.
              out.put(contentPrefix + CONTENT_TYPE, type);
              out.put(contentPrefix + CONTENT_TEXT, Json.stringify(part));
            }
            contentIndex++;
          }
      }
    }
  }

  /**
   * Returns the URL of an image part: a {@code uri} part's URI, or a {@code blob} part as a data
   * URL; null for any other part.
   */
  @Nullable
  static String imageUrl(String type, Map<?, ?> part) {
    if (!"image".equals(part.get("modality")) && !"image".equals(type)) {
      return null;
    }
    if (type.equals("uri") || type.equals("image")) {
      Object uri = part.get("uri");
      if (uri == null) {
        uri = part.get("url");
      }
      return uri instanceof String ? (String) uri : null;
    }
    if (type.equals("blob") && part.get("content") instanceof String) {
      Object mimeType = part.get("mime_type");
      String mime = mimeType instanceof String ? (String) mimeType : "image/*";
      return "data:" + mime + ";base64," + part.get("content");
    }
    return null;
  }

  private static List<Map<?, ?>> toolCallResponses(List<?> parts) {
    List<Map<?, ?>> responses = null;
    for (Object part : parts) {
      if (part instanceof Map && "tool_call_response".equals(((Map<?, ?>) part).get("type"))) {
        if (responses == null) {
          responses = new ArrayList<>(2);
        }
        responses.add((Map<?, ?>) part);
      }
    }
    return responses == null ? Collections.<Map<?, ?>>emptyList() : responses;
  }

  /** A part's text: strings as they are, anything else as JSON; null when absent. */
  @Nullable
  static String content(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    return Json.toStringContent(value);
  }

  // Arguments that are already JSON text are kept; a structure is written as JSON.
  private static String arguments(@Nullable Object value) {
    if (value == null || value == Json.NULL) {
      return "{}";
    }
    return Json.toStringContent(value);
  }

  /** A scalar member as an attribute value; null for JSON null, containers and absence. */
  @Nullable
  private static Object scalar(@Nullable Object value) {
    if (value == null || value == Json.NULL || value instanceof Map || value instanceof List) {
      return null;
    }
    return value instanceof Double ? Json.formatNumber((Double) value) : value;
  }

  private static void putIfPresent(Map<String, Object> out, String key, @Nullable Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private GenAiMessages() {}
}
