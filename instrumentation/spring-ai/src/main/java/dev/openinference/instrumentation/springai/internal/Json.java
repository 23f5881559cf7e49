/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import dev.openinference.context.internal.JsonEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/** JSON helpers over the project's never-throwing encoder. */
final class Json {

  private Json() {}

  static String encode(@Nullable Object value) {
    return JsonEncoder.toJson(value);
  }

  /**
   * Returns {@code text} as it stands when it already reads as a JSON document (a tool's schema or
   * arguments), else as a JSON string literal, so it can be embedded in a larger document.
   */
  static String embed(@Nullable String text) {
    if (text == null) {
      return "null";
    }
    return looksLikeJson(text) ? text.trim() : JsonEncoder.quote(text);
  }

  /** True when {@code text} starts and ends like a JSON object, array or string. */
  static boolean looksLikeJson(@Nullable String text) {
    if (text == null) {
      return false;
    }
    String t = text.trim();
    if (t.length() < 2) {
      return false;
    }
    char first = t.charAt(0);
    char last = t.charAt(t.length() - 1);
    return (first == '{' && last == '}')
        || (first == '[' && last == ']')
        || (first == '"' && last == '"');
  }

  /** A JSON object from already-encoded member values, in insertion order. */
  static String object(Map<String, String> encodedMembers) {
    return JsonEncoder.objectOfEncoded(encodedMembers);
  }

  static Map<String, String> members() {
    return new LinkedHashMap<>();
  }
}
