/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The one parser of OpenInference configuration, used by every path (SDK autoconfigure, the
 * javaagent, the Spring starter, declarative configuration, {@code OpenInferenceOtel}, {@code
 * TraceConfig}). Keys are property names ({@code openinference.hide.inputs}); a {@link Source} maps
 * them onto wherever values live. Booleans are {@code true} or {@code false} in any case, integers
 * are decimal, lists are comma-separated, maps are {@code k=v,k2=v2} with UTF-8 percent-decoded
 * values. Blank values count as unset, as in OpenTelemetry. A bad value is named in a warning, with
 * its key, and treated as unset; nothing here throws.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class ConfigValues {

  private static final RateLimitedLogger logger = RateLimitedLogger.create(ConfigValues.class);

  /** A source of raw configuration values, looked up by property name. */
  public interface Source {
    /** Returns the raw value of the property {@code key}, or null when it is not set. */
    @Nullable
    String get(String key);
  }

  private static final Source SYSTEM_PROPERTIES_AND_ENVIRONMENT =
      key -> {
        String value = System.getProperty(key);
        return value != null ? value : System.getenv(toEnvironmentVariable(key));
      };

  /**
   * Returns a source reading the system property of a key, then its environment variable ({@code
   * openinference.hide.inputs}, then {@code OPENINFERENCE_HIDE_INPUTS}): the order OpenTelemetry's
   * autoconfigure uses, for code paths that have no {@code ConfigProperties}.
   */
  public static Source systemPropertiesAndEnvironment() {
    return SYSTEM_PROPERTIES_AND_ENVIRONMENT;
  }

  /** Returns a source reading property names from {@code map}; a null map reads as empty. */
  public static Source fromMap(@Nullable Map<String, String> map) {
    if (map == null) {
      return key -> null;
    }
    return map::get;
  }

  /**
   * Returns the environment variable OpenTelemetry reads for a property: {@code
   * otel.openinference.session.id} is {@code OTEL_OPENINFERENCE_SESSION_ID}.
   */
  public static String toEnvironmentVariable(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Returns the trimmed value of {@code key}, or null when unset, blank, or unreadable. */
  @Nullable
  public static String getString(Source source, String key) {
    String raw;
    try {
      raw = source.get(key);
    } catch (RuntimeException e) {
      logger.warning("Could not read the configuration value " + key + ", ignoring it: " + e);
      return null;
    }
    if (raw == null) {
      return null;
    }
    String trimmed = raw.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /**
   * Returns the boolean value of {@code key}: null when unset, the value for {@code true} or {@code
   * false} (any case), else null after a warning naming the key and the value.
   */
  @Nullable
  public static Boolean getBoolean(Source source, String key) {
    String value = getString(source, key);
    if (value == null) {
      return null;
    }
    if (value.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (value.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    logger.warning(
        "Invalid boolean "
            + describe(value)
            + " for "
            + named(key)
            + " (expected true or false); using the default");
    return null;
  }

  /**
   * Returns the integer value of {@code key}: null when unset, the value of a decimal integer, else
   * null after a warning naming the key and the value.
   */
  @Nullable
  public static Integer getInt(Source source, String key) {
    String value = getString(source, key);
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      logger.warning(
          "Invalid integer "
              + describe(value)
              + " for "
              + named(key)
              + " (expected a whole number); using the default");
      return null;
    }
  }

  /** The property and its environment form, as warnings name them. */
  private static String named(String key) {
    return key + " (" + toEnvironmentVariable(key) + ")";
  }

  /** Splits a comma list, trimming elements and dropping blank ones and repeats. */
  public static List<String> parseList(@Nullable String value) {
    if (value == null) {
      return Collections.emptyList();
    }
    List<String> result = new ArrayList<>();
    for (String element : value.split(",", -1)) {
      String trimmed = element.trim();
      if (!trimmed.isEmpty() && !result.contains(trimmed)) {
        result.add(trimmed);
      }
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * Parses {@code k=v,k2=v2} the way OpenTelemetry reads {@code OTEL_RESOURCE_ATTRIBUTES}: keys
   * trimmed, values trimmed and percent-decoded as UTF-8 ({@code note=%F0%9F%98%80%20ok} and {@code
   * note=😀%20ok} are both {@code 😀 ok}), later keys winning. An entry that is not {@code
   * key=value} is dropped with a warning naming {@code key}.
   */
  public static Map<String, String> parseKeyValues(@Nullable String value, String key) {
    if (value == null) {
      return Collections.emptyMap();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String entry : value.split(",", -1)) {
      if (entry.trim().isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = eq < 0 ? "" : entry.substring(0, eq).trim();
      if (name.isEmpty()) {
        logger.warning(
            key + ": dropped the entry " + describe(entry.trim()) + ", which is not key=value.");
        continue;
      }
      result.put(name, percentDecode(entry.substring(eq + 1).trim()));
    }
    return Collections.unmodifiableMap(result);
  }

  /** Starts the warnings' rate limit afresh, so a test sees its own warnings; for tests. */
  static void resetWarningRateLimit() {
    logger.reset();
  }

  /** Decodes {@code %XX} escapes as UTF-8 bytes; other characters and bad escapes are kept. */
  static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        int hi = hex(value.charAt(i + 1));
        int lo = hex(value.charAt(i + 2));
        if (hi >= 0 && lo >= 0) {
          bytes.write(hi * 16 + lo);
          i += 3;
          continue;
        }
      }
      // A whole code point: encoding one half of a surrogate pair alone gives '?'.
      int end = i + Character.charCount(value.codePointAt(i));
      byte[] encoded = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
      bytes.write(encoded, 0, encoded.length);
      i = end;
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  /** The value of an ASCII hex digit, or -1 ({@link Character#digit} also takes other digits). */
  private static int hex(char c) {
    return c < 128 ? Character.digit(c, 16) : -1;
  }

  private ConfigValues() {}
}
