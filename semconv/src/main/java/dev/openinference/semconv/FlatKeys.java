/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Builds the flattened {@code <list>.<index>.<leaf>} keys of list attributes.
 *
 * <p>A prefix of {@code null} stands for an invalid element (a negative index somewhere up the
 * path); every key built under it has an empty name, which the OpenTelemetry API and SDK ignore, so
 * the value is dropped instead of landing under a wrong index.
 */
final class FlatKeys {

  private static final Logger logger = Logger.getLogger(SemanticConventions.class.getName());
  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final AtomicBoolean warned = new AtomicBoolean();
  private static final AtomicLong lastWarningNanos = new AtomicLong();

  /** Returns {@code list.index}, or {@code null} when {@code list} is null or index negative. */
  @Nullable
  static String element(@Nullable String list, int index) {
    if (list == null) {
      return null;
    }
    if (index < 0) {
      warnNegativeIndex(list, index);
      return null;
    }
    return list + '.' + index;
  }

  /** Returns {@code parent.child}, or {@code null} when {@code parent} is null. */
  @Nullable
  static String child(@Nullable String parent, String child) {
    return parent == null ? null : parent + '.' + child;
  }

  /** Returns {@code prefix.<leaf name>} with the type of {@code leaf}; empty name for null. */
  static <T> AttributeKey<T> leaf(@Nullable String prefix, AttributeKey<T> leaf) {
    return create(prefix == null ? "" : prefix + '.' + leaf.getKey(), leaf.getType());
  }

  static AttributeKey<String> stringLeaf(@Nullable String prefix, AttributeKey<String> leaf) {
    return leaf(prefix, leaf);
  }

  /** Returns the prefix as shown to users: the empty string for an invalid element. */
  static String display(@Nullable String prefix) {
    return prefix == null ? "" : prefix;
  }

  @SuppressWarnings("unchecked")
  private static <T> AttributeKey<T> create(String name, AttributeType type) {
    switch (type) {
      case STRING:
        return (AttributeKey<T>) AttributeKey.stringKey(name);
      case BOOLEAN:
        return (AttributeKey<T>) AttributeKey.booleanKey(name);
      case LONG:
        return (AttributeKey<T>) AttributeKey.longKey(name);
      case DOUBLE:
        return (AttributeKey<T>) AttributeKey.doubleKey(name);
      case STRING_ARRAY:
        return (AttributeKey<T>) AttributeKey.stringArrayKey(name);
      case BOOLEAN_ARRAY:
        return (AttributeKey<T>) AttributeKey.booleanArrayKey(name);
      case LONG_ARRAY:
        return (AttributeKey<T>) AttributeKey.longArrayKey(name);
      case DOUBLE_ARRAY:
        return (AttributeKey<T>) AttributeKey.doubleArrayKey(name);
      default:
        // Only the types above are used by OpenInference leaves.
        throw new AssertionError("unsupported attribute type " + type);
    }
  }

  private static void warnNegativeIndex(String list, int index) {
    long now = System.nanoTime();
    boolean log;
    if (!warned.get() && warned.compareAndSet(false, true)) {
      lastWarningNanos.set(now);
      log = true;
    } else {
      long last = lastWarningNanos.get();
      log = now - last >= WARNING_INTERVAL_NANOS && lastWarningNanos.compareAndSet(last, now);
    }
    if (log) {
      logger.log(
          Level.WARNING,
          "Negative index {0} for OpenInference list attribute {1}; the attribute is dropped"
              + " (further warnings suppressed for a minute)",
          new Object[] {index, list});
    }
  }

  private FlatKeys() {}
}
