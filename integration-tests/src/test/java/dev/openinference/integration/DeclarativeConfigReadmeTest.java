/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's declarative-configuration file, as written (its lines are matched against this file
 * by {@link ReadmeSnippetsTest}) but for the endpoint, which is the loopback receiver's.
 */
class DeclarativeConfigReadmeTest {

  private static final String README_FILE =
      """
      file_format: "1.2"            # "1.1" on SDK 1.65
      resource: {attributes: [{name: openinference.project.name, value: my-app}]}
      tracer_provider:
        processors:
          - openinference: {session_id: nightly-run, tags: [nightly], span_kind_default: CHAIN}
          - batch: {exporter: {otlp_http: {endpoint: "http://localhost:6006/v1/traces"}}}
      """;

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @TempDir Path dir;

  @Test
  void theReadmeFileStampsItsSessionTagsKindAndProject() throws Exception {
    String yaml =
        README_FILE
            .replace("http://localhost:6006/v1/traces", otlp.getHttpTracesEndpoint())
            // The SDK this build tests declarative configuration on reads file format 1.1.
            .replace("file_format: \"1.2\"", "file_format: \"" + fileFormat() + "\"");
    Path file = dir.resolve("otel.yaml");
    Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
    String previous = System.setProperty("otel.config.file", file.toString());
    OpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder().disableShutdownHook().build().getOpenTelemetrySdk();
    } finally {
      if (previous == null) {
        System.clearProperty("otel.config.file");
      } else {
        System.setProperty("otel.config.file", previous);
      }
    }
    try {
      sdk.getTracer("nightly").spanBuilder("job").startSpan().end();
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    } finally {
      sdk.close();
    }

    SpanData span = otlp.awaitSpans(1, Duration.ofSeconds(10)).get(0);
    assertThat(span)
        .hasAttribute(SESSION_ID, "nightly-run")
        .hasAttribute(TAG_TAGS, List.of("nightly"))
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    assertThat(span.getResource().getAttribute(PROJECT_NAME)).isEqualTo("my-app");
  }

  /** The file format of the declarative-config artifact on the class path. */
  private static String fileFormat() {
    Package p = AutoConfiguredOpenTelemetrySdk.class.getPackage();
    String version = p == null ? null : p.getImplementationVersion();
    return version != null && version.startsWith("1.65") ? "1.1" : "1.2";
  }
}
