/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import java.util.Locale;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * The size caps on context values: how many entries metadata, prompt template variables and tags
 * may have, how deep a value may nest, and how long the encoded JSON (or the tags together) may be.
 * Read once from system properties, then environment variables, then the defaults; a bad value is
 * named in a warning and replaced by its default.
 *
 * <p>The context module cannot see the SDK's {@code SpanLimits}, so it also reads the SDK's own
 * attribute value length limit ({@code otel.span.attribute.value.length.limit}, else {@code
 * otel.attribute.value.length.limit}, and their environment forms) and keeps the metadata and
 * prompt template variables JSON within it: the SDK cuts longer strings blindly, which would leave
 * invalid JSON.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class ContextLimits {

  /** Most entries of one map (metadata, variables, any map or list nested in a value) or tags. */
  public static final String ENTRIES = "otel.openinference.limits.entries";

  /** Most levels of maps, lists and arrays nested in one metadata or variable value. */
  public static final String DEPTH = "otel.openinference.limits.depth";

  /** Most characters of the metadata or variables JSON, and of all tags together. */
  public static final String LENGTH = "otel.openinference.limits.length";

  /** The SDK's span attribute value length limit, which wins over the general one. */
  public static final String SDK_SPAN_VALUE_LENGTH = "otel.span.attribute.value.length.limit";

  /** The SDK's general attribute value length limit. */
  public static final String SDK_VALUE_LENGTH = "otel.attribute.value.length.limit";

  public static final int DEFAULT_ENTRIES = 128;
  public static final int DEFAULT_DEPTH = 32;
  public static final int DEFAULT_LENGTH = 32_768;
  // Below this, not even one short metadata entry fits.
  private static final int MIN_LENGTH = 16;

  private static final RateLimitedLogger logger = RateLimitedLogger.create(ContextLimits.class);

  @Nullable private static volatile ContextLimits current;

  private final int maxEntries;
  private final int maxDepth;
  private final int maxLength;
  private final int maxJsonLength;
  private final String jsonLengthSource;

  private ContextLimits(
      int maxEntries, int maxDepth, int maxLength, int maxJsonLength, String jsonLengthSource) {
    this.maxEntries = maxEntries;
    this.maxDepth = maxDepth;
    this.maxLength = maxLength;
    this.maxJsonLength = maxJsonLength;
    this.jsonLengthSource = jsonLengthSource;
  }

  /** Returns the caps in effect: the configured ones unless {@link #setCurrent} replaced them. */
  public static ContextLimits current() {
    ContextLimits limits = current;
    if (limits == null) {
      limits = fromSystem();
      current = limits;
    }
    return limits;
  }

  /**
   * Replaces the caps in effect, for example with values read from the SDK's {@code
   * ConfigProperties}; null goes back to system properties and environment variables.
   */
  public static void setCurrent(@Nullable ContextLimits limits) {
    current = limits;
  }

  /**
   * Returns caps with the given values; {@code sdkValueLengthLimit} is the SDK's attribute value
   * length limit, or a negative number when there is none.
   */
  public static ContextLimits create(
      int maxEntries, int maxDepth, int maxLength, int sdkValueLengthLimit) {
    return create(maxEntries, maxDepth, maxLength, sdkValueLengthLimit, SDK_VALUE_LENGTH);
  }

  private static ContextLimits create(
      int maxEntries, int maxDepth, int maxLength, int sdkValueLengthLimit, String sdkKey) {
    int entries = maxEntries >= 1 ? maxEntries : DEFAULT_ENTRIES;
    int depth = maxDepth >= 1 ? maxDepth : DEFAULT_DEPTH;
    int length = maxLength >= MIN_LENGTH ? maxLength : DEFAULT_LENGTH;
    if (sdkValueLengthLimit >= 0 && sdkValueLengthLimit < length) {
      return new ContextLimits(
          entries,
          depth,
          length,
          Math.max(sdkValueLengthLimit, 2),
          "the SDK attribute value length limit " + setting(sdkKey, sdkValueLengthLimit));
    }
    return new ContextLimits(entries, depth, length, length, setting(LENGTH, length));
  }

  /** Reads the caps: system property, then environment variable, then default. */
  static ContextLimits fromSystem() {
    return read(ContextLimits::systemProperty, ContextLimits::environmentVariable);
  }

  /**
   * Reads the caps from {@code properties} (keyed like {@code otel.openinference.limits.entries}),
   * then {@code environment} (keyed like {@code OTEL_OPENINFERENCE_LIMITS_ENTRIES}), then the
   * defaults; each key on its own.
   */
  static ContextLimits read(
      Function<String, String> properties, Function<String, String> environment) {
    Function<String, String> source =
        key -> {
          String value = properties.apply(key);
          return value != null ? value : environment.apply(envName(key));
        };
    String sdkKey = SDK_SPAN_VALUE_LENGTH;
    Integer sdkLimit = integer(source, sdkKey, 0);
    if (sdkLimit == null) {
      sdkKey = SDK_VALUE_LENGTH;
      sdkLimit = integer(source, sdkKey, 0);
    }
    Integer entries = integer(source, ENTRIES, 1);
    Integer depth = integer(source, DEPTH, 1);
    Integer length = integer(source, LENGTH, MIN_LENGTH);
    return create(
        entries == null ? DEFAULT_ENTRIES : entries,
        depth == null ? DEFAULT_DEPTH : depth,
        length == null ? DEFAULT_LENGTH : length,
        sdkLimit == null ? -1 : sdkLimit,
        sdkKey);
  }

  @Nullable
  private static Integer integer(Function<String, String> source, String key, int min) {
    String value = source.apply(key);
    if (value == null || value.trim().isEmpty()) {
      return null;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Named in the warning below.
    }
    logger.warning(
        key
            + "="
            + describe(value)
            + " is not a whole number of at least "
            + min
            + "; using the default.");
    return null;
  }

  @Nullable
  private static String systemProperty(String key) {
    try {
      return System.getProperty(key);
    } catch (RuntimeException e) {
      // A security manager may forbid reading; the environment or the default then applies.
      return null;
    }
  }

  @Nullable
  private static String environmentVariable(String name) {
    try {
      return System.getenv(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Returns the environment variable name of {@code key}: upper case, dots as underscores. */
  public static String envName(String key) {
    return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static String setting(String key, int value) {
    return key + "=" + value + " (" + envName(key) + ")";
  }

  /** Returns the most entries of one map or list, and the most tags. */
  public int maxEntries() {
    return maxEntries;
  }

  /** Returns the most levels of containers nested in one value. */
  public int maxDepth() {
    return maxDepth;
  }

  /** Returns the most characters of all tags together, and of a JSON value on its own. */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Returns the most characters of the metadata and variables JSON objects: {@link #maxLength()},
   * or the SDK's attribute value length limit where that is smaller.
   */
  public int maxJsonLength() {
    return maxJsonLength;
  }

  /** Names the entries cap and how to raise it, for warnings. */
  public String entriesSetting() {
    return setting(ENTRIES, maxEntries);
  }

  /** Names the depth cap and how to raise it, for warnings. */
  public String depthSetting() {
    return setting(DEPTH, maxDepth);
  }

  /** Names the length cap and how to raise it, for warnings. */
  public String lengthSetting() {
    return setting(LENGTH, maxLength);
  }

  /** Names what sets {@link #maxJsonLength()} and how to raise it, for warnings. */
  public String jsonLengthSetting() {
    return jsonLengthSource;
  }

  @Override
  public String toString() {
    return "ContextLimits{maxEntries="
        + maxEntries
        + ", maxDepth="
        + maxDepth
        + ", maxLength="
        + maxLength
        + ", maxJsonLength="
        + maxJsonLength
        + "}";
  }
}
