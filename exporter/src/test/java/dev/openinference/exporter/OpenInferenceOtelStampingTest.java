/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link OpenInferenceOtel}: the sampler it wraps around the configured one stamps the context
 * values when the span starts, and only it: the processor stands by.
 */
class OpenInferenceOtelStampingTest {

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @Test
  void theWrappedSamplerStampsTheValuesAtStartAndTheProcessorStandsBy() {
    String provider;
    try (OpenTelemetrySdk sdk =
        OpenInferenceOtel.builder()
            .setEnvironment(
                Map.of(
                    "PHOENIX_COLLECTOR_ENDPOINT", otlp.getReceiver().getHttpEndpoint(),
                    "OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
                    "OTEL_TRACES_SAMPLER_ARG", "1.0"))
            .setRegisterShutdownHook(false)
            .setBatch(false)
            .build()) {
      Span span;
      try (Scope session = OpenInference.usingSession("s-1");
          Scope user = OpenInference.usingUser("u-1")) {
        span =
            sdk.getTracer("test")
                .spanBuilder("chat")
                .setAttribute(SESSION_ID, "from-builder")
                .setAttribute("gen_ai.operation.name", "chat")
                .startSpan();
        ReadableSpan started = (ReadableSpan) span;
        assertThat(started.getAttribute(SESSION_ID)).isEqualTo("s-1");
        assertThat(started.getAttribute(USER_ID)).isEqualTo("u-1");
        assertThat(started.getAttribute(OPENINFERENCE_SPAN_KIND)).isEqualTo("LLM");
      }
      span.end(); // outside the scope: it keeps what it got at start
      assertThat(sdk.getSdkTracerProvider().getSampler().getDescription())
          .startsWith("OpenInferenceSampler{ParentBased{root:TraceIdRatioBased{1.000000}");
      // The processors in the order they run (the SDK also lists those called on start and end).
      String description = sdk.getSdkTracerProvider().toString();
      provider = description.substring(description.lastIndexOf("spanProcessorsAll="));
    }
    assertThat(provider).contains("SamplerFallbackProcessor{stampedBy=sampler");
    assertThat(provider.split("OpenInferenceSpanProcessor\\{", -1)).hasSize(2);
    SpanData received = otlp.awaitSpans(1, Duration.ofSeconds(10)).get(0);
    assertThat(received)
        .hasAttribute(SESSION_ID, "s-1")
        .hasAttribute(USER_ID, "u-1")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM");
  }
}
