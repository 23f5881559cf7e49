/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import java.util.List;
import javax.annotation.Nullable;

/**
 * Reads GenAI attribute values whatever type they arrived as: instrumentation that goes through
 * Micrometer (Spring AI) records every value as a string, so {@code "42"} is a token count and
 * {@code "0.7"} a temperature.
 */
final class AttributeValues {

  /** Returns the value as a whole number, or null when it is not one. */
  @Nullable
  static Long toLong(@Nullable Object value) {
    if (value instanceof Long) {
      return (Long) value;
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return isWhole(d) ? (long) d : null;
    }
    if (value instanceof String) {
      String text = ((String) value).trim();
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // try a decimal form such as "12.0"
      }
      try {
        double d = Double.parseDouble(text);
        return isWhole(d) ? (long) d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Returns a non-blank string form of a scalar value, or null for lists and blank strings. */
  @Nullable
  static String toText(@Nullable Object value) {
    if (value == null || value instanceof List) {
      return null;
    }
    String text = value.toString();
    return text.trim().isEmpty() ? null : text;
  }

  /**
   * Returns the value for a JSON document: numbers and booleans as they are, strings that spell a
   * number or a boolean as that number or boolean, lists as they are.
   */
  static Object toJsonValue(Object value) {
    if (!(value instanceof String)) {
      return value;
    }
    String text = ((String) value).trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // maybe a decimal
      }
      try {
        double d = Double.parseDouble(text);
        if (!Double.isNaN(d) && !Double.isInfinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // a plain string
      }
    }
    return value;
  }

  private static boolean isWhole(double d) {
    return !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d)
        && Math.abs(d) < 9.0e18;
  }

  private AttributeValues() {}
}
