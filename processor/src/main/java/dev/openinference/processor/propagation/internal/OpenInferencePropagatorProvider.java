/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import dev.openinference.processor.propagation.OpenInferencePropagator;
import dev.openinference.processor.propagation.OpenInferencePropagatorBuilder;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurablePropagatorProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Makes {@link OpenInferencePropagator} available as {@code otel.propagators=...,openinference}
 * wherever the SDK is autoconfigured (SDK autoconfigure, the Spring Boot starter, the javaagent
 * with the extension jar), configured by {@code otel.openinference.propagation.*}.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferencePropagatorProvider implements ConfigurablePropagatorProvider {

  public static final String NAME = "openinference";
  public static final String FIELDS = "otel.openinference.propagation.fields";
  public static final String DESTINATIONS = "otel.openinference.propagation.destinations";
  public static final String KEY = "otel.openinference.propagation.key";
  public static final String MAX_AGE = "otel.openinference.propagation.max.age";

  static final List<String> DEFAULT_FIELDS = Arrays.asList("session.id", "user.id");

  static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferencePropagatorProvider.class);

  @Override
  public TextMapPropagator getPropagator(ConfigProperties config) {
    try {
      if ("false".equalsIgnoreCase(trim(string(config, OpenInferenceConfiguration.ENABLED)))) {
        return TextMapPropagator.noop();
      }
      List<String> keys = list(config, KEY);
      List<String> destinations = list(config, DESTINATIONS);
      List<String> fields = string(config, FIELDS) == null ? DEFAULT_FIELDS : list(config, FIELDS);
      if (keys.isEmpty()) {
        logger.warning(
            "The openinference propagator has no key ("
                + KEY
                + " or OTEL_OPENINFERENCE_PROPAGATION_KEY): it sends and accepts nothing.");
      } else if (destinations.isEmpty()) {
        logger.warning(
            "The openinference propagator has no destinations ("
                + DESTINATIONS
                + "): it accepts signed values but sends none.");
      }
      OpenInferencePropagatorBuilder builder =
          OpenInferencePropagator.builder()
              .setKeys(keys)
              .setDestinations(destinations)
              .setFields(fields);
      Duration maxAge = duration(config, MAX_AGE);
      if (maxAge != null) {
        builder.setMaxAge(maxAge);
      }
      return builder.build();
    } catch (RuntimeException e) {
      logger.warning(
          "Could not configure the openinference propagator; it propagates nothing: " + e, e);
      return TextMapPropagator.noop();
    }
  }

  @Nullable
  private static String string(ConfigProperties config, String key) {
    try {
      return config.getString(key);
    } catch (RuntimeException e) {
      logger.warning("Could not read " + key + ", ignored it: " + e);
      return null;
    }
  }

  @Nullable
  private static Duration duration(ConfigProperties config, String key) {
    try {
      return config.getDuration(key);
    } catch (RuntimeException e) {
      logger.warning(
          "Could not read "
              + key
              + " (a duration such as 300s or 5m), using the default of 5 minutes: "
              + e.getMessage());
      return null;
    }
  }

  private static List<String> list(ConfigProperties config, String key) {
    try {
      return config.getList(key);
    } catch (RuntimeException e) {
      // Not the message, which may quote the value: the key's is a secret.
      logger.warning("Could not read " + key + ", ignored it: " + e.getClass().getName());
      return Collections.emptyList();
    }
  }

  @Nullable
  private static String trim(@Nullable String value) {
    return value == null ? null : value.trim();
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String toString() {
    return "OpenInferencePropagatorProvider";
  }
}
