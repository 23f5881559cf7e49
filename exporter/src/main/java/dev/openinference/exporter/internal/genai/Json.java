/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Reads and writes the JSON that GenAI instrumentation puts in attributes and event bodies, with
 * the semantics of JavaScript's {@code JSON.parse} / {@code JSON.stringify}: numbers are doubles,
 * object members keep their order, and writing a parsed value gives back what the OpenInference
 * reference converter writes. Parsing is iterative and bounded (depth and size), so a hostile value
 * can neither overflow the stack nor make a huge tree: it is simply not JSON.
 *
 * <p>JSON {@code null} is {@link #NULL}; a missing member is Java {@code null}.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class Json {

  /** JSON {@code null}. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  static final int MAX_DEPTH = 128;
  static final int MAX_LENGTH = 4 * 1024 * 1024;

  /** Returns the parsed value, or null when {@code text} is not a JSON document within bounds. */
  @Nullable
  public static Object parse(@Nullable String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return null;
    }
    try {
      return new Parser(text).document();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Whether JavaScript would call the value truthy (the reference's mime-type test). */
  public static boolean isTruthy(@Nullable Object value) {
    if (value == null || value == NULL) {
      return false;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return d != 0 && !Double.isNaN(d);
    }
    if (value instanceof String) {
      return !((String) value).isEmpty();
    }
    return true;
  }

  /** Writes a parsed value (or Strings, Numbers, Booleans, Maps and Lists) as JSON. */
  public static String stringify(@Nullable Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  /**
   * Returns a string value as it is, anything else as its JSON (the reference's toStringContent).
   */
  static String toStringContent(@Nullable Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    return stringify(value);
  }

  private static void write(StringBuilder sb, @Nullable Object root) {
    // An explicit stack: values built from parsing are bounded, but Maps and Lists handed in by
    // callers are not, and this must never recurse on their depth.
    List<Object> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      Object value = stack.remove(stack.size() - 1);
      if (value instanceof Token) {
        sb.append(((Token) value).text);
      } else if (value instanceof Map) {
        Map<?, ?> map = (Map<?, ?>) value;
        if (stack.size() > MAX_DEPTH * 4) {
          sb.append("null");
          continue;
        }
        List<Object> items = new ArrayList<>(map.size() * 2 + 1);
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (entry.getValue() == null) {
            continue; // JSON.stringify drops undefined members
          }
          StringBuilder key = new StringBuilder();
          if (!first) {
            key.append(',');
          }
          first = false;
          quote(key, String.valueOf(entry.getKey()));
          key.append(':');
          items.add(new Token(key.toString()));
          items.add(entry.getValue());
        }
        sb.append('{');
        stack.add(Token.CLOSE_OBJECT);
        for (int i = items.size() - 1; i >= 0; i--) {
          stack.add(items.get(i));
        }
      } else if (value instanceof List) {
        List<?> list = (List<?>) value;
        if (stack.size() > MAX_DEPTH * 4) {
          sb.append("null");
          continue;
        }
        sb.append('[');
        stack.add(Token.CLOSE_ARRAY);
        for (int i = list.size() - 1; i >= 0; i--) {
          Object element = list.get(i);
          stack.add(element == null ? NULL : element);
          if (i > 0) {
            stack.add(Token.COMMA);
          }
        }
      } else {
        scalar(sb, value);
      }
    }
  }

  private static void scalar(StringBuilder sb, @Nullable Object value) {
    if (value == null || value == NULL) {
      sb.append("null");
    } else if (value instanceof String) {
      quote(sb, (String) value);
    } else if (value instanceof Boolean) {
      sb.append(((Boolean) value).booleanValue());
    } else if (value instanceof Double || value instanceof Float) {
      sb.append(formatNumber(((Number) value).doubleValue()));
    } else if (value instanceof Number) {
      sb.append(value);
    } else {
      quote(sb, String.valueOf(value));
    }
  }

  /** Formats a number as JavaScript's {@code Number.prototype.toString} does. */
  static String formatNumber(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    if (d == 0) {
      return "0";
    }
    double abs = Math.abs(d);
    if (d == Math.rint(d) && abs < 1e21) {
      // Past 2^53 JavaScript prints the shortest digits that round-trip, then zeros.
      return abs < 9.0e15
          ? Long.toString((long) d)
          : new BigDecimal(Double.toString(d)).toPlainString();
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (abs >= 1e-6 && abs < 1e21) {
      return exact.toPlainString();
    }
    // Exponent form: d.ddde[+-]n
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    StringBuilder sb = new StringBuilder();
    if (d < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? "-" : "+").append(Math.abs(exponent));
    return sb.toString();
  }

  /** Quotes a string as {@code JSON.stringify} does (well-formed: lone surrogates escaped). */
  static void quote(StringBuilder sb, String s) {
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
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < length
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(sb, c);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u");
    String hex = Integer.toHexString(c);
    for (int pad = hex.length(); pad < 4; pad++) {
      sb.append('0');
    }
    sb.append(hex);
  }

  private static final class Token {
    static final Token CLOSE_OBJECT = new Token("}");
    static final Token CLOSE_ARRAY = new Token("]");
    static final Token COMMA = new Token(",");

    final String text;

    Token(String text) {
      this.text = text;
    }
  }

  /** An iterative recursive-descent parser: containers under construction live on a stack. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Object document() {
      skipWhitespace();
      Object result = value();
      skipWhitespace();
      if (pos != s.length()) {
        throw new IllegalArgumentException("trailing characters");
      }
      return result;
    }

    private Object value() {
      // Frames: a Map being filled with its pending key, or a List.
      List<Object> containers = new ArrayList<>();
      List<String> pendingKeys = new ArrayList<>();
      while (true) {
        skipWhitespace();
        Object produced;
        char c = s.charAt(pos);
        if (c == '{' || c == '[') {
          if (containers.size() >= MAX_DEPTH) {
            throw new IllegalArgumentException("too deep");
          }
          pos++;
          skipWhitespace();
          if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            if (s.charAt(pos) == '}') {
              pos++;
              produced = map;
            } else {
              containers.add(map);
              pendingKeys.add(key());
              continue;
            }
          } else {
            List<Object> list = new ArrayList<>();
            if (s.charAt(pos) == ']') {
              pos++;
              produced = list;
            } else {
              containers.add(list);
              pendingKeys.add(null);
              continue;
            }
          }
        } else {
          produced = scalarValue();
        }
        // Hand the value to its container, closing every container that ends here.
        while (true) {
          if (containers.isEmpty()) {
            return produced;
          }
          int top = containers.size() - 1;
          Object container = containers.get(top);
          if (container instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) container;
            map.put(pendingKeys.get(top), produced);
          } else {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) container;
            list.add(produced);
          }
          skipWhitespace();
          char next = s.charAt(pos++);
          if (next == ',') {
            if (container instanceof Map) {
              skipWhitespace();
              pendingKeys.set(top, key());
            }
            break;
          }
          if ((next == '}' && container instanceof Map)
              || (next == ']' && container instanceof List)) {
            containers.remove(top);
            pendingKeys.remove(top);
            produced = container;
            continue;
          }
          throw new IllegalArgumentException("unexpected " + next);
        }
      }
    }

    private String key() {
      if (s.charAt(pos) != '"') {
        throw new IllegalArgumentException("expected a key");
      }
      String key = string();
      skipWhitespace();
      if (s.charAt(pos++) != ':') {
        throw new IllegalArgumentException("expected ':'");
      }
      return key;
    }

    private Object scalarValue() {
      char c = s.charAt(pos);
      switch (c) {
        case '"':
          return string();
        case 't':
          expect("true");
          return true;
        case 'f':
          expect("false");
          return false;
        case 'n':
          expect("null");
          return NULL;
        default:
          return number();
      }
    }

    private void expect(String word) {
      if (!s.startsWith(word, pos)) {
        throw new IllegalArgumentException("expected " + word);
      }
      pos += word.length();
    }

    private Double number() {
      int start = pos;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      if (s.charAt(pos) == '0') {
        pos++;
      } else {
        digits();
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        digits();
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (s.charAt(pos) == '+' || s.charAt(pos) == '-') {
          pos++;
        }
        digits();
      }
      return Double.valueOf(s.substring(start, pos));
    }

    private void digits() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == start) {
        throw new IllegalArgumentException("expected a digit");
      }
    }

    private String string() {
      pos++; // opening quote
      StringBuilder sb = null;
      int start = pos;
      while (true) {
        char c = s.charAt(pos);
        if (c == '"') {
          String tail = s.substring(start, pos++);
          return sb == null ? tail : sb.append(tail).toString();
        }
        if (c < 0x20) {
          throw new IllegalArgumentException("control character in string");
        }
        if (c != '\\') {
          pos++;
          continue;
        }
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(s, start, pos);
        char escape = s.charAt(pos + 1);
        pos += 2;
        switch (escape) {
          case '"':
          case '\\':
          case '/':
            sb.append(escape);
            break;
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
            sb.append(hexChar(s.substring(pos, pos + 4)));
            pos += 4;
            break;
          default:
            throw new IllegalArgumentException("bad escape");
        }
        start = pos;
      }
    }

    private static char hexChar(String hex) {
      int c = 0;
      for (int i = 0; i < 4; i++) {
        int digit = Character.digit(hex.charAt(i), 16);
        if (digit < 0) {
          throw new IllegalArgumentException("bad unicode escape");
        }
        c = c * 16 + digit;
      }
      return (char) c;
    }

    private void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }
  }

  private Json() {}
}
