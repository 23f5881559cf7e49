/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static dev.openinference.javaagent.BedrockApp.ANSWER;
import static dev.openinference.javaagent.BedrockApp.CLAUDE;
import static dev.openinference.javaagent.BedrockApp.LLAMA;
import static dev.openinference.javaagent.BedrockApp.NOVA;
import static dev.openinference.javaagent.BedrockApp.QUESTION;
import static dev.openinference.javaagent.BedrockApp.TITAN;
import static dev.openinference.javaagent.BedrockApp.TOOL;
import static dev.openinference.javaagent.BedrockApp.TOOL_ARGUMENTS;
import static dev.openinference.javaagent.BedrockApp.TOOL_RESULT;
import static dev.openinference.javaagent.BedrockApp.TOOL_USE_ID;
import static dev.openinference.javaagent.FakeBedrockServer.INPUT_TOKENS;
import static dev.openinference.javaagent.FakeBedrockServer.OUTPUT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link BedrockApp}, the AWS SDK's Bedrock Runtime clients with nothing wrapped, in one child JVM
 * under the real OpenTelemetry javaagent (whose AWS SDK instrumentation traces Bedrock itself) with
 * the extension jar this module builds; the model is a {@link FakeBedrockServer}, the backend a
 * loopback {@link OtlpReceiver}. Every operation's spans must arrive as OpenInference: the tool
 * call, the history with the assistant's tool call and the tool result, the answer, the token
 * counts; a streamed call as its unstreamed twin; session and user on every span.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockJavaagentIT {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  /** Two calls for each of Converse, ConverseStream and Claude's and Nova's two InvokeModels. */
  private static final int TOOL_CALLS = 2 * (2 + 2 * 2);

  private static final int CALLS = TOOL_CALLS + 3;

  private int exitCode;
  private String output;
  private String done;
  private List<SpanData> spans;
  private List<String> requests;

  @BeforeAll
  void runApp() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        FakeBedrockServer bedrock = FakeBedrockServer.start();
        ChildJvm child =
            ChildJvm.start(
                jvmArgs(receiver),
                Map.of(),
                requiredProperty("openinference.it.app.classpath")
                    + File.pathSeparator
                    + requiredProperty("openinference.it.bedrock.classpath"),
                BedrockApp.class.getName(),
                List.of(bedrock.endpoint()))) {
      try {
        exitCode = child.awaitExit(EXIT_TIMEOUT);
        output = child.describe();
        done =
            child.getStdout().stream()
                .filter(line -> line.startsWith(BedrockApp.DONE))
                .map(line -> line.substring(BedrockApp.DONE.length()))
                .findFirst()
                .orElse(null);
        // The agent's shutdown hook flushed the batch processor before the child exited.
        receiver.awaitSpans(CALLS, SPAN_TIMEOUT);
        spans = receiver.getSpans();
        requests = bedrock.requests();
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
    args.add("-Dotel.service.name=openinference-bedrock-javaagent-it");
    args.add("-Dotel.traces.exporter=otlp");
    args.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    args.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.getHttpTracesEndpoint());
    args.add("-Dotel.metrics.exporter=none");
    // No log exporter: the receiver takes traces only. The SDK still has a logger provider, so
    // the extension can see the instrumentation's content events.
    args.add("-Dotel.logs.exporter=none");
    args.add("-Dotel.bsp.schedule.delay=100");
    // The SDK must not look for credentials or a region anywhere but in the app's code.
    args.add("-Daws.region=us-east-1");
    args.add("-Daws.accessKeyId=AKIDFAKE");
    args.add("-Daws.secretAccessKey=fake-secret");
    args.add("-Daws.disableEc2Metadata=true");
    // No otel.instrumentation.genai.capture-message-content: the extension turns capture on
    // unless the user set it, and the content assertions below depend on that default.
    return args;
  }

  @Test
  void appExitsCleanlyAfterEveryCall() {
    assertThat(exitCode).as(output).isZero();
    assertThat(done).as(output).isEqualTo(String.valueOf(CALLS));
    assertThat(output).doesNotContain("Exception", "SEVERE", "WARN");
    assertThat(requests)
        .containsExactly(
            "converse " + NOVA,
            "converse " + NOVA,
            "converse-stream " + NOVA,
            "converse-stream " + NOVA,
            "invoke " + CLAUDE,
            "invoke " + CLAUDE,
            "invoke-with-response-stream " + CLAUDE,
            "invoke-with-response-stream " + CLAUDE,
            "invoke " + NOVA,
            "invoke " + NOVA,
            "invoke-with-response-stream " + NOVA,
            "invoke-with-response-stream " + NOVA,
            "invoke " + TITAN,
            "invoke-with-response-stream " + TITAN,
            "invoke " + LLAMA);
  }

  @Test
  void everySpanCarriesSessionAndUser() {
    assertThat(spans).hasSizeGreaterThanOrEqualTo(CALLS);
    SoftAssertions softly = new SoftAssertions();
    for (SpanData span : spans) {
      softly
          .assertThat(span.getAttributes().get(AttributeKey.stringKey("session.id")))
          .as("session.id of %s", span.getName())
          .isEqualTo(BedrockApp.SESSION);
      softly
          .assertThat(span.getAttributes().get(AttributeKey.stringKey("user.id")))
          .as("user.id of %s", span.getName())
          .isEqualTo(BedrockApp.USER);
    }
    softly.assertAll();
  }

  @Test
  void converseToolRoundTrip() {
    assertToolRoundTrip(calls("Converse", NOVA), "Converse");
  }

  @Test
  void converseStreamToolRoundTrip() {
    assertToolRoundTrip(calls("ConverseStream", NOVA), "ConverseStream");
  }

  @Test
  void invokeModelToolRoundTrips() {
    assertToolRoundTrip(calls("InvokeModel", CLAUDE), "InvokeModel Claude");
    assertToolRoundTrip(calls("InvokeModel", NOVA), "InvokeModel Nova");
  }

  @Test
  void invokeModelWithResponseStreamToolRoundTrips() {
    assertToolRoundTrip(calls("InvokeModelWithResponseStream", CLAUDE), "stream Claude");
    assertToolRoundTrip(calls("InvokeModelWithResponseStream", NOVA), "stream Nova");
  }

  @Test
  void streamedCallsArriveAsTheirUnstreamedTwins() {
    SoftAssertions softly = new SoftAssertions();
    for (String[] twin :
        List.of(
            new String[] {"Converse", "ConverseStream", NOVA},
            new String[] {"InvokeModel", "InvokeModelWithResponseStream", CLAUDE},
            new String[] {"InvokeModel", "InvokeModelWithResponseStream", NOVA},
            new String[] {"InvokeModel", "InvokeModelWithResponseStream", TITAN})) {
      List<SpanData> plain = calls(twin[0], twin[2]);
      List<SpanData> streamed = calls(twin[1], twin[2]);
      for (int i = 0; i < plain.size(); i++) {
        softly
            .assertThat(openInference(streamed.get(i)))
            .as("%s call %d of %s", twin[1], i, twin[2])
            .isEqualTo(openInference(plain.get(i)));
      }
    }
    softly.assertAll();
  }

  @Test
  void titanTextCompletionShowsPromptAndAnswer() {
    SpanData titan = calls("InvokeModel", TITAN).get(0);
    Map<String, Object> attributes = openInference(titan);
    assertThat(attributes)
        .containsEntry("openinference.span.kind", "LLM")
        .containsEntry("llm.input_messages.0.message.role", "user")
        .containsEntry("llm.input_messages.0.message.contents.0.message_content.text", QUESTION)
        .containsEntry("llm.output_messages.0.message.role", "assistant")
        .containsEntry("llm.output_messages.0.message.contents.0.message_content.text", ANSWER)
        .containsEntry("llm.finish_reason", "FINISH")
        .containsEntry("llm.token_count.prompt", INPUT_TOKENS)
        .containsEntry("llm.token_count.completion", OUTPUT_TOKENS);
  }

  @Test
  void llamaHasModelParametersAndTokensButNoMessages() {
    // The instrumentation emits no content events for Llama, Cohere and Mistral bodies.
    Map<String, Object> attributes = openInference(calls("InvokeModel", LLAMA).get(0));
    assertThat(attributes)
        .containsEntry("openinference.span.kind", "LLM")
        .containsEntry("llm.model_name", LLAMA)
        .containsEntry("llm.provider", "aws")
        .containsEntry("llm.finish_reason", "stop")
        .containsEntry("llm.token_count.prompt", INPUT_TOKENS)
        .containsEntry("llm.token_count.completion", OUTPUT_TOKENS)
        .containsEntry(
            "llm.invocation_parameters",
            "{\"model\":\"" + LLAMA + "\",\"temperature\":0.5,\"max_completion_tokens\":256}");
    assertThat(attributes.keySet()).noneMatch(key -> key.startsWith("llm.input_messages."));
  }

  /** The tool-call turn and the follow-up of one operation and model. */
  private static void assertToolRoundTrip(List<SpanData> pair, String label) {
    assertThat(pair).as(label).hasSize(2);
    Map<String, Object> toolTurn = openInference(pair.get(0));
    Map<String, Object> answerTurn = openInference(pair.get(1));
    String model = String.valueOf(toolTurn.get("llm.model_name"));
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(toolTurn)
        .as("%s tool-call turn", label)
        .containsEntry("openinference.span.kind", "LLM")
        .containsEntry("llm.provider", "aws")
        .containsEntry(
            "llm.invocation_parameters",
            "{\"model\":\"" + model + "\",\"temperature\":0.5,\"max_completion_tokens\":256}")
        .containsEntry("llm.input_messages.0.message.role", "user")
        .containsEntry("llm.input_messages.0.message.contents.0.message_content.text", QUESTION)
        .containsEntry("llm.output_messages.0.message.role", "assistant")
        .containsEntry("llm.output_messages.0.message.tool_calls.0.tool_call.id", TOOL_USE_ID)
        .containsEntry("llm.output_messages.0.message.tool_calls.0.tool_call.function.name", TOOL)
        .containsEntry(
            "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments",
            TOOL_ARGUMENTS)
        .containsEntry("llm.finish_reason", "tool_use")
        .containsEntry("llm.token_count.prompt", INPUT_TOKENS)
        .containsEntry("llm.token_count.completion", OUTPUT_TOKENS)
        .containsEntry("llm.token_count.total", INPUT_TOKENS + OUTPUT_TOKENS)
        .containsEntry("input.mime_type", "application/json")
        .doesNotContainKey("llm.output_messages.0.message.contents.0.message_content.text");
    softly
        .assertThat(toolTurn.keySet())
        .as("%s: the instrumentation does not capture the system prompt", label)
        .doesNotContain("llm.input_messages.1.message.role");
    softly
        .assertThat(String.valueOf(toolTurn.get("output.value")))
        .as("%s output.value", label)
        .contains(TOOL_USE_ID, TOOL);
    softly
        .assertThat(answerTurn)
        .as("%s follow-up", label)
        .containsEntry("llm.input_messages.0.message.role", "user")
        .containsEntry("llm.input_messages.1.message.role", "assistant")
        .containsEntry("llm.input_messages.1.message.tool_calls.0.tool_call.id", TOOL_USE_ID)
        .containsEntry("llm.input_messages.1.message.tool_calls.0.tool_call.function.name", TOOL)
        .containsEntry(
            "llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments",
            TOOL_ARGUMENTS)
        .containsEntry("llm.input_messages.2.message.role", "tool")
        .containsEntry("llm.input_messages.2.message.tool_call_id", TOOL_USE_ID)
        .containsEntry("llm.output_messages.0.message.role", "assistant")
        .containsEntry("llm.output_messages.0.message.contents.0.message_content.text", ANSWER)
        .containsEntry("llm.finish_reason", "end_turn")
        .containsEntry(
            "output.value",
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
                + "\"content\":\""
                + ANSWER
                + "\"}]}]");
    softly
        .assertThat(String.valueOf(answerTurn.get("llm.input_messages.2.message.content")))
        .as("%s tool result", label)
        .contains(TOOL_RESULT);
    softly.assertAll();
  }

  /** The LLM spans of {@code operation} on {@code model}, in start order. */
  private List<SpanData> calls(String operation, String model) {
    return spans.stream()
        .filter(
            s ->
                operation.equals(s.getAttributes().get(AttributeKey.stringKey("rpc.method")))
                    && model.equals(
                        s.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))))
        .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
        .collect(Collectors.toList());
  }

  /** The span's OpenInference attributes: kind, llm.*, input.* and output.*. */
  private static Map<String, Object> openInference(SpanData span) {
    Map<String, Object> attributes = new TreeMap<>();
    span.getAttributes()
        .forEach(
            (key, value) -> {
              String name = key.getKey();
              if (name.startsWith("llm.")
                  || name.startsWith("input.")
                  || name.startsWith("output.")
                  || name.equals("openinference.span.kind")) {
                attributes.put(name, value);
              }
            });
    return attributes;
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
