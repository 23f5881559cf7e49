/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * {@link ConfigProperties} over environment variables, named the way OpenTelemetry maps them:
 * property {@code otel.openinference.session.id} is variable {@code OTEL_OPENINFERENCE_SESSION_ID}.
 * Lets {@code OpenInferenceOtel} read the {@code otel.openinference.*} settings through the same
 * code as the autoconfigure provider, from a test-supplied environment when there is one.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class EnvironmentConfigProperties implements ConfigProperties {

  private final ConfigValues.Source environment;
  private final Map<String, String> overrides;

  private EnvironmentConfigProperties(
      ConfigValues.Source environment, Map<String, String> overrides) {
    this.environment = environment;
    this.overrides = overrides;
  }

  /**
   * Returns properties reading {@code environment}, except for the property names in {@code
   * overrides}, which read from there.
   */
  public static EnvironmentConfigProperties create(
      ConfigValues.Source environment, Map<String, String> overrides) {
    return new EnvironmentConfigProperties(environment, new HashMap<>(overrides));
  }

  /** Returns the environment variable OpenTelemetry reads for the property {@code name}. */
  public static String toVariableName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  @Nullable
  @Override
  public String getString(String name) {
    String normalized = name.toLowerCase(Locale.ROOT).replace('-', '.');
    if (overrides.containsKey(normalized)) {
      return overrides.get(normalized);
    }
    return ConfigValues.getString(environment, toVariableName(name));
  }

  @Nullable
  @Override
  public Boolean getBoolean(String name) {
    String value = getString(name);
    return value == null ? null : Boolean.valueOf(value);
  }

  @Nullable
  @Override
  public Integer getInt(String name) {
    String value = getString(name);
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException("Invalid value for property " + name + "=" + value, e);
    }
  }

  @Nullable
  @Override
  public Long getLong(String name) {
    String value = getString(name);
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException("Invalid value for property " + name + "=" + value, e);
    }
  }

  @Nullable
  @Override
  public Double getDouble(String name) {
    String value = getString(name);
    try {
      return value == null ? null : Double.valueOf(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException("Invalid value for property " + name + "=" + value, e);
    }
  }

  /** Reads whole milliseconds, or a number with an {@code ms}, {@code s}, {@code m} unit. */
  @Nullable
  @Override
  public Duration getDuration(String name) {
    String value = getString(name);
    if (value == null) {
      return null;
    }
    String number = value;
    TimeUnit unit = TimeUnit.MILLISECONDS;
    if (value.endsWith("ms")) {
      number = value.substring(0, value.length() - 2);
    } else if (value.endsWith("s")) {
      number = value.substring(0, value.length() - 1);
      unit = TimeUnit.SECONDS;
    } else if (value.endsWith("m")) {
      number = value.substring(0, value.length() - 1);
      unit = TimeUnit.MINUTES;
    }
    try {
      return Duration.ofMillis(unit.toMillis(Long.parseLong(number.trim())));
    } catch (NumberFormatException e) {
      throw new ConfigurationException("Invalid duration for property " + name + "=" + value, e);
    }
  }

  @Override
  public List<String> getList(String name) {
    String value = getString(name);
    if (value == null) {
      return Collections.emptyList();
    }
    List<String> result = new ArrayList<>();
    for (String element : value.split(",")) {
      if (!element.trim().isEmpty()) {
        result.add(element.trim());
      }
    }
    return result;
  }

  @Override
  public Map<String, String> getMap(String name) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String entry : getList(name)) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new ConfigurationException("Invalid map property " + name + "=" + getString(name));
      }
      result.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
    }
    return result;
  }

  @Override
  public String toString() {
    return "EnvironmentConfigProperties{overrides=" + overrides.keySet() + "}";
  }
}
