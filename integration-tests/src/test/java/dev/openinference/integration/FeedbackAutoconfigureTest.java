/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.context.OpenInferenceFeedback;
import dev.openinference.semconv.AnnotatorKind;
import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.ReceivedAnnotation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Feedback in SDK autoconfigure mode: the exporter module's customizer gives the logger provider
 * the Phoenix processor, which sends to the traces endpoint's base URL with PHOENIX_API_KEY; and a
 * second JVM that knows only the ids rates the first one's conversation.
 */
class FeedbackAutoconfigureTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @Test
  void feedbackReachesPhoenixWithTheTracesEndpointAndApiKey() {
    String spanId;
    AutoConfiguredOpenTelemetrySdk sdk =
        Autoconfigure.sdk(
            otlp.getHttpTracesEndpoint(), Collections.singletonMap("phoenix.api.key", "px-key"));
    try {
      Span span = sdk.getOpenTelemetrySdk().getTracer("t").spanBuilder("judge-me").startSpan();
      try (Scope session = OpenInference.usingSession("conv-1");
          Scope scope = span.makeCurrent()) {
        spanId = OpenInferenceFeedback.currentSpanId();
        OpenInferenceFeedback.forCurrentSpan()
            .setName("hallucination")
            .setLabel("factual")
            .setAnnotatorKind(AnnotatorKind.LLM)
            .record(sdk.getOpenTelemetrySdk());
      } finally {
        span.end();
      }
      OpenInferenceFeedback.forSession("conv-1")
          .setName("resolved")
          .setScore(1)
          .record(sdk.getOpenTelemetrySdk());
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }
    List<ReceivedAnnotation> annotations = otlp.getReceiver().getAnnotations();
    assertThat(otlp.getReceiver().getAnnotationViolations()).isEmpty();
    assertThat(annotations)
        .extracting(ReceivedAnnotation::getTarget, ReceivedAnnotation::getTargetId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("span", spanId),
            org.assertj.core.groups.Tuple.tuple("session", "conv-1"));
    assertThat(annotations)
        .allSatisfy(a -> assertThat(a.getAuthorization()).isEqualTo("Bearer px-key"));
  }

  @Test
  void aSecondJvmRatesTheFirstOnesConversationKnowingOnlyItsIds() throws Exception {
    AutoConfiguredOpenTelemetrySdk sdk =
        Autoconfigure.sdk(otlp.getHttpTracesEndpoint(), Collections.emptyMap());
    String traceId;
    try {
      Span turn = sdk.getOpenTelemetrySdk().getTracer("t").spanBuilder("turn").startSpan();
      try (Scope session = OpenInference.usingSession("conv-2");
          Scope scope = turn.makeCurrent()) {
        traceId = OpenInferenceFeedback.currentTraceId();
      } finally {
        turn.end();
      }
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }
    List<SpanData> spans = otlp.awaitSpans(1, WAIT);
    assertThat(spans.get(0).getTraceId()).isEqualTo(traceId);

    ProcessBuilder builder =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FeedbackApp.class.getName(),
                "conv-2",
                traceId)
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("OTEL_")
                    || name.startsWith("OPENINFERENCE_")
                    || name.startsWith("PHOENIX_")
                    || name.endsWith("JAVA_OPTIONS")
                    || name.equals("JAVA_TOOL_OPTIONS"));
    // Only what already sends this process's traces to Phoenix: its base URL.
    env.put("PHOENIX_COLLECTOR_ENDPOINT", otlp.getReceiver().getHttpEndpoint());
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_SERVICE_NAME", "rater");
    Process process = builder.start();
    String output;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      output = in.lines().collect(Collectors.joining("\n"));
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("recorded").doesNotContain("WARNING").doesNotContain("Exception");

    // The process has exited: its shutdown hook delivered both.
    List<ReceivedAnnotation> annotations = otlp.getReceiver().getAnnotations();
    assertThat(otlp.getReceiver().getAnnotationViolations()).isEmpty();
    assertThat(annotations)
        .extracting(ReceivedAnnotation::getTarget, ReceivedAnnotation::getTargetId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("session", "conv-2"),
            org.assertj.core.groups.Tuple.tuple("trace", traceId));
  }
}
