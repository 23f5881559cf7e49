/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.openinference.semconv.FeedbackAttributes;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.ReceivedAnnotation;
import dev.openinference.testing.ReceivedLogRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Feedback under the real javaagent with the extension, the app holding only {@code
 * openinference-context}: the agent's logs pipeline gets the records, the extension sends them to
 * Phoenix with the traces' base URL and API key, and an OTLP logs exporter carries them too.
 */
class FeedbackJavaagentIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void feedbackFromAnAppWithOnlyTheContextModuleReachesPhoenixAndTheOtlpLogs() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      List<String> jvmArgs =
          List.of(
              "-javaagent:" + existingFile("openinference.it.agent"),
              "-Dotel.javaagent.extensions=" + existingFile("openinference.it.extension"),
              "-Dotel.exporter.otlp.protocol=http/protobuf",
              "-Dotel.exporter.otlp.traces.endpoint=" + receiver.getHttpTracesEndpoint(),
              "-Dotel.exporter.otlp.logs.endpoint=" + receiver.getHttpLogsEndpoint(),
              "-Dotel.metrics.exporter=none",
              "-Dotel.logs.exporter=otlp",
              "-Dotel.javaagent.logging=none");
      String ids;
      int exit;
      try (ChildJvm child =
          ChildJvm.start(
              jvmArgs,
              Map.of("PHOENIX_API_KEY", "agent-key"),
              requiredProperty("openinference.it.app.classpath"),
              FeedbackApp.class.getName(),
              List.of())) {
        ids = child.awaitLine(FeedbackApp.IDS, TIMEOUT).substring(FeedbackApp.IDS.length());
        exit = child.awaitExit(TIMEOUT);
        assertThat(exit).as(child.describe()).isZero();
      }
      String traceId = ids.split(" ")[0];
      String spanId = ids.split(" ")[1];

      List<ReceivedAnnotation> annotations = receiver.awaitAnnotations(3, TIMEOUT);
      assertThat(receiver.getAnnotationViolations()).isEmpty();
      assertThat(annotations)
          .extracting(
              ReceivedAnnotation::getTarget,
              ReceivedAnnotation::getTargetId,
              ReceivedAnnotation::getName,
              ReceivedAnnotation::getAnnotatorKind)
          .containsExactlyInAnyOrder(
              tuple("span", spanId, "correctness", "LLM"),
              tuple("trace", traceId, "user_feedback", "HUMAN"),
              tuple("session", "agent-session", "resolved", "HUMAN"));
      assertThat(annotations)
          .allSatisfy(a -> assertThat(a.getAuthorization()).isEqualTo("Bearer agent-key"));

      List<ReceivedLogRecord> records = receiver.awaitLogRecords(3, TIMEOUT);
      ReceivedLogRecord onSpan =
          records.stream()
              .filter(r -> "span".equals(r.getAttributes().get(FeedbackAttributes.TARGET)))
              .findFirst()
              .orElseThrow();
      assertThat(onSpan.getEventName()).isEqualTo(FeedbackAttributes.EVENT_NAME);
      assertThat(onSpan.getTraceId()).isEqualTo(traceId);
      assertThat(onSpan.getSpanId()).isEqualTo(spanId);
    }
  }

  private static String requiredProperty(String key) {
    String value = System.getProperty(key);
    assertThat(value)
        .as("system property %s (set by the failsafe configuration)", key)
        .isNotBlank();
    return value;
  }

  private static String existingFile(String key) {
    Path path = Paths.get(requiredProperty(key));
    assertThat(Files.isRegularFile(path)).as("%s=%s exists", key, path).isTrue();
    return path.toAbsolutePath().toString();
  }
}
