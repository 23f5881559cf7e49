/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurablePropagatorProvider;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class OpenInferencePropagatorProviderTest {

  /** What autoconfigure does with {@code otel.propagators}: find the provider by name, call it. */
  private static TextMapPropagator autoconfigure(Map<String, String> properties) {
    ConfigProperties config = DefaultConfigProperties.createFromMap(properties);
    List<String> names = new ArrayList<>();
    for (ConfigurablePropagatorProvider provider :
        ServiceLoader.load(ConfigurablePropagatorProvider.class)) {
      names.add(provider.getName());
      if (provider.getName().equals(config.getString("otel.propagators"))) {
        return provider.getPropagator(config);
      }
    }
    throw new AssertionError(
        "no provider named " + config.getString("otel.propagators") + ": " + names);
  }

  @Test
  void theProviderIsFoundByNameAndReadsThePropagationKeys() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.propagators", "openinference");
    properties.put("otel.openinference.propagation.key", "new-key-0123456789,old-key-0123456789");
    properties.put("otel.openinference.propagation.destinations", "*.internal, 10.0.0.7:8443");
    properties.put("otel.openinference.propagation.fields", "session.id");
    properties.put("otel.openinference.propagation.max.age", "2m");

    TextMapPropagator propagator = autoconfigure(properties);

    assertThat(propagator.fields()).containsExactly("openinference");
    assertThat(propagator.toString())
        .isEqualTo(
            "OpenInferencePropagator{fields=session.id, destinations=[*.internal, 10.0.0.7:8443],"
                + " keys=2, maxAge=120s}")
        .doesNotContain("new-key");
  }

  @Test
  void withoutAKeyItIsInstalledButWarnsThatItPropagatesNothing() {
    List<String> warnings = new ArrayList<>();
    Logger logger = Logger.getLogger(OpenInferencePropagatorProvider.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    OpenInferencePropagatorProvider.logger.reset();
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    try {
      Map<String, String> properties = new HashMap<>();
      properties.put("otel.propagators", "openinference");
      TextMapPropagator propagator = autoconfigure(properties);
      assertThat(propagator.toString())
          .isEqualTo(
              "OpenInferencePropagator{fields=session.id,user.id, destinations=[], keys=0,"
                  + " maxAge=300s}");
      assertThat(warnings)
          .singleElement()
          .satisfies(
              w ->
                  assertThat(w)
                      .contains("has no key")
                      .contains("OTEL_OPENINFERENCE_PROPAGATION_KEY"));
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(true);
    }
  }

  @Test
  void turnedOffWithTheRestOfOpenInference() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.propagators", "openinference");
    properties.put("otel.openinference.enabled", "false");
    properties.put("otel.openinference.propagation.key", "new-key-0123456789");
    assertThat(autoconfigure(properties)).isSameAs(TextMapPropagator.noop());
  }
}
