/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.openinference.context.OpenInferenceFeedback;
import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.ReceivedAnnotation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feedback under declarative configuration ({@code otel.config.file}): the exporter module adds the
 * {@code openinference_phoenix_feedback} log-record processor with the file's OTLP/HTTP span
 * exporter's endpoint and headers.
 */
class DeclarativeConfigFeedbackTest {

  private static final String CONFIG_FILE = "otel.config.file";

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @TempDir Path dir;

  private AutoConfiguredOpenTelemetrySdk start(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "otel", ".yaml");
    Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
    String previous = System.setProperty(CONFIG_FILE, file.toString());
    try {
      return AutoConfiguredOpenTelemetrySdk.builder().build();
    } finally {
      if (previous == null) {
        System.clearProperty(CONFIG_FILE);
      } else {
        System.setProperty(CONFIG_FILE, previous);
      }
    }
  }

  @Test
  void feedbackGoesToThePhoenixOfTheFilesSpanExporterWithItsHeaders() throws IOException {
    String yaml =
        "file_format: \"1.1\"\n"
            + "tracer_provider:\n"
            + "  processors:\n"
            + "    - batch:\n"
            + "        exporter:\n"
            + "          otlp_http:\n"
            + "            endpoint: "
            + otlp.getHttpTracesEndpoint()
            + "\n"
            + "            headers:\n"
            + "              - name: authorization\n"
            + "                value: Bearer yaml-key\n";
    String spanId;
    OpenTelemetrySdk sdk = start(yaml).getOpenTelemetrySdk();
    try {
      Span span = sdk.getTracer("t").spanBuilder("llm").startSpan();
      try (Scope scope = span.makeCurrent()) {
        spanId = OpenInferenceFeedback.currentSpanId();
        OpenInferenceFeedback.forCurrentSpan().setName("correctness").setScore(1).record(sdk);
      } finally {
        span.end();
      }
      OpenInferenceFeedback.forSession("yaml-session")
          .setName("resolved")
          .setLabel("yes")
          .record(sdk);
    } finally {
      sdk.close();
    }
    List<ReceivedAnnotation> annotations = otlp.getReceiver().getAnnotations();
    assertThat(otlp.getReceiver().getAnnotationViolations()).isEmpty();
    assertThat(annotations)
        .extracting(ReceivedAnnotation::getTarget, ReceivedAnnotation::getTargetId)
        .containsExactlyInAnyOrder(tuple("span", spanId), tuple("session", "yaml-session"));
    assertThat(annotations)
        .allSatisfy(a -> assertThat(a.getAuthorization()).isEqualTo("Bearer yaml-key"));
  }
}
