/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static dev.openinference.context.internal.RateLimitedLogger.describe;
import static dev.openinference.context.internal.RateLimitedLogger.describeThrowable;

import dev.openinference.context.internal.ContextLimits;
import dev.openinference.context.internal.ContextWarnings;
import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.context.internal.RateLimitedLogger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Checks what callers of the context API pass in: bad parts are dropped with a rate-limited warning
 * that names the value and the method, never with an exception. Reading the caller's maps, lists
 * and values runs their code ({@code entrySet()}, iterators, {@code toString()}); whatever that
 * throws is caught here, {@code Error}s included.
 */
final class Inputs {

  static final RateLimitedLogger logger = ContextWarnings.LOGGER;

  /** Returns {@code id}, or null (with a warning) when it is null, empty or blank. */
  @Nullable
  static String id(String method, String what, @Nullable String id) {
    try {
      return checkedId(method, what, id);
    } catch (Throwable t) {
      failed(method, t, "ignored the " + what);
      return null;
    }
  }

  @Nullable
  private static String checkedId(String method, String what, @Nullable String id) {
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

  /**
   * Returns the distinct usable tags, in order, within the entries and length caps, or null (with a
   * warning) when there are none.
   */
  @Nullable
  static List<String> tags(String method, @Nullable Collection<String> tags) {
    try {
      return readTags(method, tags);
    } catch (Throwable t) {
      failed(method, t, "ignored the tags");
      return null;
    }
  }

  @Nullable
  private static List<String> readTags(String method, @Nullable Collection<String> tags) {
    if (tags == null) {
      logger.warning(method + ": ignored null tags; the tags of the enclosing context stay.");
      return null;
    }
    ContextLimits limits = ContextLimits.current();
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    int dropped = 0;
    long length = 0;
    boolean cut = false;
    try {
      Iterator<?> it = tags.iterator();
      while (it.hasNext()) {
        if (distinct.size() >= limits.maxEntries()) {
          cut = true;
          break;
        }
        Object tag = it.next();
        String usable;
        if (tag instanceof String && !isBlank((String) tag)) {
          usable = (String) tag;
        } else if (tag != null && !(tag instanceof String)) {
          // Only reachable through raw types; keep the value rather than lose it.
          usable = JsonEncoder.stringify(tag);
        } else {
          dropped++;
          continue;
        }
        if (distinct.contains(usable)) {
          continue;
        }
        if (length + usable.length() > limits.maxLength()) {
          cut = true;
          break;
        }
        distinct.add(usable);
        length += usable.length();
      }
    } catch (Throwable t) {
      logger.warning(method + ": ignored tags that could not be read: " + describeThrowable(t));
      return null;
    }
    if (dropped > 0) {
      logger.warning(
          method + ": dropped " + dropped + " null, empty or blank tag(s) of " + describe(tags));
    }
    if (cut) {
      logger.warning(
          method
              + ": kept the first "
              + distinct.size()
              + " tags; more would exceed "
              + limits.maxEntries()
              + " tags or "
              + limits.maxLength()
              + " characters. Raise "
              + limits.entriesSetting()
              + " or "
              + limits.lengthSetting()
              + " to keep them.");
    }
    return distinct.isEmpty() ? null : new ArrayList<>(distinct);
  }

  /**
   * Returns {@code map} as JSON members (key to encoded value) within the caps, or null (with a
   * warning) when it is null or cannot be read. Null keys are dropped with a warning; values are
   * encoded by {@link JsonEncoder}.
   */
  @Nullable
  static Map<String, String> members(String method, String what, @Nullable Map<?, ?> map) {
    try {
      return readMembers(method, what, map);
    } catch (Throwable t) {
      failed(method, t, "ignored the " + what);
      return null;
    }
  }

  @Nullable
  private static Map<String, String> readMembers(
      String method, String what, @Nullable Map<?, ?> map) {
    if (map == null) {
      logger.warning(method + ": ignored null " + what + "; the enclosing " + what + " stays.");
      return null;
    }
    ContextLimits limits = ContextLimits.current();
    Map<String, String> members = new LinkedHashMap<>();
    boolean entriesCut = false;
    boolean nestedEntriesCut = false;
    boolean depthCut = false;
    List<String> tooLong = null;
    try {
      Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
      while (it.hasNext()) {
        if (members.size() >= limits.maxEntries()) {
          entriesCut = true;
          break;
        }
        Map.Entry<?, ?> entry = it.next();
        Object key = entry.getKey();
        Object value = entry.getValue();
        if (key == null) {
          logger.warning(
              method
                  + ": dropped the "
                  + what
                  + " entry with a null key (value "
                  + describe(value)
                  + ")");
          continue;
        }
        String name = key instanceof String ? (String) key : JsonEncoder.stringify(key);
        // The member must fit the object on its own: braces, quoted key and colon included.
        int budget = limits.maxJsonLength() - JsonEncoder.quote(name).length() - 3;
        JsonEncoder.Encoding encoding = JsonEncoder.encode(value, limits, budget);
        nestedEntriesCut |= encoding.entriesCut();
        depthCut |= encoding.depthCut();
        if (encoding.json() == null) {
          if (tooLong == null) {
            tooLong = new ArrayList<>();
          }
          tooLong.add(name);
          continue;
        }
        members.put(name, encoding.json());
      }
    } catch (Throwable t) {
      logger.warning(
          method + ": ignored " + what + " that could not be read: " + describeThrowable(t));
      return null;
    }
    if (entriesCut) {
      logger.warning(
          method
              + ": "
              + what
              + " has more than "
              + limits.maxEntries()
              + " entries; kept the first "
              + members.size()
              + ". Raise "
              + limits.entriesSetting()
              + " to keep more.");
    }
    if (tooLong != null) {
      logger.warning(
          method
              + ": dropped the "
              + what
              + " entries "
              + describe(tooLong)
              + ": each is longer than "
              + limits.maxJsonLength()
              + " characters as JSON. Raise "
              + limits.jsonLengthSetting()
              + " to keep them.");
    }
    if (nestedEntriesCut) {
      logger.warning(
          method
              + ": a map or list in the "
              + what
              + " has more than "
              + limits.maxEntries()
              + " entries; kept the first ones. Raise "
              + limits.entriesSetting()
              + " to keep more.");
    }
    if (depthCut) {
      logger.warning(
          method
              + ": a value in the "
              + what
              + " nests deeper than "
              + limits.maxDepth()
              + " levels; the deeper part was written as \"[too deep]\". Raise "
              + limits.depthSetting()
              + " to keep it.");
    }
    return members;
  }

  static void warn(String message) {
    logger.warning(message);
  }

  /** Warns that {@code method} failed unexpectedly and what the caller gets instead. */
  static void failed(String method, Throwable t, String instead) {
    try {
      logger.warning(method + " failed and " + instead + ": " + describeThrowable(t));
    } catch (Throwable ignored) {
      // Building the message can only fail when the heap is exhausted; the caller carries on.
    }
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
