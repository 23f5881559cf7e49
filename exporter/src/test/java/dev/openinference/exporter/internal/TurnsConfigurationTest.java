/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code otel.openinference.turns.enabled} on every path that builds the exporter: SDK
 * autoconfigure (the javaagent and the Spring starter use the same provider) and the builder's
 * default. Declarative configuration is covered in integration-tests ({@code
 * DeclarativeConfigTest}), where its artifacts are on the class path.
 */
class TurnsConfigurationTest {

  private static final String KEY = "otel.openinference.turns.enabled";

  private final OtlpReceiver receiver = OtlpReceiver.create();

  @AfterEach
  void close() {
    receiver.close();
    System.clearProperty(KEY);
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

  private SpanData exportTurn(OpenTelemetrySdk sdk) {
    try (OpenTelemetrySdk closing = sdk) {
      emit(closing);
    }
    List<SpanData> spans = receiver.awaitSpans(2, Duration.ofSeconds(10));
    return spans.stream().filter(s -> s.getName().equals("GET /ask")).findFirst().get();
  }

  @SuppressWarnings("try") // the scope only needs closing
  private static void emit(OpenTelemetry otel) {
    Span server =
        otel.getTracer("test").spanBuilder("GET /ask").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope current = server.makeCurrent()) {
      Span agent = otel.getTracer("test").spanBuilder("agent").startSpan();
      agent.setAttribute("openinference.span.kind", "AGENT");
      agent.setAttribute(INPUT_VALUE, "question");
      agent.setAttribute(OUTPUT_VALUE, "answer");
      agent.end();
    } finally {
      server.end();
    }
  }

  @Test
  void autoconfiguredExportersFillTurnsByDefault() {
    SpanData root = exportTurn(autoconfigure(new HashMap<>()));

    assertThat(root.getAttributes().get(INPUT_VALUE)).isEqualTo("question");
    assertThat(root.getAttributes().get(OUTPUT_VALUE)).isEqualTo("answer");
  }

  @Test
  void autoconfigurePropertyFalseTurnsFillingOff() {
    Map<String, String> properties = new HashMap<>();
    properties.put(KEY, "false");

    SpanData root = exportTurn(autoconfigure(properties));

    assertThat(root.getAttributes().get(INPUT_VALUE)).isNull();
    assertThat(root.getAttributes().get(OUTPUT_VALUE)).isNull();
  }

  @Test
  void theBuildersDefaultComesFromTheSystemPropertyAndTheSetterWins() {
    System.setProperty(KEY, "FALSE");

    OpenInferenceSpanExporter unset =
        OpenInferenceSpanExporter.builder(SpanExporter.noop()).build();
    OpenInferenceSpanExporter set =
        OpenInferenceSpanExporter.builder(SpanExporter.noop()).setTurnsEnabled(true).build();
    System.clearProperty(KEY);
    OpenInferenceSpanExporter wrapped = OpenInferenceSpanExporter.wrap(SpanExporter.noop());

    assertThat(unset.isTurnsEnabled()).isFalse();
    assertThat(set.isTurnsEnabled()).isTrue();
    assertThat(wrapped.isTurnsEnabled()).isTrue();
    assertThat(unset.toString()).contains("turns=null");
  }
}
