/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The metadata keys that name a session when no {@code session.id} is set: {@code session_id},
 * {@code thread_id}, {@code conversation_id}, first present wins. These are the keys LangSmith
 * groups threads by (https://docs.langchain.com/langsmith/threads, "Group traces into threads") and
 * the ones the OpenInference LangChain integration maps to {@code session.id}, so the LangChain
 * habit {@code usingMetadata(Map.of("thread_id", id))} gives a session.
 *
 * <p>A value counts when it is a non-blank string or a number (its JSON text); objects, lists,
 * booleans and null do not name a session.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class SessionKeys {

  /** The metadata keys, in the order they are tried. */
  public static final List<String> METADATA_KEYS =
      Collections.unmodifiableList(Arrays.asList("session_id", "thread_id", "conversation_id"));

  private SessionKeys() {}

  /** Returns the session id that metadata of encoded JSON members names, or null. */
  @Nullable
  public static String fromEncodedMembers(@Nullable Map<String, String> members) {
    if (members == null || members.isEmpty()) {
      return null;
    }
    for (String key : METADATA_KEYS) {
      String encoded = members.get(key);
      if (encoded == null) {
        continue;
      }
      String id = idOfEncoded(encoded);
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  /**
   * Returns the session id that parsed metadata names (values as a JSON parser gives them: strings,
   * numbers, maps, lists...), or null.
   */
  @Nullable
  public static String fromValues(@Nullable Map<?, ?> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return null;
    }
    for (String key : METADATA_KEYS) {
      Object value = metadata.get(key);
      String id = null;
      if (value instanceof String) {
        id = nonBlank((String) value);
      } else if (value instanceof Number) {
        id = numberText((Number) value);
      }
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  /** A whole double prints without its ".0", so {@code thread_id: 42} is "42" either way. */
  private static String numberText(Number number) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
    }
    return number.toString();
  }

  @Nullable
  private static String idOfEncoded(String encoded) {
    if (encoded.isEmpty()) {
      return null;
    }
    char first = encoded.charAt(0);
    if (first == '"') {
      String decoded = decodeString(encoded);
      return decoded == null ? null : nonBlank(decoded);
    }
    if (first == '-' || (first >= '0' && first <= '9')) {
      return encoded;
    }
    return null;
  }

  /**
   * Returns the text of an encoded JSON value: a string literal unquoted and unescaped, anything
   * else (numbers, booleans, objects, lists) as its JSON text.
   */
  public static String textOfEncoded(String encoded) {
    if (!encoded.isEmpty() && encoded.charAt(0) == '"') {
      String decoded = decodeString(encoded);
      if (decoded != null) {
        return decoded;
      }
    }
    return encoded;
  }

  /** Decodes one JSON string literal, quotes included; null when it is not one. */
  @Nullable
  static String decodeString(String literal) {
    int end = literal.length() - 1;
    if (end < 1 || literal.charAt(0) != '"' || literal.charAt(end) != '"') {
      return null;
    }
    if (literal.indexOf('\\') < 0) {
      return literal.substring(1, end);
    }
    StringBuilder sb = new StringBuilder(end);
    for (int i = 1; i < end; i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= end) {
        return null;
      }
      char e = literal.charAt(i);
      switch (e) {
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          if (i + 5 > end) {
            return null;
          }
          try {
            sb.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException ex) {
            return null;
          }
          i += 4;
          break;
        default:
          // \" \\ \/ stand for themselves.
          sb.append(e);
      }
    }
    return sb.toString();
  }

  @Nullable
  private static String nonBlank(String value) {
    return value.trim().isEmpty() ? null : value;
  }
}
