/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EndpointApp} under the real javaagent with the extension, its endpoint set to each invalid
 * form through a different setting, and a valid setting of lower precedence pointing at a loopback
 * receiver: the app runs and exits normally, one SEVERE line names the setting and the value, the
 * agent prints no stack trace, and nothing reaches the receiver (no fallback to another endpoint).
 */
class EndpointJavaagentIT {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);

  static Stream<Arguments> invalidEndpoints() {
    return Stream.of(
        // setting as the test passes it, the name the message gives, the invalid value
        Arguments.of(
            "-Dotel.exporter.otlp.traces.endpoint",
            "otel.exporter.otlp.traces.endpoint",
            "not a url"),
        Arguments.of("PHOENIX_COLLECTOR_ENDPOINT", "PHOENIX_COLLECTOR_ENDPOINT", "htp://x"),
        Arguments.of(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://"),
        Arguments.of(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "ftp://collector.example/v1/traces"));
  }

  @ParameterizedTest
  @MethodSource("invalidEndpoints")
  void invalidEndpointIsNamedOnceAndNothingIsSentAnywhere(
      String setting, String named, String invalid) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      List<String> jvmArgs = new ArrayList<>();
      jvmArgs.add("-javaagent:" + System.getProperty("openinference.it.agent"));
      jvmArgs.add(
          "-Dotel.javaagent.extensions=" + System.getProperty("openinference.it.extension"));
      jvmArgs.add("-Dotel.service.name=openinference-endpoint-it");
      jvmArgs.add("-Dotel.exporter.otlp.protocol=http/protobuf");
      jvmArgs.add("-Dotel.metrics.exporter=none");
      jvmArgs.add("-Dotel.logs.exporter=none");
      Map<String, String> environment = new HashMap<>();
      // The valid endpoint a silent fallback would pick.
      environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.getHttpEndpoint());
      if (setting.startsWith("-D")) {
        jvmArgs.add(setting + "=" + invalid);
      } else {
        environment.put(setting, invalid);
      }
      if (setting.equals("PHOENIX_COLLECTOR_ENDPOINT")) {
        environment.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.getHttpTracesEndpoint());
      }
      try (ChildJvm child =
          ChildJvm.start(
              jvmArgs,
              environment,
              System.getProperty("openinference.it.app.classpath"),
              EndpointApp.class.getName(),
              List.of())) {
        int exitCode = child.awaitExit(EXIT_TIMEOUT);
        String output = child.describe();
        assertThat(exitCode).as(output).isZero();
        assertThat(child.getStdout()).as(output).contains(EndpointApp.DONE);
        List<String> reports =
            child.getStderr().stream()
                .filter(line -> line.contains("Invalid OTLP endpoint"))
                .collect(java.util.stream.Collectors.toList());
        assertThat(reports).as(output).hasSize(1);
        assertThat(reports.get(0)).contains(named).contains("\"" + invalid + "\"");
        assertThat(child.getStderr())
            .as(output)
            .noneSatisfy(line -> assertThat(line).startsWith("\tat "))
            .noneSatisfy(line -> assertThat(line).contains("Exception"));
      }
      assertThat(receiver.getRequests()).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void deadEndpointIsReportedOnceByTheAgentAlone() throws Exception {
    int deadPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + deadPort + "/v1/traces";
    long withExtension = timedRun(true, dead);
    long agentOnly = timedRun(false, dead);
    // Measured, not asserted (the machine is shared): the report's exit-time figures.
    System.out.println(
        "EndpointJavaagentIT dead endpoint exit: agent alone "
            + agentOnly
            + " ms, with the extension "
            + withExtension
            + " ms");
  }

  /** Runs the app against {@code dead} and checks the failure is reported once; returns ms. */
  private static long timedRun(boolean extension, String dead) throws Exception {
    List<String> jvmArgs = new ArrayList<>();
    jvmArgs.add("-javaagent:" + System.getProperty("openinference.it.agent"));
    if (extension) {
      jvmArgs.add(
          "-Dotel.javaagent.extensions=" + System.getProperty("openinference.it.extension"));
    }
    jvmArgs.add("-Dotel.service.name=openinference-endpoint-it");
    jvmArgs.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    // Every signal to the dead endpoint, as an application that sets only the endpoint has it.
    jvmArgs.add("-Dotel.exporter.otlp.endpoint=" + dead.replace("/v1/traces", ""));
    long start = System.nanoTime();
    try (ChildJvm child =
        ChildJvm.start(
            jvmArgs,
            Map.of(),
            System.getProperty("openinference.it.app.classpath"),
            EndpointApp.class.getName(),
            List.of())) {
      int exitCode = child.awaitExit(EXIT_TIMEOUT);
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      String output = child.describe();
      assertThat(exitCode).as(output).isZero();
      List<String> all = new ArrayList<>(child.getStdout());
      all.addAll(child.getStderr());
      // The agent's exporter reports it (with its stack trace); OpenInference's reporter is quiet.
      assertThat(all).as(output).filteredOn(line -> line.contains("Failed to export")).hasSize(1);
      assertThat(all).as(output).noneMatch(line -> line.contains("Could not export"));
      return elapsed;
    }
  }
}
