/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.context.OpenInferenceFeedback;
import dev.openinference.semconv.AnnotatorKind;
import dev.openinference.semconv.FeedbackAttributes;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.ReceivedAnnotation;
import dev.openinference.testing.ReceivedLogRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Feedback through {@link OpenInferenceOtel}: the log record reaches the SDK, the Phoenix processor
 * the SDK gets by itself sends it to the traces endpoint's base URL with the same API key, and the
 * loopback fake Phoenix checks every body against Phoenix's request schema.
 */
class FeedbackEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static OpenTelemetrySdk sdk(OtlpReceiver receiver, Map<String, String> environment) {
    return OpenInferenceOtel.builder()
        .setEndpoint(receiver.getHttpTracesEndpoint())
        .setApiKey("secret-key")
        .setRegisterShutdownHook(false)
        .setEnvironment(environment)
        .build();
  }

  @Test
  void spanTraceAndSessionFeedbackBecomeTheMatchingPhoenixAnnotations() {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      String traceId;
      String spanId;
      try (OpenTelemetrySdk sdk = sdk(receiver, Collections.emptyMap())) {
        Tracer tracer = sdk.getTracer("test");
        Span turn = tracer.spanBuilder("turn").startSpan();
        try (Scope session = OpenInference.usingSession("conversation-7");
            Scope span = turn.makeCurrent()) {
          traceId = OpenInferenceFeedback.currentTraceId();
          spanId = OpenInferenceFeedback.currentSpanId();
          OpenInferenceFeedback.forCurrentSpan()
              .setName("correctness")
              .setScore(0.9)
              .setExplanation("matches the reference")
              .setAnnotatorKind(AnnotatorKind.LLM)
              .setMetadata(Collections.singletonMap("judge", "gpt-4o-mini"))
              .record(sdk);
        } finally {
          turn.end();
        }
        // Later, outside the span: the turn by its trace id, the conversation by its session id.
        OpenInferenceFeedback.forTrace(traceId)
            .setName("user_feedback")
            .setScore(1)
            .setLabel("thumbs_up")
            .setIdentifier("user-42")
            .record(sdk);
        OpenInferenceFeedback.forSession("conversation-7")
            .setName("resolved")
            .setLabel("yes")
            .setAnnotatorKind(AnnotatorKind.CODE)
            .record(sdk);
      }
      // close() delivered what was pending: no waiting needed.
      List<ReceivedAnnotation> annotations = receiver.getAnnotations();
      assertThat(receiver.getAnnotationViolations()).isEmpty();
      assertThat(annotations).hasSize(3);
      Map<String, ReceivedAnnotation> byTarget =
          annotations.stream()
              .collect(Collectors.toMap(ReceivedAnnotation::getTarget, annotation -> annotation));

      ReceivedAnnotation span = byTarget.get("span");
      assertThat(span.getTargetId()).isEqualTo(spanId);
      assertThat(span.getName()).isEqualTo("correctness");
      assertThat(span.getScore()).isEqualTo(0.9);
      assertThat(span.getLabel()).isNull();
      assertThat(span.getExplanation()).isEqualTo("matches the reference");
      assertThat(span.getAnnotatorKind()).isEqualTo("LLM");
      assertThat(span.getMetadata()).containsEntry("judge", "gpt-4o-mini");
      assertThat(span.getIdentifier()).isNull();
      assertThat(span.getAuthorization()).isEqualTo("Bearer secret-key");

      ReceivedAnnotation trace = byTarget.get("trace");
      assertThat(trace.getTargetId()).isEqualTo(traceId);
      assertThat(trace.getScore()).isEqualTo(1.0);
      assertThat(trace.getLabel()).isEqualTo("thumbs_up");
      assertThat(trace.getAnnotatorKind()).isEqualTo("HUMAN");
      assertThat(trace.getIdentifier()).isEqualTo("user-42");
      assertThat(trace.getAuthorization()).isEqualTo("Bearer secret-key");

      ReceivedAnnotation session = byTarget.get("session");
      assertThat(session.getTargetId()).isEqualTo("conversation-7");
      assertThat(session.getLabel()).isEqualTo("yes");
      assertThat(session.getScore()).isNull();
      assertThat(session.getAnnotatorKind()).isEqualTo("CODE");

      // The evaluated span itself went out as usual, and carries no feedback event.
      List<SpanData> spans = receiver.awaitSpans(1, WAIT);
      assertThat(spans.get(0).getSpanContext().getSpanId()).isEqualTo(spanId);
      assertThat(spans.get(0).getEvents()).isEmpty();
    }
  }

  @Test
  void overloadedPhoenixIsRetriedUntilItTakesTheFeedback() {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      receiver.failNextAnnotations(2, 503);
      try (OpenTelemetrySdk sdk = sdk(receiver, Collections.emptyMap())) {
        OpenInferenceFeedback.forSession("s-1").setName("resolved").setScore(0).record(sdk);
        assertThat(receiver.awaitAnnotations(1, WAIT)).hasSize(1);
      }
      assertThat(receiver.getAnnotationRequestCount()).isEqualTo(3);
      assertThat(receiver.getAnnotationViolations()).isEmpty();
    }
  }

  @Test
  void aBackendWithoutAnnotationRoutesIsNamedOnceAndNotTriedAgain() {
    try (OtlpReceiver collector = OtlpReceiver.builder().setPhoenixAnnotations(false).build();
        LogCapture log = LogCapture.of(PhoenixFeedbackProcessor.class)) {
      try (OpenTelemetrySdk sdk = sdk(collector, Collections.emptyMap())) {
        OpenInferenceFeedback.forSession("s-1").setName("resolved").setLabel("no").record(sdk);
        sdk.getSdkLoggerProvider().forceFlush().join(20, java.util.concurrent.TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
          OpenInferenceFeedback.forSession("s-" + i).setName("resolved").setLabel("no").record(sdk);
        }
      }
      assertThat(log.messages())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("answered 404 to /v1/session_annotations")
          .contains("otel.openinference.feedback.phoenix.enabled=false");
      long annotationRequests =
          collector.getRequests().stream()
              .filter(request -> request.getPath().endsWith("_annotations"))
              .count();
      assertThat(annotationRequests).isEqualTo(1);
    }
  }

  @Test
  void theSwitchTurnsPhoenixDeliveryOff() {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      Map<String, String> environment = new HashMap<>();
      environment.put("OTEL_OPENINFERENCE_FEEDBACK_PHOENIX_ENABLED", "false");
      try (OpenTelemetrySdk sdk = sdk(receiver, environment)) {
        OpenInferenceFeedback.forSession("s-1").setName("resolved").setLabel("no").record(sdk);
      }
      assertThat(receiver.getAnnotationRequestCount()).isZero();
    }
  }

  @Test
  void aDeadPhoenixCostsTheApplicationNothingAndShutdownGivesUpWithOneWarning() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    Map<String, String> environment = new HashMap<>();
    environment.put("OTEL_OPENINFERENCE_FEEDBACK_PHOENIX_ENDPOINT", "http://127.0.0.1:" + deadPort);
    try (OtlpReceiver receiver = OtlpReceiver.create();
        LogCapture log = LogCapture.of(PhoenixFeedbackProcessor.class)) {
      try (OpenTelemetrySdk sdk = sdk(receiver, environment)) {
        for (int i = 0; i < 1000; i++) {
          OpenInferenceFeedback.forSession("s-" + i).setName("resolved").setScore(i).record(sdk);
        }
      }
      assertThat(log.messages())
          .anySatisfy(
              message ->
                  assertThat(message)
                      .contains("feedback record(s) to http://127.0.0.1:" + deadPort));
      assertThat(receiver.getAnnotationRequestCount()).isZero();
    }
  }

  @Test
  void otlpLogsCarryTheFeedbackRecordsWithTheEvaluatedSpansIds() {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      Map<String, String> environment = new HashMap<>();
      environment.put("OTEL_LOGS_EXPORTER", "otlp");
      environment.put("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf");
      environment.put("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", receiver.getHttpLogsEndpoint());
      environment.put("OTEL_OPENINFERENCE_FEEDBACK_PHOENIX_ENABLED", "false");
      String traceId;
      String spanId;
      try (OpenTelemetrySdk sdk = sdk(receiver, environment)) {
        Span span = sdk.getTracer("test").spanBuilder("llm").startSpan();
        try (Scope scope = span.makeCurrent()) {
          traceId = OpenInferenceFeedback.currentTraceId();
          spanId = OpenInferenceFeedback.currentSpanId();
          OpenInferenceFeedback.forCurrentSpan().setName("correctness").setScore(1).record(sdk);
          // Trace feedback inside another span still belongs to no span.
          OpenInferenceFeedback.forTrace(traceId).setName("user_feedback").setScore(0).record(sdk);
        } finally {
          span.end();
        }
      }
      List<ReceivedLogRecord> records = receiver.awaitLogRecords(2, WAIT);
      assertThat(records)
          .extracting(ReceivedLogRecord::getEventName)
          .containsOnly(FeedbackAttributes.EVENT_NAME);
      ReceivedLogRecord onSpan =
          records.stream()
              .filter(r -> "span".equals(r.getAttributes().get(FeedbackAttributes.TARGET)))
              .findFirst()
              .get();
      assertThat(onSpan.getTraceId()).isEqualTo(traceId);
      assertThat(onSpan.getSpanId()).isEqualTo(spanId);
      assertThat(onSpan.getAttributes().get(FeedbackAttributes.NAME)).isEqualTo("correctness");
      assertThat(onSpan.getAttributes().get(FeedbackAttributes.SCORE_VALUE)).isEqualTo(1.0);
      ReceivedLogRecord onTrace =
          records.stream()
              .filter(r -> "trace".equals(r.getAttributes().get(FeedbackAttributes.TARGET)))
              .findFirst()
              .get();
      assertThat(onTrace.getSpanId()).isEmpty();
      assertThat(onTrace.getAttributes().get(FeedbackAttributes.TRACE_ID)).isEqualTo(traceId);
      assertThat(onTrace.getAttributes().get(SemanticConventions.SESSION_ID)).isNull();
    }
  }
}
