/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds a real {@link AutoConfiguredOpenTelemetrySdk} (SPI providers, OTLP/HTTP exporter) that
 * exports to a loopback receiver, from exactly the settings a test gives: its properties override
 * system properties and environment variables, so a developer's {@code OTEL_*} variables cannot
 * change the outcome.
 */
final class Autoconfigure {

  /** Every OpenInference key, blank unless the test sets it: blank means unset. */
  private static final String[] OPENINFERENCE_KEYS = {
    "otel.openinference.enabled",
    "otel.openinference.session.id",
    "otel.openinference.user.id",
    "otel.openinference.tags",
    "otel.openinference.metadata",
    "otel.openinference.span.kind.default",
    "otel.openinference.project.name",
    "phoenix.project.name",
  };

  static AutoConfiguredOpenTelemetrySdk sdk(String tracesEndpoint, Map<String, String> settings) {
    return sdk(tracesEndpoint, settings, builder -> {});
  }

  static AutoConfiguredOpenTelemetrySdk sdk(
      String tracesEndpoint,
      Map<String, String> settings,
      Consumer<AutoConfiguredOpenTelemetrySdkBuilder> customization) {
    Map<String, String> properties = new HashMap<>();
    for (String key : OPENINFERENCE_KEYS) {
      properties.put(key, "");
    }
    properties.put("otel.service.name", "openinference-integration-test");
    properties.put("otel.resource.attributes", "");
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
    properties.put("otel.exporter.otlp.traces.endpoint", tracesEndpoint);
    properties.put("otel.traces.sampler", "parentbased_always_on");
    properties.put("otel.propagators", "tracecontext,baggage"); // the default, pinned
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.sdk.disabled", "false");
    properties.putAll(settings);
    AutoConfiguredOpenTelemetrySdkBuilder builder =
        AutoConfiguredOpenTelemetrySdk.builder().addPropertiesCustomizer(config -> properties);
    customization.accept(builder);
    return builder.build();
  }

  /** Exports everything ended so far; the receiver has it when this returns. */
  static void flush(AutoConfiguredOpenTelemetrySdk sdk) {
    SdkTracerProvider tracerProvider = sdk.getOpenTelemetrySdk().getSdkTracerProvider();
    if (!tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()) {
      throw new AssertionError("The SDK could not flush to the receiver");
    }
  }

  /**
   * The span processors of {@code sdk} in the order they run, as the SDK describes them: one
   * processor, or a composite whose {@code toString()} lists the start, end and all processors
   * (this returns the last list).
   */
  static String processorsInOrder(AutoConfiguredOpenTelemetrySdk sdk) {
    String description = sdk.getOpenTelemetrySdk().getSdkTracerProvider().toString();
    int start = description.indexOf("spanProcessorsAll=");
    if (start < 0) {
      start = description.indexOf("spanProcessor=");
    }
    if (start < 0) {
      throw new AssertionError("Unexpected SdkTracerProvider description: " + description);
    }
    return description.substring(start);
  }

  private Autoconfigure() {}
}
