/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenInferenceExporterCustomizerProviderTest {

  private final OtlpReceiver receiver = OtlpReceiver.create();

  @AfterEach
  void close() {
    receiver.close();
  }

  private OpenTelemetrySdk autoconfigure(Map<String, String> extra) {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    properties.put("otel.exporter.otlp.traces.endpoint", receiver.getHttpTracesEndpoint());
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.bsp.schedule.delay", "50");
    properties.putAll(extra);
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> properties)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  private static void emit(OpenTelemetry otel) {
    try (Scope s = OpenInference.usingSession("s-1")) {
      Span chat = otel.getTracer("test").spanBuilder("chat gpt-4o").startSpan();
      chat.setAttribute(INPUT_VALUE, "my secret question");
      // As Spring AI does: GenAI attributes at the end of the span.
      chat.setAttribute("gen_ai.operation.name", "chat");
      chat.setAttribute("gen_ai.request.model", "gpt-4o");
      chat.end();
      otel.getTracer("test").spanBuilder("plain").startSpan().end();
    }
  }

  @Test
  void autoconfiguredExportersAreWrappedWithTranslationDefaultKindAndMasking() {
    Map<String, String> properties = new HashMap<>();
    properties.put("openinference.hide.inputs", "true");
    try (OpenTelemetrySdk sdk = autoconfigure(properties)) {
      emit(sdk);
    }
    List<SpanData> spans = receiver.awaitSpans(2, Duration.ofSeconds(10));
    SpanData chat = spans.stream().filter(s -> s.getName().startsWith("chat")).findFirst().get();
    assertThat(chat)
        .hasAttributesSatisfying(
            equalTo(SESSION_ID, "s-1"),
            equalTo(OPENINFERENCE_SPAN_KIND, "LLM"),
            equalTo(LLM_MODEL_NAME, "gpt-4o"),
            equalTo(INPUT_VALUE, "__REDACTED__"));
    SpanData plain = spans.stream().filter(s -> s.getName().equals("plain")).findFirst().get();
    assertThat(plain).hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
  }

  @Test
  void disabledLeavesExportersAlone() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.openinference.enabled", "false");
    try (OpenTelemetrySdk sdk = autoconfigure(properties)) {
      emit(sdk);
    }
    List<SpanData> spans = receiver.awaitSpans(2, Duration.ofSeconds(10));
    for (SpanData span : spans) {
      assertThat(span.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isNull();
      assertThat(span.getAttributes().get(SESSION_ID)).isNull();
    }
  }
}
