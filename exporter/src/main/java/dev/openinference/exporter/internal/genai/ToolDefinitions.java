/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Normalises a GenAI tool definition ({@code gen_ai.tool.definitions} element) to the OpenAI
 * function shape OpenInference's {@code tool.json_schema} expects: {@code {"type": "function",
 * "function": {"name", "description", "parameters"}}}. A definition already in that shape, or one
 * without a name, is kept as it is.
 */
final class ToolDefinitions {

  @Nullable
  static Object normalize(@Nullable Object definition) {
    if (!(definition instanceof Map)) {
      return definition;
    }
    Map<?, ?> map = (Map<?, ?>) definition;
    if (map.get("function") instanceof Map) {
      return map;
    }
    if (!(map.get("name") instanceof String)) {
      return map;
    }
    Object parameters = present(map.get("parameters"));
    if (parameters == null) {
      parameters = present(map.get("inputSchema"));
    }
    if (parameters == null) {
      parameters = present(map.get("input_schema"));
    }
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("name", map.get("name"));
    if (map.get("description") instanceof String) {
      function.put("description", map.get("description"));
    }
    if (parameters != null) {
      function.put("parameters", parameters);
    }
    Map<String, Object> normalized = new LinkedHashMap<>();
    normalized.put("type", map.get("type") instanceof String ? map.get("type") : "function");
    normalized.put("function", function);
    return normalized;
  }

  @Nullable
  private static Object present(@Nullable Object value) {
    return value == Json.NULL ? null : value;
  }

  private ToolDefinitions() {}
}
