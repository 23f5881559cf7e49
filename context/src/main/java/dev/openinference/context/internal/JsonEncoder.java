/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.math.BigDecimal;
import java.math.BigInteger;
import javax.annotation.Nullable;

/**
 * Encodes arbitrary Java values as JSON without ever throwing, for attributes such as {@code
 * metadata} and {@code llm.prompt_template.variables} that OpenInference defines as JSON strings.
 *
 * <p>Maps become objects (keys through {@link String#valueOf}), iterables and arrays become
 * arrays, numbers, booleans and null keep their JSON form, and anything else becomes its {@code
 * toString()}. What JSON cannot hold is made to fit: non-finite numbers become strings, control
 * characters are escaped, lone surrogates become U+FFFD, a container met again inside itself
 * becomes {@code "[cycle]"}, nesting deeper than {@value #MAX_DEPTH} becomes {@code "[too
 * deep]"}, and a {@code toString()} or iterator that throws becomes a {@code "[unprintable ...]"}
 * marker.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class JsonEncoder {

  static final int MAX_DEPTH = 32;

  /** Returns {@code value} as a JSON document. */
  public static String toJson(@Nullable Object value) {
    StringBuilder sb = new StringBuilder();
    new Writer(sb).value(value, 0);
    return sb.toString();
  }

  /** Returns {@code value} as a JSON string literal, quotes included. */
  public static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2);
    appendString(sb, value);
    return sb.toString();
  }

  /**
   * Returns a JSON object whose members are the given already-encoded values, in map order. Keys
   * are quoted here; values are written as they are.
   */
  public static String objectOfEncoded(Map<String, String> encodedMembers) {
    StringBuilder sb = new StringBuilder(16 * encodedMembers.size() + 2).append('{');
    boolean first = true;
    for (Map.Entry<String, String> member : encodedMembers.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      appendString(sb, member.getKey());
      sb.append(':').append(member.getValue());
    }
    return sb.append('}').toString();
  }

  static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            appendUnicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              sb.append('\uFFFD');
            }
          } else if (Character.isLowSurrogate(c)) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u");
    String hex = Integer.toHexString(c);
    for (int pad = hex.length(); pad < 4; pad++) {
      sb.append('0');
    }
    sb.append(hex);
  }

  /** Holds the containers on the path from the root, to cut cycles. */
  private static final class Writer {
    private final StringBuilder sb;
    private final List<Object> path = new ArrayList<>();

    Writer(StringBuilder sb) {
      this.sb = sb;
    }

    void value(@Nullable Object value, int depth) {
      if (value == null) {
        sb.append("null");
      } else if (value instanceof String) {
        appendString(sb, (String) value);
      } else if (value instanceof Boolean) {
        sb.append(((Boolean) value).booleanValue());
      } else if (value instanceof Number) {
        number((Number) value);
      } else if (value instanceof Character || value instanceof CharSequence) {
        appendString(sb, value.toString());
      } else if (value instanceof Optional) {
        value(((Optional<?>) value).orElse(null), depth);
      } else if (value instanceof Map || value instanceof Iterable || value.getClass().isArray()) {
        container(value, depth);
      } else {
        appendString(sb, stringify(value));
      }
    }

    private void number(Number n) {
      if (n instanceof Double || n instanceof Float) {
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          appendString(sb, n.toString());
        } else {
          sb.append(n.toString());
        }
      } else if (n instanceof Integer
          || n instanceof Long
          || n instanceof Short
          || n instanceof Byte
          || n instanceof BigInteger
          || n instanceof BigDecimal
          || n instanceof AtomicInteger
          || n instanceof AtomicLong) {
        sb.append(n.toString());
      } else {
        // An unknown Number's toString() need not be a JSON number.
        appendString(sb, stringify(n));
      }
    }

    private void container(Object value, int depth) {
      for (Object open : path) {
        if (open == value) {
          appendString(sb, "[cycle]");
          return;
        }
      }
      if (depth >= MAX_DEPTH) {
        appendString(sb, "[too deep]");
        return;
      }
      int mark = sb.length();
      path.add(value);
      try {
        if (value instanceof Map) {
          map((Map<?, ?>) value, depth);
        } else if (value instanceof Iterable) {
          iterable((Iterable<?>) value, depth);
        } else {
          array(value, depth);
        }
      } catch (RuntimeException | StackOverflowError e) {
        // A concurrently modified or lazily failing container: keep the JSON valid.
        sb.setLength(mark);
        appendString(sb, "[unprintable " + value.getClass().getName() + ": " + e + "]");
      } finally {
        path.remove(path.size() - 1);
      }
    }

    private void map(Map<?, ?> map, int depth) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        Object key = entry.getKey();
        appendString(sb, key instanceof String ? (String) key : stringify(key));
        sb.append(':');
        value(entry.getValue(), depth + 1);
      }
      sb.append('}');
    }

    private void iterable(Iterable<?> iterable, int depth) {
      sb.append('[');
      Iterator<?> it = iterable.iterator();
      boolean first = true;
      while (it.hasNext()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        value(it.next(), depth + 1);
      }
      sb.append(']');
    }

    private void array(Object array, int depth) {
      sb.append('[');
      int length = Array.getLength(array);
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        value(Array.get(array, i), depth + 1);
      }
      sb.append(']');
    }
  }

  /** Returns {@code String.valueOf(value)}, or a marker when {@code toString()} throws. */
  public static String stringify(@Nullable Object value) {
    try {
      return String.valueOf(value);
    } catch (Throwable t) {
      return "[unprintable " + value.getClass().getName() + ": " + t + "]";
    }
  }

  private JsonEncoder() {}
}
