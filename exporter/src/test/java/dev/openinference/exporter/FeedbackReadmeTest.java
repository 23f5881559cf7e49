/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInferenceFeedback;
import dev.openinference.semconv.AnnotatorKind;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.ReceivedAnnotation;
import dev.openinference.testing.ReceivedLogRecord;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Runs the README's "Scores and feedback" snippets as written (ReadmeSnippetsTest holds them to it). */
class FeedbackReadmeTest {

  @Test
  void theReadmeFeedbackCallsReachPhoenix() {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEndpoint(receiver.getHttpTracesEndpoint())
              .setRegisterShutdownHook(false)
              .build();
      OpenTelemetry otel = sdk;
      String comment = "short and right";
      String sessionId = "conversation-1";
      Span turn = sdk.getTracer("chat").spanBuilder("turn").startSpan();
      String traceId;
      try (Scope scope = turn.makeCurrent()) {
        // inside the turn: keep the trace id with the answer you show
        traceId = OpenInferenceFeedback.currentTraceId();
        // an evaluator's verdict on the model call it judged, inside that span
        OpenInferenceFeedback.forCurrentSpan().setName("correctness").setScore(0.9)
            .setAnnotatorKind(AnnotatorKind.LLM).record(otel);
      } finally {
        turn.end();
      }
      // later, when the user clicks thumbs-up on that answer
      OpenInferenceFeedback.forTrace(traceId).setName("user_feedback").setScore(1).setLabel("thumbs_up")
          .setExplanation(comment).record(otel);
      // the conversation as a whole, from another service that only knows the session id
      OpenInferenceFeedback.forSession(sessionId).setName("resolved").setLabel("yes").record(otel);
      sdk.close();

      assertThat(receiver.getAnnotationViolations()).isEmpty();
      assertThat(receiver.getAnnotations())
          .extracting(ReceivedAnnotation::getName)
          .containsExactlyInAnyOrder("correctness", "user_feedback", "resolved");
    }
  }

  @Test
  void aHandBuiltSdkAddsThePhoenixProcessor() {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      String apiKey = "hand-built";
      SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
          .addLogRecordProcessor(PhoenixFeedbackProcessor.builder()
              .setEndpoint("http://localhost:6006").setApiKey(apiKey).build())
          .build();
      loggerProvider.close();
      // The same, pointed at the loopback fake Phoenix.
      SdkLoggerProvider real = SdkLoggerProvider.builder()
          .addLogRecordProcessor(PhoenixFeedbackProcessor.builder()
              .setEndpoint(receiver.getHttpEndpoint()).setApiKey(apiKey).build())
          .build();
      OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setLoggerProvider(real).build();
      OpenInferenceFeedback.forSession("s").setName("resolved").setScore(1).record(sdk);
      sdk.close();
      List<ReceivedAnnotation> annotations = receiver.getAnnotations();
      assertThat(annotations).singleElement().satisfies(a -> {
        assertThat(a.getTarget()).isEqualTo("session");
        assertThat(a.getAuthorization()).isEqualTo("Bearer hand-built");
      });
    }
  }

  @Test
  void theReadmeLogsPropertiesSendFeedbackToAnOtlpLogsEndpoint() throws Exception {
    String readme = """
        otel.logs.exporter=otlp
        otel.exporter.otlp.logs.endpoint=http://collector:4318/v1/logs
        otel.exporter.otlp.logs.protocol=http/protobuf
        """;
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      Properties properties = new Properties();
      properties.load(new StringReader(
          readme.replace("http://collector:4318/v1/logs", receiver.getHttpLogsEndpoint())));
      Map<String, String> environment = new HashMap<>();
      for (String name : properties.stringPropertyNames()) {
        environment.put(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), properties.getProperty(name));
      }
      environment.put("OTEL_OPENINFERENCE_FEEDBACK_PHOENIX_ENABLED", "false");
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEndpoint(receiver.getHttpTracesEndpoint())
              .setRegisterShutdownHook(false)
              .setEnvironment(environment)
              .build();
      OpenInferenceFeedback.forSession("s").setName("resolved").setLabel("yes").record(sdk);
      sdk.close();
      List<ReceivedLogRecord> records = receiver.awaitLogRecords(1, Duration.ofSeconds(20));
      assertThat(records.get(0).getEventName()).isEqualTo("gen_ai.evaluation.result");
    }
  }
}
