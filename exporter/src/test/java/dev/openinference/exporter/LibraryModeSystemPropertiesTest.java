/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Library mode configured through system properties only, the real process configuration path (no
 * test environment): the Phoenix keys, {@code otel.openinference.*} and {@code openinference.*} all
 * work as {@code -D} flags, and a {@link TraceConfig} made in code leaves the fields it does not
 * set to them. Each test class runs in a JVM of its own, and the properties are restored.
 */
class LibraryModeSystemPropertiesTest {

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  private final Map<String, String> previous = new HashMap<>();

  private void set(String key, String value) {
    previous.putIfAbsent(key, System.getProperty(key));
    System.setProperty(key, value);
  }

  @AfterEach
  void restore() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }

  private static SpanData sendOneSpan(OpenTelemetrySdk sdk) {
    try {
      Span span = sdk.getTracer("test").spanBuilder("turn").startSpan();
      span.setAttribute(INPUT_VALUE, "the user's secret question");
      span.setAttribute(OUTPUT_VALUE, "the model's answer");
      span.end();
      assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
          .isTrue();
    } finally {
      sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
    return otlp.awaitSpans(1, Duration.ofSeconds(10)).get(0);
  }

  @Test
  void systemPropertiesConfigureEndpointProjectSessionAndMasking() {
    set("phoenix.collector.endpoint", otlp.getHttpEndpoint());
    set("phoenix.project.name", "from-property");
    set("otel.openinference.session.id", "nightly-run");
    set("openinference.hide.inputs", "true");

    SpanData span = sendOneSpan(OpenInferenceOtel.builder().setRegisterShutdownHook(false).build());

    assertThat(span)
        .hasAttribute(SESSION_ID, "nightly-run")
        .hasAttribute(INPUT_VALUE, TraceConfig.REDACTED_VALUE)
        .hasAttribute(OUTPUT_VALUE, "the model's answer");
    assertThat(span.getResource().getAttribute(PROJECT_NAME)).isEqualTo("from-property");
  }

  @Test
  void aTraceConfigFromCodeKeepsTheSystemPropertyOfEveryFieldItDoesNotSet() {
    set("openinference.hide.inputs", "true");
    TraceConfig outputsOnly = TraceConfig.builder().setHideOutputs(true).build();

    SpanData span =
        sendOneSpan(
            OpenInferenceOtel.builder()
                .setRegisterShutdownHook(false)
                .setEndpoint(otlp.getHttpTracesEndpoint())
                .setTraceConfig(outputsOnly)
                .build());

    assertThat(span)
        .hasAttribute(INPUT_VALUE, TraceConfig.REDACTED_VALUE)
        .hasAttribute(OUTPUT_VALUE, TraceConfig.REDACTED_VALUE);
  }

  @Test
  void theSettingsMadeInCodeWinOverSystemProperties() {
    set("otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9/v1/traces");
    set("otel.openinference.project.name", "from-property");

    SpanData span =
        sendOneSpan(
            OpenInferenceOtel.builder()
                .setRegisterShutdownHook(false)
                .setEndpoint(otlp.getHttpTracesEndpoint())
                .setProjectName("from-code")
                .build());

    assertThat(span.getResource().getAttribute(PROJECT_NAME)).isEqualTo("from-code");
  }
}
