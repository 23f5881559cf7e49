/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code aliases} key of the declarative {@code openinference} component, end to end: a YAML
 * file named by {@code otel.config.file}, the real OTLP/HTTP exporter and the loopback receiver.
 */
class DeclarativeConfigAliasesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String CONFIG_FILE = "otel.config.file";

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @TempDir Path dir;

  @Test
  @SuppressWarnings("try") // the scopes only need closing
  void aliasesListedInTheFileAreWrittenAtStart() throws IOException {
    String yaml =
        "file_format: \"1.1\"\n"
            + "tracer_provider:\n"
            + "  processors:\n"
            + "    - openinference:\n"
            + "        aliases: [langfuse, langsmith]\n"
            + "    - simple:\n"
            + "        exporter:\n"
            + "          otlp_http:\n"
            + "            endpoint: "
            + otlp.getHttpTracesEndpoint()
            + "\n";
    Path file = Files.createTempFile(dir, "otel", ".yaml");
    Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
    String previous = System.setProperty(CONFIG_FILE, file.toString());
    AutoConfiguredOpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder().build();
    } finally {
      if (previous == null) {
        System.clearProperty(CONFIG_FILE);
      } else {
        System.setProperty(CONFIG_FILE, previous);
      }
    }
    OpenTelemetrySdk openTelemetry = sdk.getOpenTelemetrySdk();
    try {
      Tracer tracer = openTelemetry.getTracer("test");
      try (Scope m = OpenInference.usingMetadata(Map.of("thread_id", "t-3"));
          Scope t = OpenInference.usingTags("eval")) {
        tracer.spanBuilder("turn").startSpan().end();
      }
      assertThat(
              openTelemetry
                  .getSdkTracerProvider()
                  .forceFlush()
                  .join(10, TimeUnit.SECONDS)
                  .isSuccess())
          .isTrue();
    } finally {
      openTelemetry.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
    }

    List<SpanData> spans = otlp.awaitSpans(1, TIMEOUT);
    assertThat(spans.get(0))
        .hasAttribute(SESSION_ID, "t-3")
        .hasAttribute(stringKey("langfuse.session.id"), "t-3")
        .hasAttribute(stringArrayKey("langfuse.trace.tags"), List.of("eval"))
        .hasAttribute(stringKey("langfuse.trace.metadata.thread_id"), "t-3")
        .hasAttribute(stringKey("langsmith.metadata.thread_id"), "t-3")
        .hasAttribute(stringKey("langsmith.span.tags"), "eval");
    assertThat(spans.get(0).getAttributes().get(stringKey("gen_ai.conversation.id"))).isNull();
  }
}
