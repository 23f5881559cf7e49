/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.openinference.context.OpenInference;
import dev.openinference.exporter.OpenInferenceOtel;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.FakeOpenAiRequest;
import dev.openinference.testing.FakeOpenAiResponse;
import dev.openinference.testing.FakeOpenAiServer;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's real OpenAI client ({@code langchain4j-open-ai}) against a fake OpenAI server on
 * loopback, an AI service with one {@code @Tool}, spans exported over real OTLP/HTTP by {@link
 * OpenInferenceOtel} to a loopback {@link OtlpReceiver}; the assertions read the decoded protobuf.
 */
class LangChain4jOpenAiEndToEndTest {

  interface Assistant {
    String chat(String message);
  }

  static final class WeatherTools {
    @Tool("The current weather in a city")
    String weather(@P(name = "city", value = "the city's name") String city) {
      return "sunny and 21C in " + city;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private OtlpReceiver receiver;
  private FakeOpenAiServer openAi;
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.create();
    openAi = FakeOpenAiServer.create();
    sdk =
        OpenInferenceOtel.builder()
            .setProjectName("langchain4j-e2e")
            .setEndpoint(receiver.getHttpTracesEndpoint())
            .setProtocol("http/protobuf")
            .setRegisterShutdownHook(false)
            .build();
  }

  @AfterEach
  void stop() {
    sdk.close();
    openAi.close();
    receiver.close();
  }

  @Test
  @SuppressWarnings("try") // scopes held only to be closed
  void aiServiceTurnWithAToolCallArrivesAsAgentLlmToolLlmSpansWithSessionAndUser()
      throws Exception {
    openAi.enqueue(FakeOpenAiResponse.toolCall("call_w1", "weather", "{\"city\":\"Paris\"}"));
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(openAi.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o-mini")
            .temperature(0.0)
            .listeners(List.of(OpenInferenceChatModelListener.create(sdk)))
            .build();
    Assistant assistant =
        OpenInferenceAiServices.create(sdk)
            .trace(
                Assistant.class,
                AiServices.builder(Assistant.class)
                    .chatModel(model)
                    .tools(OpenInferenceTools.create(sdk).wrap(new WeatherTools()))
                    .build());

    String answer;
    try (Scope session = OpenInference.usingSession("lc4j-session-1");
        Scope user = OpenInference.usingUser("grace")) {
      answer = assistant.chat("What is the weather in Paris?");
    }
    sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    List<SpanData> spans = receiver.awaitSpans(4, Duration.ofSeconds(30));

    Assertions.assertThat(answer).isEqualTo("The tool returned: sunny and 21C in Paris");
    List<FakeOpenAiRequest> requests = openAi.requests();
    Assertions.assertThat(requests).hasSize(2);
    Assertions.assertThat(spans).hasSize(4);
    SpanData agent = named(spans, "Assistant.chat").get(0);
    SpanData tool = named(spans, "execute_tool weather").get(0);
    List<SpanData> llms = named(spans, "chat gpt-4o-mini");
    Assertions.assertThat(llms).hasSize(2);
    SpanData first = llms.get(0);
    SpanData second = llms.get(1);

    Assertions.assertThat(spans)
        .allSatisfy(
            span ->
                assertThat(span)
                    .hasTraceId(agent.getTraceId())
                    .hasAttributesSatisfying(
                        equalTo(SemanticConventions.SESSION_ID, "lc4j-session-1"),
                        equalTo(SemanticConventions.USER_ID, "grace")));
    assertThat(agent)
        .hasNoParent()
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "AGENT"),
            equalTo(SemanticConventions.INPUT_VALUE, "What is the weather in Paris?"),
            equalTo(SemanticConventions.OUTPUT_VALUE, answer));

