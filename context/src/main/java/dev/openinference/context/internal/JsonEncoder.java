/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;

/**
 * Encodes arbitrary Java values as JSON without ever throwing, for attributes such as {@code
 * metadata} and {@code llm.prompt_template.variables} that OpenInference defines as JSON strings.
 *
 * <p>Maps become objects (keys through {@link String#valueOf}), iterables and arrays become arrays,
 * numbers, booleans and null keep their JSON form, and anything else becomes its {@code
 * toString()}. What JSON cannot hold is made to fit: non-finite numbers become strings, control
 * characters are escaped, lone surrogates become U+FFFD, a container met again inside itself
 * becomes {@code "[cycle]"}, nesting deeper than the depth cap becomes {@code "[too deep]"}, a map
 * or list longer than the entries cap keeps its first entries, and a {@code toString()}, iterator
 * or map that throws (anything, {@code Error}s included) becomes a {@code "[unprintable ...]"}
 * marker.
 *
 * <p>The encoder never recurses: nested containers are walked with an explicit stack whose height
 * is the depth cap, so no input, however deep, can overflow the thread's stack. Output stops at a
 * length budget, which bounds the work on infinite iterables and on shared sub-values repeated
 * exponentially often.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class JsonEncoder {

  /** The outcome of {@link #encode}: the JSON, or null when it was longer than the budget. */
  public static final class Encoding {
    @Nullable private final String json;
    private final boolean entriesCut;
    private final boolean depthCut;
    private final int unprintable;
    private final boolean cycle;

    Encoding(
        @Nullable String json,
        boolean entriesCut,
        boolean depthCut,
        int unprintable,
        boolean cycle) {
      this.json = json;
      this.entriesCut = entriesCut;
      this.depthCut = depthCut;
      this.unprintable = unprintable;
      this.cycle = cycle;
    }

    /** Returns the JSON, or null when it would have been longer than the budget. */
    @Nullable
    public String json() {
      return json;
    }

    /** Returns whether a map or list was cut to the entries cap. */
    public boolean entriesCut() {
      return entriesCut;
    }

    /** Returns whether nesting was cut at the depth cap. */
    public boolean depthCut() {
      return depthCut;
    }

    /** Returns how many parts were written as {@code "[unprintable ...]"} markers. */
    public int unprintable() {
      return unprintable;
    }

    /** Returns whether a container met again inside itself was written as {@code "[cycle]"}. */
    public boolean cycle() {
      return cycle;
    }

    @Override
    public String toString() {
      return "Encoding{json="
          + (json == null ? "too long" : json.length() + " chars")
          + ", entriesCut="
          + entriesCut
          + ", depthCut="
          + depthCut
          + ", unprintable="
          + unprintable
          + "}";
    }
  }

  /**
   * Returns {@code value} as a JSON document, within the {@linkplain ContextLimits#current() caps
   * in effect}; a value whose JSON would be longer than the length cap becomes a JSON string saying
   * so.
   */
  public static String toJson(@Nullable Object value) {
    ContextLimits limits = ContextLimits.current();
    Encoding encoding = encode(value, limits, limits.maxLength());
    String json = encoding.json();
    return json != null ? json : quote("[too long: over " + limits.maxLength() + " characters]");
  }

  /**
   * Returns {@code value} encoded within {@code limits}' entries and depth caps and at most {@code
   * maxLength} characters long. Never throws.
   */
  public static Encoding encode(@Nullable Object value, ContextLimits limits, int maxLength) {
    Writer writer = new Writer(limits.maxEntries(), limits.maxDepth(), maxLength);
    try {
      writer.write(value);
    } catch (Throwable t) {
      // Only an OutOfMemoryError or the like can get here: every call into user code is guarded.
      return new Encoding(
          null, writer.entriesCut, writer.depthCut, writer.unprintable + 1, writer.cycle);
    }
    boolean tooLong = writer.tooLong || writer.sb.length() > maxLength;
    return new Encoding(
        tooLong ? null : writer.sb.toString(),
        writer.entriesCut,
        writer.depthCut,
        writer.unprintable,
        writer.cycle);
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

  /** One open container: what to iterate and where its output began. */
  private static final class Frame {
    final Object container;
    final int mark;
    @Nullable final Iterator<?> iterator;
    final boolean isMap;
    final int length;
    int index;

    Frame(Object container, int mark, @Nullable Iterator<?> iterator, boolean isMap, int length) {
      this.container = container;
      this.mark = mark;
      this.iterator = iterator;
      this.isMap = isMap;
      this.length = length;
    }
  }

  /** Writes one value; the stack holds the containers on the path from the root, to cut cycles. */
  private static final class Writer {
    final StringBuilder sb = new StringBuilder();
    private static final int SCAN_DEPTH = 16;
    private final List<Frame> stack = new ArrayList<>();
    @Nullable private IdentityHashMap<Object, Boolean> deepPath;
    private final int maxEntries;
    private final int maxDepth;
    private final int maxLength;
    boolean tooLong;
    boolean entriesCut;
    boolean depthCut;
    boolean cycle;
    int unprintable;

    Writer(int maxEntries, int maxDepth, int maxLength) {
      this.maxEntries = maxEntries;
      this.maxDepth = maxDepth;
      this.maxLength = maxLength;
    }

    void write(@Nullable Object root) {
      value(root);
      while (!stack.isEmpty() && !tooLong) {
        Frame frame = stack.get(stack.size() - 1);
        try {
          step(frame);
        } catch (Throwable t) {
          // The container's own iteration failed (a concurrent modification, a throwing
          // iterator or entry): replace all of it by a marker, keep the JSON valid.
          pop();
          sb.setLength(frame.mark);
          unprintable(frame.container, t);
        }
        if (sb.length() > maxLength) {
          tooLong = true;
        }
      }
    }

    /** Writes the next entry of {@code frame}, or closes it. */
    private void step(Frame frame) {
      Iterator<?> it = frame.iterator;
      boolean more = it != null ? it.hasNext() : frame.index < frame.length;
      if (more && frame.index >= maxEntries) {
        entriesCut = true;
        more = false;
      }
      if (!more) {
        pop();
        sb.append(frame.isMap ? '}' : ']');
        return;
      }
      if (frame.index > 0) {
        sb.append(',');
      }
      Object child;
      if (it == null) {
        child = Array.get(frame.container, frame.index);
      } else if (frame.isMap) {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) it.next();
        Object key = entry.getKey();
        child = entry.getValue();
        string(key instanceof String ? (String) key : stringify(key));
        sb.append(':');
      } else {
        child = it.next();
      }
      frame.index++;
      value(child);
    }

    private void value(@Nullable Object value) {
      while (value instanceof Optional) {
        value = ((Optional<?>) value).orElse(null);
      }
      if (value == null) {
        sb.append("null");
      } else if (value instanceof String) {
        string((String) value);
      } else if (value instanceof Boolean) {
        sb.append(((Boolean) value).booleanValue());
      } else if (value instanceof Number) {
        number((Number) value);
      } else if (value instanceof Map || value instanceof Iterable || value.getClass().isArray()) {
        open(value);
      } else {
        // Characters, CharSequences and everything else: their toString(), guarded.
        string(stringify(value));
      }
    }

    private void number(Number n) {
      Class<?> type = n.getClass();
      if (type == Double.class || type == Float.class) {
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          string(n.toString());
        } else {
          sb.append(n.toString());
        }
      } else if (type == Integer.class
          || type == Long.class
          || type == Short.class
          || type == Byte.class
          || type == AtomicInteger.class
          || type == AtomicLong.class
          || type == BigDecimal.class) {
        sb.append(n.toString());
      } else if (type == BigInteger.class) {
        // Decimal digits are about 0.3 per bit: a number too long to fit is not printed at all.
        if (((BigInteger) n).bitLength() / 4 > maxLength) {
          tooLong = true;
        } else {
          sb.append(n.toString());
        }
      } else {
        // A subclass or unknown Number: its toString() is user code and need not be a JSON number.
        string(stringify(n));
      }
    }

    private void open(Object container) {
      if (onPath(container)) {
        cycle = true;
        string("[cycle]");
        return;
      }
      if (stack.size() >= maxDepth) {
        depthCut = true;
        string("[too deep]");
        return;
      }
      Frame frame;
      try {
        if (container instanceof Map) {
          frame =
              new Frame(
                  container, sb.length(), ((Map<?, ?>) container).entrySet().iterator(), true, 0);
        } else if (container instanceof Iterable) {
          frame = new Frame(container, sb.length(), ((Iterable<?>) container).iterator(), false, 0);
        } else {
          frame = new Frame(container, sb.length(), null, false, Array.getLength(container));
        }
        if (frame.iterator == null && !container.getClass().isArray()) {
          throw new NullPointerException("iterator() returned null");
        }
      } catch (Throwable t) {
        unprintable(container, t);
        return;
      }
      sb.append(frame.isMap ? '{' : '[');
      push(frame);
    }

    /** Returns whether {@code container} is open already: identity, not equals (user code). */
    private boolean onPath(Object container) {
      if (deepPath != null) {
        return deepPath.containsKey(container);
      }
      for (int i = 0; i < stack.size(); i++) {
        if (stack.get(i).container == container) {
          return true;
        }
      }
      return false;
    }

    private void push(Frame frame) {
      stack.add(frame);
      if (deepPath != null) {
        deepPath.put(frame.container, Boolean.TRUE);
      } else if (stack.size() > SCAN_DEPTH) {
        // Past a few levels a scan per container would make deep input quadratic.
        deepPath = new IdentityHashMap<>();
        for (Frame open : stack) {
          deepPath.put(open.container, Boolean.TRUE);
        }
      }
    }

    private void pop() {
      Frame frame = stack.remove(stack.size() - 1);
      if (deepPath != null) {
        deepPath.remove(frame.container);
      }
    }

    private void unprintable(Object value, Throwable t) {
      unprintable++;
      string(unprintableMarker(value, t));
    }

    private void string(String s) {
      if (sb.length() + s.length() + 2 > maxLength) {
        tooLong = true;
        return;
      }
      appendString(sb, s);
    }
  }

  /**
   * Returns {@code String.valueOf(value)}, or a marker when {@code toString()} throws anything (a
   * recursive one's {@link StackOverflowError} included) or returns null.
   */
  public static String stringify(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    try {
      String s = value.toString();
      return s != null ? s : "null";
    } catch (Throwable t) {
      return unprintableMarker(value, t);
    }
  }

  private static String unprintableMarker(Object value, Throwable t) {
    String thrown = t.getClass().getName();
    try {
      // The message is user code too: read it once, guarded, and keep it short.
      String message = t.getMessage();
      if (message != null) {
        thrown += ": " + (message.length() > 100 ? message.substring(0, 100) + "..." : message);
      }
    } catch (Throwable unreadable) {
      // The class name alone names it.
    }
    return "[unprintable " + value.getClass().getName() + ": " + thrown + "]";
  }

  private JsonEncoder() {}
}
