/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.processor.internal.ConfigValues;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import dev.openinference.processor.propagation.OpenInferencePropagator;
import dev.openinference.processor.propagation.OpenInferencePropagatorBuilder;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code openinference} propagator of declarative configuration ({@code otel.config.file},
 * {@code OTEL_CONFIG_FILE}, the OTel javaagent and Spring Boot starter in declarative mode):
 *
 * <pre>{@code
 * propagator:
 *   composite:
 *     - tracecontext:
 *     - baggage:
 *     - openinference:
 *         key: ${OTEL_OPENINFERENCE_PROPAGATION_KEY}  # comma list: the first signs, all verify
 *         destinations: [127.0.0.1, "*.internal.example.com"]
 *         fields: [session.id, user.id]                 # the default
 *         max_age: 300000                               # milliseconds; the default, 5 minutes
 * }</pre>
 *
 * <p>The keys mean what the {@code otel.openinference.propagation.*} properties mean in
 * autoconfigure mode; lists may also be comma-separated strings. A bad value is named in a warning
 * (never the key's value) and dropped; creating the propagator never fails SDK start-up. {@code
 * otel.openinference.enabled=false} (system property, or {@code OTEL_OPENINFERENCE_ENABLED}) makes
 * it a no-op.
 *
 * <p>Loaded by {@code ServiceLoader} only where declarative configuration runs.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferencePropagatorComponentProvider implements ComponentProvider {

  static final String KEY = "key";
  static final String DESTINATIONS = "destinations";
  static final String FIELDS = "fields";
  static final String MAX_AGE = "max_age";

  private static final Set<String> KEYS =
      Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(KEY, DESTINATIONS, FIELDS, MAX_AGE)));

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferencePropagatorComponentProvider.class);

  @Override
  public Class<TextMapPropagator> getType() {
    return TextMapPropagator.class;
  }

  @Override
  public String getName() {
    return OpenInferencePropagatorProvider.NAME;
  }

  @Override
  public TextMapPropagator create(DeclarativeConfigProperties config) {
    try {
      if (!OpenInferenceConfiguration.isEnabled(ConfigValues.systemPropertiesAndEnvironment())) {
        return TextMapPropagator.noop();
      }
      return createPropagator(config);
    } catch (RuntimeException | LinkageError e) {
      // Not the exception's message: it could quote the configuration, key included.
      logger.warning(
          OpenInferencePropagatorProvider.NAME
              + " propagator: could not read its settings ("
              + e.getClass().getName()
              + "); it propagates nothing.");
      return TextMapPropagator.noop();
    }
  }

  private static TextMapPropagator createPropagator(DeclarativeConfigProperties config) {
    for (String key : config.getPropertyKeys()) {
      if (!KEYS.contains(key)) {
        logger.warning(
            OpenInferencePropagatorProvider.NAME
                + " propagator: ignored the unknown key "
                + describe(key)
                + "; known keys are "
                + KEYS
                + ".");
      }
    }
    List<String> keys = list(config, KEY);
    if (keys.isEmpty()) {
      logger.warning(
          "The openinference propagator has no key (propagator openinference: key): it sends and"
              + " accepts nothing.");
    }
    OpenInferencePropagatorBuilder builder =
        OpenInferencePropagator.builder().setKeys(keys).setDestinations(list(config, DESTINATIONS));
    if (config.getPropertyKeys().contains(FIELDS)) {
      builder.setFields(list(config, FIELDS));
    }
    if (config.getPropertyKeys().contains(MAX_AGE)) {
      Long millis = config.getLong(MAX_AGE);
      if (millis == null) {
        logger.warning(
            OpenInferencePropagatorProvider.NAME
                + " propagator: max_age is not a number of milliseconds; using 5 minutes.");
      } else {
        builder.setMaxAge(Duration.ofMillis(millis));
      }
    }
    return builder.build();
  }

  /** A list of strings, or one comma-separated string. */
  private static List<String> list(DeclarativeConfigProperties config, String key) {
    if (!config.getPropertyKeys().contains(key)) {
      return Collections.emptyList();
    }
    List<String> list = config.getScalarList(key, String.class);
    if (list != null) {
      List<String> values = new ArrayList<>();
      for (String value : list) {
        if (value != null && !value.trim().isEmpty()) {
          values.add(value.trim());
        }
      }
      return Collections.unmodifiableList(values);
    }
    String commaList = config.getString(key);
    if (commaList != null) {
      return ConfigValues.parseList(commaList);
    }
    logger.warning(
        OpenInferencePropagatorProvider.NAME
            + " propagator: "
            + key
            + " is not a list of strings; ignored it.");
    return Collections.emptyList();
  }

  @Override
  public String toString() {
    return "OpenInferencePropagatorComponentProvider{name="
        + OpenInferencePropagatorProvider.NAME
        + ", type=TextMapPropagator}";
  }
}
