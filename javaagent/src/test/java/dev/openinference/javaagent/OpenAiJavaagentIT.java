/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.FakeOpenAiRequest;
import dev.openinference.testing.FakeOpenAiResponse;
import dev.openinference.testing.FakeOpenAiServer;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link OpenAiApp}, the official OpenAI client with nothing wrapped, in a child JVM under the real
 * OpenTelemetry javaagent (which instruments the client itself) with message content capture on and
 * the extension jar this module builds; the model is a {@link FakeOpenAiServer}, the backend a
 * loopback {@link OtlpReceiver}. What arrives must be OpenInference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiJavaagentIT {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private int exitCode;
  private String output;
  private String answer;
  private List<SpanData> spans;
  private List<FakeOpenAiRequest> requests;

  @BeforeAll
  void runApp() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        FakeOpenAiServer openAi =
            FakeOpenAiServer.builder()
                .enqueue(
                    FakeOpenAiResponse.toolCall(
                        OpenAiApp.TOOL_CALL_ID, OpenAiApp.TOOL, OpenAiApp.TOOL_ARGUMENTS))
                .build();
        ChildJvm child =
            ChildJvm.start(
                jvmArgs(receiver),
                Map.of(),
                requiredProperty("openinference.it.app.classpath")
                    + java.io.File.pathSeparator
                    + requiredProperty("openinference.it.openai.classpath"),
                OpenAiApp.class.getName(),
                List.of(openAi.baseUrl()))) {
      try {
        exitCode = child.awaitExit(EXIT_TIMEOUT);
        output = child.describe();
        answer =
            child.getStdout().stream()
                .filter(line -> line.startsWith(OpenAiApp.DONE))
                .map(line -> line.substring(OpenAiApp.DONE.length()))
                .findFirst()
                .orElse(null);
        // The agent's shutdown hook flushed the batch processor before the child exited.
        receiver.awaitSpans(3, SPAN_TIMEOUT);
        spans = receiver.getSpans();
        requests = openAi.requests();
      } catch (Exception | AssertionError e) {
        throw new AssertionError(e + "\n" + child.describe(), e);
      }
    }
  }

  private static List<String> jvmArgs(OtlpReceiver receiver) {
    List<String> args = new ArrayList<>();
    args.add("-Dio.opentelemetry.context.enableStrictContext=true");
    args.add("-javaagent:" + existingFile("openinference.it.agent"));
    args.add("-Dotel.javaagent.extensions=" + existingFile("openinference.it.extension"));
    args.add("-Dotel.service.name=openinference-openai-javaagent-it");
    args.add("-Dotel.traces.exporter=otlp");
    args.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    args.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.getHttpTracesEndpoint());
    args.add("-Dotel.metrics.exporter=none");
    // No log exporter: the receiver takes traces only. The SDK still has a logger provider, so
    // the extension can see the instrumentation's content events.
    args.add("-Dotel.logs.exporter=none");
    args.add("-Dotel.bsp.schedule.delay=100");
    // No otel.instrumentation.genai.capture-message-content: the extension turns capture on
    // unless the user set it, and the content assertions below depend on that default.
    return args;
  }

  @Test
  void appExitsCleanlyWithTheFinalAnswer() {
    assertThat(exitCode).as(output).isZero();
    assertThat(answer).as(output).isEqualTo(OpenAiApp.ANSWER);
    assertThat(output).doesNotContain("Exception", "SEVERE", "WARN");
  }

  @Test
  void conversationArrivesAsOpenInference() {
    OpenAiSpanExpectations.assertConversation(spans, requests);
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
