/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.processor.propagation.OpenInferencePropagator;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import javax.annotation.Nullable;

/**
 * An in-memory SDK with the OpenInference span processor and the propagators a tool server or an
 * agent configures with {@code otel.propagators=tracecontext,baggage,openinference}.
 */
final class TestTelemetry implements AutoCloseable {

  static final String KEY = "unit-test-key-0123456789abcdef";

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final OpenTelemetrySdk sdk;

  private TestTelemetry(@Nullable String key, String... destinations) {
    var openinference = OpenInferencePropagator.builder();
    if (key != null) {
      openinference.addKey(key);
    }
    for (String destination : destinations) {
      openinference.addDestination(destination);
    }
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(OpenInferenceSpanProcessor.create())
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance(),
                        openinference.build())))
            .build();
  }

  /** Signs with {@link #KEY} and sends to {@code destinations}. */
  static TestTelemetry withKey(String... destinations) {
    return new TestTelemetry(KEY, destinations);
  }

  /** Signs with {@code key} (null: none). */
  static TestTelemetry withSomeKey(@Nullable String key, String... destinations) {
    return new TestTelemetry(key, destinations);
  }

  McpTelemetry mcp() {
    return McpTelemetry.create(sdk);
  }

  @Override
  public void close() {
    sdk.close();
  }
}
