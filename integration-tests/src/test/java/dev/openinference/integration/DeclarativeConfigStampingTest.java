/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declarative configuration with a sampler of its own: the file's sampler stays as it is (the model
 * customizer does not wrap it) and the {@code openinference} processor stamps the context values in
 * {@code onStart}, once.
 */
class DeclarativeConfigStampingTest {

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @TempDir Path dir;

  @Test
  void theProcessorAloneStampsAtStartAndTheFilesSamplerIsKept() throws IOException {
    String yaml =
        "file_format: \"1.1\"\n"
            + "tracer_provider:\n"
            + "  sampler:\n"
            + "    parent_based:\n"
            + "      root:\n"
            + "        trace_id_ratio_based:\n"
            + "          ratio: 1.0\n"
            + "  processors:\n"
            + "    - simple:\n"
            + "        exporter:\n"
            + "          otlp_http:\n"
            + "            endpoint: "
            + otlp.getHttpTracesEndpoint()
            + "\n";
    Path file = Files.createTempFile(dir, "otel", ".yaml");
    Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
    String previous = System.setProperty("otel.config.file", file.toString());
    AutoConfiguredOpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder().build();
    } finally {
      if (previous == null) {
        System.clearProperty("otel.config.file");
      } else {
        System.setProperty("otel.config.file", previous);
      }
    }
    SdkTracerProvider tracerProvider = sdk.getOpenTelemetrySdk().getSdkTracerProvider();
    String processors;
    try {
      Span span;
      try (Scope session = OpenInference.usingSession("s-1");
          Scope user = OpenInference.usingUser("u-1")) {
        span =
            sdk.getOpenTelemetrySdk()
                .getTracer("test")
                .spanBuilder("tool")
                .setAttribute("gen_ai.operation.name", "execute_tool")
                .startSpan();
        assertThat(((ReadableSpan) span).getAttribute(SESSION_ID)).isEqualTo("s-1");
      }
      span.end();
      processors = Autoconfigure.processorsInOrder(sdk);
      assertThat(tracerProvider.getSampler().getDescription())
          .startsWith("ParentBased{root:TraceIdRatioBased{1.000000}");
    } finally {
      tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
      tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    }

    assertThat(processors.split("OpenInferenceSpanProcessor\\{", -1)).hasSize(2);
    assertThat(processors).doesNotContain("SamplerFallbackProcessor");
    assertThat(otlp.awaitSpans(1, Duration.ofSeconds(10)).get(0))
        .hasAttribute(SESSION_ID, "s-1")
        .hasAttribute(USER_ID, "u-1")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL");
  }
}
