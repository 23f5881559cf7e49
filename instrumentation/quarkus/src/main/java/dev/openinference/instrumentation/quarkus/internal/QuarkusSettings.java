/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The OpenInference settings of a Quarkus configuration, as OpenTelemetry property names for {@code
 * AutoConfiguredOpenTelemetrySdkBuilder#addPropertiesSupplier}: every property named {@code
 * openinference.*} (the masking flags, {@code openinference.hide.inputs} and so on) or {@code
 * phoenix.*} (Phoenix's project name). Quarkus passes {@code otel.*} and {@code quarkus.otel.*}
 * itself, so {@code otel.openinference.*} needs nothing here; environment variables and system
 * properties are read by OpenTelemetry's own {@code ConfigProperties} on top of these, as in every
 * other mode. The values are parsed where every mode parses them (the processor's {@code
 * ConfigValues}), not here.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class QuarkusSettings {

  private static final String[] PREFIXES = {"openinference.", "phoenix."};

  private QuarkusSettings() {}

  /** Returns the OpenInference properties {@code config} sets, by name; never fails. */
  public static Map<String, String> read(Config config) {
    Map<String, String> properties = new HashMap<>();
    for (String name : config.getPropertyNames()) {
      if (!hasPrefix(name)) {
        continue;
      }
      try {
        Optional<String> value = config.getOptionalValue(name, String.class);
        value.ifPresent(v -> properties.put(name, v));
      } catch (RuntimeException e) {
        // A value that cannot be expanded (a missing ${...}) is Quarkus' to report; OpenInference
        // starts without it, as with any unset property.
      }
    }
    return properties;
  }

  private static boolean hasPrefix(String name) {
    for (String prefix : PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
