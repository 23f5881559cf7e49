/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.context.internal.RateLimitedLogger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Checks what callers of the context API pass in: bad parts are dropped with a rate-limited
 * warning that names the value and the method, never with an exception.
 */
final class Inputs {

  static final RateLimitedLogger logger = RateLimitedLogger.create(OpenInference.class);

  /** Returns {@code id}, or null (with a warning) when it is null, empty or blank. */
  @Nullable
  static String id(String method, String what, @Nullable String id) {
    if (id == null || isBlank(id)) {
      logger.warning(
          method
              + ": ignored "
              + (id == null ? "a null " : id.isEmpty() ? "an empty " : "a blank ")
              + what
              + (id == null || id.isEmpty() ? "" : " " + describe(id))
              + "; the "
              + what
              + " of the enclosing context (if any) stays in effect.");
      return null;
    }
    return id;
  }

  /** Returns the distinct usable tags, in order, or null (with a warning) when there are none. */
  @Nullable
  static List<String> tags(String method, @Nullable Collection<String> tags) {
    if (tags == null) {
      logger.warning(method + ": ignored null tags; the tags of the enclosing context stay.");
      return null;
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    int dropped = 0;
    try {
      for (Object tag : tags) {
        if (tag instanceof String && !isBlank((String) tag)) {
          distinct.add((String) tag);
        } else if (tag != null && !(tag instanceof String)) {
          // Only reachable through raw types; keep the value rather than lose it.
          distinct.add(JsonEncoder.stringify(tag));
        } else {
          dropped++;
        }
      }
    } catch (RuntimeException e) {
      logger.warning(method + ": ignored tags that could not be read: " + e, e);
      return null;
    }
    if (dropped > 0) {
      logger.warning(
          method + ": dropped " + dropped + " null, empty or blank tag(s) of " + describe(tags));
    }
    return distinct.isEmpty() ? null : new ArrayList<>(distinct);
  }

  /**
   * Returns {@code map} as JSON members (key to encoded value), or null (with a warning) when it is
   * null. Null keys are dropped with a warning; values are encoded by {@link JsonEncoder}.
   */
  @Nullable
  static Map<String, String> members(String method, String what, @Nullable Map<?, ?> map) {
    if (map == null) {
      logger.warning(method + ": ignored null " + what + "; the enclosing " + what + " stays.");
      return null;
    }
    Map<String, String> members = new LinkedHashMap<>();
    try {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object key = entry.getKey();
        if (key == null) {
          logger.warning(
              method
                  + ": dropped the "
                  + what
                  + " entry with a null key (value "
                  + describe(entry.getValue())
                  + ")");
          continue;
        }
        members.put(
            key instanceof String ? (String) key : JsonEncoder.stringify(key),
            JsonEncoder.toJson(entry.getValue()));
      }
    } catch (RuntimeException e) {
      logger.warning(method + ": ignored " + what + " that could not be read: " + e, e);
      return null;
    }
    return members;
  }

  static void warn(String message) {
    logger.warning(message);
  }

  static void warn(String message, Throwable thrown) {
    logger.warning(message, thrown);
  }

  private static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private Inputs() {}
}