    assertThat(first)
        .hasParent(agent)
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "LLM"),
            equalTo(SemanticConventions.LLM_PROVIDER, "openai"),
            equalTo(SemanticConventions.LLM_SYSTEM, "openai"),
            equalTo(SemanticConventions.LLM_MODEL_NAME, requests.get(0).getModel()),
            equalTo(stringKey("llm.input_messages.0.message.role"), "user"),
            equalTo(
                stringKey("llm.input_messages.0.message.content"), "What is the weather in Paris?"),
            equalTo(stringKey("llm.output_messages.0.message.role"), "assistant"),
            equalTo(
                stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.id"), "call_w1"),
            equalTo(
                stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.name"),
                "weather"),
            equalTo(
                stringKey(
                    "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments"),
                "{\"city\":\"Paris\"}"),
            equalTo(SemanticConventions.LLM_FINISH_REASON, "tool_calls"),
            equalTo(longKey("llm.token_count.prompt"), requests.get(0).getPromptTokens()),
            equalTo(longKey("llm.token_count.completion"), requests.get(0).getCompletionTokens()),
            equalTo(longKey("llm.token_count.total"), requests.get(0).getTotalTokens()));
    Assertions.assertThat(
            JSON.readTree(first.getAttributes().get(SemanticConventions.LLM_INVOCATION_PARAMETERS)))
        .isEqualTo(JSON.readTree("{\"model\":\"gpt-4o-mini\",\"temperature\":0.0}"));
    // The tool as recorded is the tool as the model received it.
    JsonNode recordedTool =
        JSON.readTree(first.getAttributes().get(stringKey("llm.tools.0.tool.json_schema")));
    JsonNode sentTool = JSON.readTree(requests.get(0).getBody()).get("tools").get(0);
    Assertions.assertThat(recordedTool.get("type")).isEqualTo(sentTool.get("type"));
    Assertions.assertThat(recordedTool.get("function").get("name"))
        .isEqualTo(sentTool.get("function").get("name"));
    Assertions.assertThat(recordedTool.get("function").get("description"))
        .isEqualTo(sentTool.get("function").get("description"));
    Assertions.assertThat(recordedTool.get("function").get("parameters"))
        .isEqualTo(sentTool.get("function").get("parameters"));

    assertThat(tool)
        .hasParent(agent)
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "TOOL"),
            equalTo(SemanticConventions.TOOL_NAME, "weather"),
            equalTo(SemanticConventions.TOOL_DESCRIPTION, "The current weather in a city"),
            equalTo(SemanticConventions.TOOL_CALL_ID, "call_w1"),
            equalTo(SemanticConventions.INPUT_VALUE, "{\"city\":\"Paris\"}"),
            equalTo(SemanticConventions.OUTPUT_VALUE, "sunny and 21C in Paris"));
    Assertions.assertThat(
            JSON.readTree(tool.getAttributes().get(SemanticConventions.TOOL_PARAMETERS)))
        .isEqualTo(sentTool.get("function").get("parameters"));

    assertThat(second)
        .hasParent(agent)
        .hasAttributesSatisfying(
            equalTo(stringKey("llm.input_messages.0.message.role"), "user"),
            equalTo(stringKey("llm.input_messages.1.message.role"), "assistant"),
            equalTo(stringKey("llm.input_messages.1.message.tool_calls.0.tool_call.id"), "call_w1"),
            equalTo(stringKey("llm.input_messages.2.message.role"), "tool"),
            equalTo(stringKey("llm.input_messages.2.message.tool_call_id"), "call_w1"),
            equalTo(stringKey("llm.input_messages.2.message.content"), "sunny and 21C in Paris"),
            equalTo(stringKey("llm.output_messages.0.message.content"), answer),
            equalTo(SemanticConventions.OUTPUT_VALUE, answer),
            equalTo(SemanticConventions.OUTPUT_MIME_TYPE, "text/plain"),
            equalTo(SemanticConventions.LLM_FINISH_REASON, "stop"),
            equalTo(longKey("llm.token_count.prompt"), requests.get(1).getPromptTokens()));
    Assertions.assertThat(tool.getStartEpochNanos())
        .isGreaterThanOrEqualTo(first.getEndEpochNanos());
    Assertions.assertThat(second.getStartEpochNanos())
        .isGreaterThanOrEqualTo(tool.getEndEpochNanos());
  }

  @Test
  void failedOpenAiCallArrivesAsAnLlmSpanWithErrorStatus() {
    openAi.enqueue(FakeOpenAiResponse.error(400, "model not found"));
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(openAi.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-nope")
            .maxRetries(0)
            .listeners(List.of(OpenInferenceChatModelListener.create(sdk)))
            .build();

    Assertions.assertThatThrownBy(() -> model.chat("hello")).isInstanceOf(RuntimeException.class);
    sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);

    SpanData span = receiver.awaitSpans(1, Duration.ofSeconds(30)).get(0);
    assertThat(span)
        .hasName("chat gpt-nope")
        .hasStatusSatisfying(status -> status.hasCode(io.opentelemetry.api.trace.StatusCode.ERROR))
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "LLM"),
            equalTo(stringKey("llm.input_messages.0.message.content"), "hello"));
    Assertions.assertThat(span.getStatus().getDescription()).contains("model not found");
  }

  private static List<SpanData> named(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(s -> s.getName().equals(name))
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .toList();
  }
}
