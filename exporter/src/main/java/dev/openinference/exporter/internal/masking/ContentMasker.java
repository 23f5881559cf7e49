/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.masking;

import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.genai.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Applies the fine-grained flags inside GenAI message JSON ({@code gen_ai.input.messages}, {@code
 * gen_ai.output.messages}, {@code gen_ai.system_instructions}, and the same shapes in event
 * bodies): hidden text becomes {@link TraceConfig#REDACTED_VALUE}, hidden images are removed, and a
 * base64 image longer than the limit is redacted. A value that is not the JSON it should be is
 * redacted whole, so a malformed value can never carry hidden content out.
 */
final class ContentMasker {

  private final boolean hideInputText;
  private final boolean hideInputImages;
  private final boolean hideOutputText;
  private final int base64ImageMaxLength;

  ContentMasker(
      boolean hideInputText,
      boolean hideInputImages,
      boolean hideOutputText,
      int base64ImageMaxLength) {
    this.hideInputText = hideInputText;
    this.hideInputImages = hideInputImages;
    this.hideOutputText = hideOutputText;
    this.base64ImageMaxLength = base64ImageMaxLength;
  }

  /** Whether the value may hold a base64 image longer than the limit (a cheap first test). */
  boolean mayHoldLongImage(@Nullable Object value) {
    return value instanceof String
        && ((String) value).length() > base64ImageMaxLength
        && ((String) value).contains("base64");
  }

  /** Returns the masked JSON text of a message list, or of a part list when {@code partsOnly}. */
  String mask(@Nullable Object value, boolean output, boolean partsOnly) {
    Object parsed = value instanceof String ? Json.parse((String) value) : null;
    if (!(parsed instanceof List)) {
      return TraceConfig.REDACTED_VALUE;
    }
    List<?> list = (List<?>) parsed;
    if (partsOnly) {
      return Json.stringify(maskParts(list, output));
    }
    List<Object> messages = new ArrayList<>(list.size());
    for (Object element : list) {
      if (element instanceof Map && ((Map<?, ?>) element).get("parts") instanceof List) {
        Map<String, Object> message = copy((Map<?, ?>) element);
        message.put("parts", maskParts((List<?>) message.get("parts"), output));
        messages.add(message);
      } else if (element instanceof Map) {
        messages.add(maskBody((Map<?, ?>) element, output));
      } else {
        messages.add(element);
      }
    }
    return Json.stringify(messages);
  }

  /**
   * Masks a per-message event body ({@code {"content": ..., "tool_calls": ...}}, or a choice's
   * {@code {"message": {...}}}): its content is text for the text flags.
   */
  Map<String, Object> maskBody(Map<?, ?> body, boolean output) {
    Map<String, Object> masked = copy(body);
    if (output ? hideOutputText : hideInputText) {
      if (masked.containsKey("content") && masked.get("content") != Json.NULL) {
        masked.put("content", TraceConfig.REDACTED_VALUE);
      }
    } else if (masked.get("content") instanceof List) {
      masked.put("content", maskParts((List<?>) masked.get("content"), output));
    }
    if (masked.get("message") instanceof Map) {
      masked.put("message", maskBody((Map<?, ?>) masked.get("message"), output));
    }
    return masked;
  }

  /** Whether masking can change a body of this direction. */
  boolean masksBodies(boolean output) {
    return output ? hideOutputText : hideInputText || hideInputImages || base64ImageMaxLength < 0;
  }

  private List<Object> maskParts(List<?> parts, boolean output) {
    boolean hideText = output ? hideOutputText : hideInputText;
    List<Object> masked = new ArrayList<>(parts.size());
    for (Object element : parts) {
      if (!(element instanceof Map)) {
        masked.add(hideText && element instanceof String ? TraceConfig.REDACTED_VALUE : element);
        continue;
      }
      Map<?, ?> part = (Map<?, ?>) element;
      Object type = part.get("type");
      if (isImage(part)) {
        if (!output && hideInputImages) {
          continue;
        }
        masked.add(maskLongImage(part));
      } else if ("text".equals(type) || "reasoning".equals(type)) {
        masked.add(hideText ? redacted(part, "content") : part);
      } else if ("tool_call_response".equals(type)) {
        masked.add(hideText ? redacted(part, "response") : part);
      } else if (hideText && part.get("text") instanceof String) {
        masked.add(redacted(part, "text")); // an OpenAI-style content part
      } else {
        masked.add(part);
      }
    }
    return masked;
  }

  private static boolean isImage(Map<?, ?> part) {
    Object type = part.get("type");
    return "image".equals(part.get("modality")) || "image".equals(type) || "image_url".equals(type);
  }

  private Object maskLongImage(Map<?, ?> part) {
    Map<String, Object> copy = null;
    for (String member : new String[] {"content", "uri", "url", "data"}) {
      Object value = part.get(member);
      if (value instanceof String && isLongBase64((String) value, member.equals("content"))) {
        if (copy == null) {
          copy = copy(part);
        }
        copy.put(member, TraceConfig.REDACTED_VALUE);
      }
    }
    Object imageUrl = part.get("image_url");
    if (imageUrl instanceof Map && ((Map<?, ?>) imageUrl).get("url") instanceof String) {
      String url = (String) ((Map<?, ?>) imageUrl).get("url");
      if (isLongBase64(url, false)) {
        if (copy == null) {
          copy = copy(part);
        }
        Map<String, Object> masked = copy((Map<?, ?>) imageUrl);
        masked.put("url", TraceConfig.REDACTED_VALUE);
        copy.put("image_url", masked);
      }
    }
    return copy != null ? copy : part;
  }

  // A blob's content is base64 by definition; a URL is base64 only as a data URL.
  private boolean isLongBase64(String value, boolean blobContent) {
    boolean base64 = blobContent || (value.startsWith("data:image/") && value.contains("base64"));
    return base64 && value.length() > base64ImageMaxLength;
  }

  private static Map<String, Object> redacted(Map<?, ?> part, String member) {
    Map<String, Object> copy = copy(part);
    if (copy.containsKey(member)) {
      copy.put(member, TraceConfig.REDACTED_VALUE);
    }
    return copy;
  }

  private static Map<String, Object> copy(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      copy.put(String.valueOf(entry.getKey()), entry.getValue());
    }
    return copy;
  }

  @Override
  public String toString() {
    return "ContentMasker{base64ImageMaxLength=" + base64ImageMaxLength + "}";
  }
}
