/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Parses the {@code key1=value1,key2=value2} lists of {@code OTEL_EXPORTER_OTLP_HEADERS}, {@code
 * PHOENIX_CLIENT_HEADERS} and {@code OTEL_RESOURCE_ATTRIBUTES}: the W3C baggage format without
 * properties, each key and value percent-decoded as UTF-8 ({@code +} stays a plus sign).
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class KeyValueList {

  private static final RateLimitedLogger logger = RateLimitedLogger.create(KeyValueList.class);

  /**
   * Returns the entries of {@code list} in order, later duplicates winning. An entry without
   * {@code =} or with an empty key is skipped with a warning naming the setting; values are never
   * logged because headers carry credentials.
   *
   * @param lowerCaseKeys whether to lower-case keys, as HTTP/2 and gRPC require for header names
   */
  public static Map<String, String> parse(
      @Nullable String list, String settingName, boolean lowerCaseKeys) {
    Map<String, String> result = new LinkedHashMap<>();
    if (list == null) {
      return result;
    }
    for (String entry : list.split(",", -1)) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      String key = equals < 0 ? "" : percentDecode(trimmed.substring(0, equals).trim()).trim();
      if (key.isEmpty()) {
        logger.warning(
            "Ignoring an entry of " + settingName + " that is not of the form key=value");
        continue;
      }
      String value = percentDecode(trimmed.substring(equals + 1).trim()).trim();
      result.put(lowerCaseKeys ? key.toLowerCase(Locale.ROOT) : key, value);
    }
    return result;
  }

  /** Decodes {@code %XX} escapes as UTF-8; a malformed escape is kept as it is. */
  static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '%'
          && i + 2 < value.length()
          && isHex(value.charAt(i + 1))
          && isHex(value.charAt(i + 2))) {
        bytes.write(Character.digit(value.charAt(i + 1), 16) * 16
            + Character.digit(value.charAt(i + 2), 16));
        i += 3;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
          encoded = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(encoded, 0, encoded.length);
        i++;
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private KeyValueList() {}
}
