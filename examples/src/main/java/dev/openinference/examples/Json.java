/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough JSON for the examples' flat objects, so they need no JSON library. */
final class Json {

  /** Returns a JSON object of strings, numbers and booleans, in the map's iteration order. */
  static String object(Map<String, ?> fields) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(quote(field.getKey())).append(':');
      Object value = field.getValue();
      if (value instanceof Number || value instanceof Boolean) {
        json.append(value);
      } else {
        json.append(quote(String.valueOf(value)));
      }
    }
    return json.append('}').toString();
  }

  /** Returns {@code value} as a JSON string literal. */
  static String quote(String value) {
    StringBuilder json = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }

  /** Returns the string field {@code name} of a flat JSON object, or null. */
  static String stringField(String json, String name) {
    Matcher matcher =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(json);
    return matcher.find() ? matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
  }

  private Json() {}
}
