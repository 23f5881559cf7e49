/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.trace.OpenInferenceSpan;
import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.semconv.AnnotatorKind;
import dev.openinference.semconv.FeedbackAttributes;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenInferenceFeedbackTest {

  private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void setUp() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                    .build())
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                    .build())
            .build();
  }

  @AfterEach
  void tearDown() {
    sdk.close();
  }

  @Test
  void spanFeedbackIsOneEvaluationEventWithTheSpansIdsAsItsContext() {
    Span span = sdk.getTracer("t").spanBuilder("llm").startSpan();
    try (Scope scope = span.makeCurrent()) {
      OpenInferenceFeedback.forCurrentSpan()
          .setName("correctness")
          .setScore(0.9)
          .setLabel("correct")
          .setExplanation("why")
          .setAnnotatorKind(AnnotatorKind.LLM)
          .setIdentifier("judge-1")
          .setMetadata(map("model", "m"))
          .record(sdk);
    } finally {
      span.end();
    }
    LogRecordData record = logs.getFinishedLogRecordItems().get(0);
    assertThat(record.getEventName()).isEqualTo("gen_ai.evaluation.result");
    assertThat(record.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(record.getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(record.getAttributes().get(FeedbackAttributes.NAME)).isEqualTo("correctness");
    assertThat(record.getAttributes().get(FeedbackAttributes.SCORE_VALUE)).isEqualTo(0.9);
    assertThat(record.getAttributes().get(FeedbackAttributes.SCORE_LABEL)).isEqualTo("correct");
    assertThat(record.getAttributes().get(FeedbackAttributes.EXPLANATION)).isEqualTo("why");
    assertThat(record.getAttributes().get(FeedbackAttributes.TARGET)).isEqualTo("span");
    assertThat(record.getAttributes().get(FeedbackAttributes.ANNOTATOR_KIND)).isEqualTo("LLM");
    assertThat(record.getAttributes().get(FeedbackAttributes.IDENTIFIER)).isEqualTo("judge-1");
    assertThat(record.getAttributes().get(FeedbackAttributes.METADATA))
        .isEqualTo("{\"model\":\"m\"}");
  }

  @Test
  void traceAndSessionFeedbackBelongToNoSpanEvenInsideOne() {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    Span unrelated = sdk.getTracer("t").spanBuilder("other").startSpan();
    try (Scope scope = unrelated.makeCurrent()) {
      OpenInferenceFeedback.forTrace(traceId).setName("user_feedback").setScore(1).record(sdk);
      OpenInferenceFeedback.forSession("s-1").setName("resolved").setLabel("yes").record(sdk);
    } finally {
      unrelated.end();
    }
    List<LogRecordData> records = logs.getFinishedLogRecordItems();
    assertThat(records).hasSize(2);
    assertThat(records).allSatisfy(r -> assertThat(r.getSpanContext().isValid()).isFalse());
    assertThat(records.get(0).getAttributes().get(FeedbackAttributes.TARGET)).isEqualTo("trace");
    assertThat(records.get(0).getAttributes().get(FeedbackAttributes.TRACE_ID)).isEqualTo(traceId);
    assertThat(records.get(0).getAttributes().get(FeedbackAttributes.ANNOTATOR_KIND))
        .isEqualTo("HUMAN");
    assertThat(records.get(1).getAttributes().get(FeedbackAttributes.TARGET)).isEqualTo("session");
    assertThat(records.get(1).getAttributes().get(SemanticConventions.SESSION_ID)).isEqualTo("s-1");
  }

  @Test
  void spanHelpersAndTheCurrentIdsGiveTheIdsToKeep() {
    OpenInferenceTracer tracer = OpenInferenceTracer.create(sdk);
    assertThat(OpenInferenceFeedback.currentTraceId()).isNull();
    assertThat(OpenInferenceFeedback.currentSpanId()).isNull();
    try (OpenInferenceSpan turn = tracer.agent("turn").start()) {
      assertThat(OpenInferenceFeedback.currentTraceId()).isEqualTo(turn.getTraceId());
      assertThat(OpenInferenceFeedback.currentSpanId()).isEqualTo(turn.getSpanId());
      assertThat(turn.getTraceId()).isEqualTo(turn.getSpan().getSpanContext().getTraceId());
    }
    OpenInferenceFeedback.forSpan("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331")
        .setName("n")
        .setScore(1)
        .record(sdk);
    assertThat(logs.getFinishedLogRecordItems().get(0).getSpanContext().getSpanId())
        .isEqualTo("b7ad6b7169203331");
  }

  @Test
  void badInputRecordsNothingAndNamesTheProblem() {
    try (LogCapture log = new LogCapture()) {
      OpenInferenceFeedback.forTrace("0AF7651916CD43DD8448EB211C80319C")
          .setName("n")
          .setScore(1)
          .record(sdk);
      OpenInferenceFeedback.forTrace("00000000000000000000000000000000")
          .setName("n")
          .setScore(1)
          .record(sdk);
      OpenInferenceFeedback.forSpan("0af7651916cd43dd8448eb211c80319c", "xyz")
          .setName("n")
          .setScore(1)
          .record(sdk);
      OpenInferenceFeedback.forSession(null).setName("n").setScore(1).record(sdk);
      assertThat(String.join("\n", log.warnings()))
          .contains("trace id \"0AF7651916CD43DD8448EB211C80319C\" is not 32 lowercase hex")
          .contains("trace id \"00000000000000000000000000000000\"")
          .contains("span id \"xyz\"")
          .contains("forSession(sessionId) was given a null id");
    }
    try (LogCapture log = new LogCapture()) {
      OpenInferenceFeedback.forSession(" ").setName("n").setScore(1).record(sdk);
      OpenInferenceFeedback.forCurrentSpan().setName("n").setScore(1).record(sdk);
      OpenInferenceFeedback.forSession("s")
          .setName("n")
          .setScore(Double.POSITIVE_INFINITY)
          .record(sdk);
      assertThat(String.join("\n", log.warnings()))
          .contains("forSession(sessionId) was given a blank id")
          .contains("forCurrentSpan() was called outside any span")
          .contains("ignored the score Infinity");
    }
    try (LogCapture log = new LogCapture()) {
      OpenInferenceFeedback.forSession("s").setName(" ").setScore(1).record(sdk);
      OpenInferenceFeedback.forSession("s").setName("n").setScore(Double.NaN).record(sdk);
      OpenInferenceFeedback.forSession("s").setName("n").setLabel("ok").record(null);
      assertThat(logs.getFinishedLogRecordItems()).isEmpty();
      assertThat(String.join("\n", log.warnings()))
          .contains("the name is blank")
          .contains("ignored the score NaN")
          .contains("has no score, label or explanation")
          .contains("null OpenTelemetry");
    }
  }

  @Test
  void cyclicMetadataKeepsTheRestAndSaysSo() {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("self", metadata);
    metadata.put("judge", "j");
    try (LogCapture log = new LogCapture()) {
      OpenInferenceFeedback.forSession("s")
          .setName("n")
          .setScore(1)
          .setMetadata(metadata)
          .record(sdk);
      assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("contains itself"));
    }
    String json =
        logs.getFinishedLogRecordItems().get(0).getAttributes().get(FeedbackAttributes.METADATA);
    assertThat(json).contains("\"judge\":\"j\"").contains("\"self\":\"[cycle]\"");
  }

  @Test
  void aThrowingOpenTelemetryNeverReachesTheCaller() {
    io.opentelemetry.api.OpenTelemetry hostile =
        new io.opentelemetry.api.OpenTelemetry() {
          @Override
          public io.opentelemetry.api.trace.TracerProvider getTracerProvider() {
            throw new IllegalStateException("boom");
          }

          @Override
          public io.opentelemetry.context.propagation.ContextPropagators getPropagators() {
            throw new IllegalStateException("boom");
          }

          @Override
          public io.opentelemetry.api.logs.LoggerProvider getLogsBridge() {
            throw new IllegalStateException("boom");
          }
        };
    try (LogCapture log = new LogCapture()) {
      OpenInferenceFeedback.forSession("s").setName("n").setScore(1).record(hostile);
      assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("boom"));
    }
  }

  private static Map<String, Object> map(String key, Object value) {
    Map<String, Object> map = new HashMap<>();
    map.put(key, value);
    return map;
  }
}
