/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.semconv.MimeType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Turns the inputs and outputs handed to the span helpers into an attribute value and its mime
 * type: text stays text ({@code text/plain}); maps, collections, arrays and records become JSON
 * ({@code application/json}); anything else is its {@code toString()}. Never throws.
 */
final class SpanValues {

  static final RateLimitedLogger logger = RateLimitedLogger.create(OpenInferenceTracer.class);

  private static final int MAX_DEPTH = 32;

  // Class.isRecord and Class.getRecordComponents exist from Java 16; this module targets Java 8.
  @Nullable private static final Method IS_RECORD = method(Class.class, "isRecord");

  @Nullable
  private static final Method GET_RECORD_COMPONENTS = method(Class.class, "getRecordComponents");

  @Nullable
  private static final Method COMPONENT_NAME =
      method(className("java.lang.reflect.RecordComponent"), "getName");

  @Nullable
  private static final Method COMPONENT_ACCESSOR =
      method(className("java.lang.reflect.RecordComponent"), "getAccessor");

  private static final boolean RECORDS =
      IS_RECORD != null
          && GET_RECORD_COMPONENTS != null
          && COMPONENT_NAME != null
          && COMPONENT_ACCESSOR != null;

  /** A value ready for {@code input.value} / {@code output.value}, with its mime type. */
  static final class Encoded {
    final String value;
    final MimeType mimeType;

    Encoded(String value, MimeType mimeType) {
      this.value = value;
      this.mimeType = mimeType;
    }
  }

  /** Returns {@code value} encoded, or null when it is null. */
  @Nullable
  static Encoded encode(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof Optional) {
        return encode(((Optional<?>) value).orElse(null));
      }
      if (isText(value)) {
        return new Encoded(JsonEncoder.stringify(value), MimeType.TEXT);
      }
      if (isJackson(value.getClass())) {
        // A Jackson tree prints as JSON; iterating it would lose an object's keys.
        return new Encoded(JsonEncoder.stringify(value), MimeType.JSON);
      }
      if (isStructured(value)) {
        return new Encoded(
            JsonEncoder.toJson(plain(value, 0, new IdentityHashMap<>())), MimeType.JSON);
      }
      return new Encoded(JsonEncoder.stringify(value), MimeType.TEXT);
    } catch (RuntimeException | StackOverflowError e) {
      logger.warning(
          "OpenInference span helpers: could not encode a "
              + value.getClass().getName()
              + " ("
              + e
              + "); recorded its toString() instead.");
      return new Encoded(JsonEncoder.stringify(value), MimeType.TEXT);
    }
  }

  /** Returns {@code value} as a JSON string: a String is taken to be JSON already. */
  @Nullable
  static String json(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof CharSequence) {
      return value.toString();
    }
    if (isJackson(value.getClass())) {
      return JsonEncoder.stringify(value);
    }
    try {
      return JsonEncoder.toJson(plain(value, 0, new IdentityHashMap<>()));
    } catch (RuntimeException | StackOverflowError e) {
      return JsonEncoder.quote(JsonEncoder.stringify(value));
    }
  }

  private static boolean isText(Object value) {
    return value instanceof CharSequence
        || value instanceof Character
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Enum
        || value instanceof java.nio.file.Path;
  }

  private static boolean isStructured(Object value) {
    return value instanceof Map
        || value instanceof Iterable
        || value.getClass().isArray()
        || isRecord(value.getClass());
  }

  private static boolean isJackson(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals("com.fasterxml.jackson.databind.JsonNode")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns {@code value} with records replaced by maps of their components, so that {@link
   * JsonEncoder} (which knows maps, iterables and arrays) writes them as objects. Without records
   * at run time the value is returned as it is.
   */
  @Nullable
  private static Object plain(
      @Nullable Object value, int depth, IdentityHashMap<Object, Boolean> path) {
    if (!RECORDS
        || value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || isJackson(value.getClass())) {
      return value;
    }
    boolean record = isRecord(value.getClass());
    boolean container =
        value instanceof Map
            || (value instanceof Iterable && !(value instanceof java.nio.file.Path))
            || value instanceof Object[]
            || value instanceof Optional;
    if (!record && !container) {
      return value;
    }
    if (path.containsKey(value)) {
      return "[cycle]";
    }
    if (depth >= MAX_DEPTH) {
      return "[too deep]";
    }
    path.put(value, Boolean.TRUE);
    try {
      if (record) {
        return recordComponents(value, depth, path);
      }
      if (value instanceof Optional) {
        return plain(((Optional<?>) value).orElse(null), depth, path);
      }
      if (value instanceof Map) {
        Map<Object, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          copy.put(entry.getKey(), plain(entry.getValue(), depth + 1, path));
        }
        return copy;
      }
      List<Object> copy = new ArrayList<>();
      if (value instanceof Iterable) {
        for (Object element : (Iterable<?>) value) {
          copy.add(plain(element, depth + 1, path));
        }
      } else {
        int length = Array.getLength(value);
        for (int i = 0; i < length; i++) {
          copy.add(plain(Array.get(value, i), depth + 1, path));
        }
      }
      return copy;
    } catch (RuntimeException e) {
      // A container that fails while read: let JsonEncoder write its marker for it.
      return value;
    } finally {
      path.remove(value);
    }
  }

  private static Object recordComponents(
      Object record, int depth, IdentityHashMap<Object, Boolean> path) {
    Map<String, Object> members = new LinkedHashMap<>();
    try {
      Object[] components = (Object[]) GET_RECORD_COMPONENTS.invoke(record.getClass());
      for (Object component : components) {
        String name = (String) COMPONENT_NAME.invoke(component);
        Method accessor = (Method) COMPONENT_ACCESSOR.invoke(component);
        members.put(name, plain(read(accessor, record), depth + 1, path));
      }
      return members;
    } catch (Exception | LinkageError e) {
      return JsonEncoder.stringify(record);
    }
  }

  private static Object read(Method accessor, Object record) throws Exception {
    try {
      return accessor.invoke(record);
    } catch (IllegalAccessException e) {
      // A record class that is not public: its accessors are public, the class is not.
      accessor.setAccessible(true);
      return accessor.invoke(record);
    }
  }

  private static boolean isRecord(Class<?> type) {
    if (!RECORDS) {
      return false;
    }
    try {
      return (Boolean) IS_RECORD.invoke(type);
    } catch (Exception e) {
      return false;
    }
  }

  @Nullable
  private static Method method(@Nullable Class<?> type, String name) {
    if (type == null) {
      return null;
    }
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  @Nullable
  private static Class<?> className(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private SpanValues() {}
}
