/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.internal.MaskingMarkers;
import dev.openinference.testing.internal.MaskingMarkers.Flag;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Javaagent mode of the masking leak check ({@link MaskingMarkers}): for every flag a child JVM
 * with the real agent and the extension, the flag as a system property ({@code
 * -Dopeninference.hide.inputs=true}), spans, span events and GenAI log events through the OTel API
 * the agent bridges, OTLP/HTTP to one loopback receiver, which tells the children apart by their
 * service name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaagentMaskingLeakIT {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private OtlpReceiver receiver;
  private final Map<Flag, String> outputs = new EnumMap<>(Flag.class);
  private final Map<Flag, Integer> exitCodes = new EnumMap<>(Flag.class);

  @BeforeAll
  void runOneChildPerFlag() throws Exception {
    if (Boolean.getBoolean("leak.skipFlags")) {
      receiver = OtlpReceiver.create();
      return;
    }
    receiver = OtlpReceiver.create();
    // One after the other: an agent's start-up takes most of a core for seconds.
    for (Flag flag : Flag.values()) {
      try (ChildJvm child =
          ChildJvm.start(
              jvmArgs(flag),
              Map.of(),
              requiredProperty("openinference.it.app.classpath")
                  + File.pathSeparator
                  + requiredProperty("openinference.it.testing.classpath"),
              MaskingLeakApp.class.getName(),
              List.of())) {
        try {
          exitCodes.put(flag, child.awaitExit(EXIT_TIMEOUT));
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "\n" + child.describe(), e);
        }
        outputs.put(flag, child.describe());
      }
    }
    receiver.awaitSpans(MaskingMarkers.SPAN_COUNT * Flag.values().length, Duration.ofSeconds(30));
  }

  @AfterAll
  void stopReceiver() {
    receiver.close();
  }

  private List<String> jvmArgs(Flag flag) {
    List<String> args = new ArrayList<>();
    args.add("-Dio.opentelemetry.context.enableStrictContext=true");
    args.add("-javaagent:" + existingFile("openinference.it.agent"));
    args.add("-Dotel.javaagent.extensions=" + existingFile("openinference.it.extension"));
    args.add("-Dotel.service.name=" + serviceName(flag));
    args.add("-Dotel.traces.exporter=otlp");
    args.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    args.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.getHttpTracesEndpoint());
    args.add("-Dotel.metrics.exporter=none");
    args.add("-Dotel.logs.exporter=none");
    args.add("-Dotel.bsp.schedule.delay=100");
    args.add(flag.systemPropertyArgument());
    return args;
  }

  private static String serviceName(Flag flag) {
    return "leak-" + flag.name();
  }

  @ParameterizedTest
  @EnumSource(Flag.class)
  void noHiddenMarkerReachesTheReceiver(Flag flag) {
    assertThat(exitCodes.get(flag)).as(outputs.get(flag)).isZero();
    assertThat(outputs.get(flag)).doesNotContain("Exception", "SEVERE", "WARN");
    List<SpanData> spans =
        receiver.getSpans().stream()
            .filter(span -> serviceName(flag).equals(span.getResource().getAttribute(SERVICE_NAME)))
            .collect(Collectors.toList());
    MaskingMarkers.Outcome outcome = MaskingMarkers.check(flag, MaskingMarkers.everything(spans));
    assertThat(outcome.leaked()).as("markers %s hides that reached the receiver", flag).isEmpty();
    assertThat(outcome.missing()).as("markers %s does not hide that never arrived", flag).isEmpty();
  }

  /**
   * Under the agent with {@code otel.config.file} (a file with nothing OpenInference in it), spans
   * are translated and masked too, and GenAI log events reach them: the declarative customizers of
   * the extension run inside the agent.
   */
  @Test
  void declarativeConfigurationUnderTheAgentIsMaskedToo() throws Exception {
    Flag flag = Flag.HIDE_INPUTS;
    Path config = Files.createTempFile("openinference-agent", ".yaml");
    try (OtlpReceiver declarative = OtlpReceiver.create()) {
      Files.write(
          config,
          ("file_format: \"1.1\"\n"
                  + "resource:\n"
                  + "  attributes:\n"
                  + "    - name: service.name\n"
                  + "      value: leak-declarative\n"
                  + "tracer_provider:\n"
                  + "  processors:\n"
                  + "    - batch:\n"
                  + "        schedule_delay: 100\n"
                  + "        exporter:\n"
                  + "          otlp_http:\n"
                  + "            endpoint: "
                  + declarative.getHttpTracesEndpoint()
                  + "\n")
              .getBytes(StandardCharsets.UTF_8));
      List<String> args = new ArrayList<>();
      args.add("-Dio.opentelemetry.context.enableStrictContext=true");
      args.add("-javaagent:" + existingFile("openinference.it.agent"));
      args.add("-Dotel.javaagent.extensions=" + existingFile("openinference.it.extension"));
      args.add("-Dotel.config.file=" + config);
      args.add(flag.systemPropertyArgument());
      String output;
      int exitCode;
      try (ChildJvm child =
          ChildJvm.start(
              args,
              Map.of(),
              requiredProperty("openinference.it.app.classpath")
                  + File.pathSeparator
                  + requiredProperty("openinference.it.testing.classpath"),
              MaskingLeakApp.class.getName(),
              List.of())) {
        try {
          exitCode = child.awaitExit(EXIT_TIMEOUT);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "\n" + child.describe(), e);
        }
        output = child.describe();
      }
      assertThat(exitCode).as(output).isZero();
      List<SpanData> spans =
          declarative.awaitSpans(MaskingMarkers.SPAN_COUNT, Duration.ofSeconds(30));
      MaskingMarkers.Outcome outcome = MaskingMarkers.check(flag, MaskingMarkers.everything(spans));
      assertThat(outcome.leaked()).as(output).isEmpty();
      assertThat(outcome.missing()).as(output).isEmpty();
      assertThat(spans)
          .filteredOn(span -> span.getName().equals("chat"))
          .singleElement()
          .satisfies(
              span ->
                  assertThat(
                          span.getAttributes()
                              .get(AttributeKey.stringKey("openinference.span.kind")))
                      .isEqualTo("LLM"));
    } finally {
      Files.deleteIfExists(config);
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
