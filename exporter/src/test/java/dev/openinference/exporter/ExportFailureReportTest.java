/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.internal.ExportFailureReporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A dead endpoint is reported once, clearly, naming the endpoint: on the export thread of a running
 * app, and on the shutdown-hook path of an app that just exits.
 */
class ExportFailureReportTest {

  /** The OTLP exporter's own SEVERE lines are expected here and kept out of the run. */
  private static final String OTEL_LOGGERS = "io.opentelemetry";

  private static String deadEndpoint() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + "/v1/traces";
  }

  @Test
  void deadEndpointIsReportedOnceNamingTheEndpoint() throws IOException {
    String endpoint = deadEndpoint();
    try (LogCapture reports = LogCapture.named(ExportFailureReporter.LOGGER_NAME);
        LogCapture otlp = LogCapture.named(OTEL_LOGGERS)) {
      OpenInferenceSpanExporter exporter =
          OpenInferenceSpanExporter.wrap(
              OtlpHttpSpanExporter.builder()
                  .setEndpoint(endpoint)
                  .setRetryPolicy(null)
                  .setTimeout(Duration.ofSeconds(5))
                  .build());
      for (int i = 0; i < 3; i++) {
        assertThat(
                exporter
                    .export(
                        Collections.singletonList(
                            TestSpans.span(io.opentelemetry.api.common.Attributes.empty())))
                    .join(10, TimeUnit.SECONDS)
                    .isSuccess())
            .isFalse();
      }
      exporter.shutdown().join(10, TimeUnit.SECONDS);

      assertThat(reports.messages())
          .singleElement()
          .asString()
          .startsWith("Could not export 1 spans to " + endpoint + " (OtlpHttpSpanExporter)")
          .contains("Check that a collector listens there");
      assertThat(otlp.messages()).isNotEmpty();
    }
  }

  @Test
  void anAppThatJustExitsStillReportsTheDeadEndpoint() throws Exception {
    String endpoint = deadEndpoint();
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dotel.exporter.otlp.timeout=2000");
    command.add(ExitingApp.class.getName());
    command.add(endpoint);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith("OTEL_")
                    || name.startsWith("PHOENIX_")
                    || name.startsWith("OPENINFERENCE_"));
    Process process = builder.start();
    List<String> output;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      output = in.lines().collect(Collectors.toList());
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String all = String.join(File.separator.equals("/") ? "\n" : "\r\n", output);

    assertThat(process.exitValue()).as(all).isZero();
    assertThat(output)
        .as(all)
        .filteredOn(line -> line.startsWith("[OpenInference] WARNING: Could not export"))
        .singleElement()
        .asString()
        .contains("spans to " + endpoint + " (OtlpHttpSpanExporter)");
  }

  /** Builds the library-mode SDK for a dead endpoint, ends one span and returns from main. */
  public static final class ExitingApp {
    public static void main(String[] args) {
      io.opentelemetry.sdk.OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder().setEndpoint(args[0]).setGlobal(false).build();
      sdk.getTracer("exiting-app").spanBuilder("last words").startSpan().end();
      System.out.println("main returns");
    }
  }
}
