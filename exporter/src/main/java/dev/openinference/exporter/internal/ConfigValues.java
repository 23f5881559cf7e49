/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Parses configuration values the way the Python OpenInference packages do: booleans are {@code
 * true} or {@code false} in any case, integers are decimal; anything else is reported (naming the
 * key and the value) and replaced by the default. Blank values count as unset, as in OpenTelemetry.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class ConfigValues {

  private static final RateLimitedLogger logger = RateLimitedLogger.create(ConfigValues.class);

  /** A source of raw configuration values, for example the process environment. */
  public interface Source {
    /** Returns the raw value of {@code key}, or null when it is not set. */
    @Nullable
    String get(String key);
  }

  /** Returns a source reading {@code map}; a null map reads as empty. */
  public static Source fromMap(@Nullable Map<String, String> map) {
    if (map == null) {
      return key -> null;
    }
    return map::get;
  }

  /**
   * Returns the trimmed value of {@code key}, or null when it is unset, blank, or the source
   * fails.
   */
  @Nullable
  public static String getString(Source source, String key) {
    String raw;
    try {
      raw = source.get(key);
    } catch (RuntimeException e) {
      logger.warning("Could not read the configuration value " + key + ", ignoring it", e);
      return null;
    }
    if (raw == null) {
      return null;
    }
    String trimmed = raw.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /**
   * Returns the boolean value of {@code key}: null when unset, the parsed value for {@code true} or
   * {@code false} (any case), else null after a warning naming the key and the value.
   */
  @Nullable
  public static Boolean getBoolean(Source source, String key) {
    String value = getString(source, key);
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if ("true".equals(lower)) {
      return Boolean.TRUE;
    }
    if ("false".equals(lower)) {
      return Boolean.FALSE;
    }
    logger.warning(
        "Invalid boolean " + describe(value) + " for " + key + " (expected true or false); using the default");
    return null;
  }

  /**
   * Returns the integer value of {@code key}: null when unset, the parsed value for a decimal
   * integer of at least {@code min}, else null after a warning naming the key and the value.
   */
  @Nullable
  public static Integer getInt(Source source, String key, int min) {
    String value = getString(source, key);
    if (value == null) {
      return null;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    logger.warning(
        "Invalid integer " + describe(value) + " for " + key + " (expected a whole number >= " + min
            + "); using the default");
    return null;
  }

  /**
   * Returns the property-style name of an environment variable name, the way OpenTelemetry's
   * {@code ConfigProperties} maps them: {@code OPENINFERENCE_HIDE_INPUTS} becomes {@code
   * openinference.hide.inputs}.
   */
  public static String toPropertyName(String environmentVariable) {
    return environmentVariable.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private ConfigValues() {}
}
