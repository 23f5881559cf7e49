/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageType;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.openinference.context.OpenInference;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenInferenceChatModelListenerTest {

  private static final ChatRequestParameters DEFAULTS =
      ChatRequestParameters.builder().modelName("gpt-4o-mini").temperature(0.2).build();

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(OpenInferenceSpanProcessor.create())
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  private final OpenInferenceChatModelListener listener =
      OpenInferenceChatModelListener.create(sdk);

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  @Test
  void chatCallBecomesAnLlmSpanWithEveryKindOfInputMessageAndTheAnswer() {
    ToolExecutionRequest weatherCall =
        ToolExecutionRequest.builder()
            .id("call_1")
            .name("get_weather")
            .arguments("{\"city\":\"Paris\"}")
            .build();
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS, listener)
            .then(
                request ->
                    ChatResponse.builder()
                        .aiMessage(AiMessage.from("It is sunny in Paris."))
                        .modelName("gpt-4o-mini-2024-07-18")
                        .tokenUsage(new TokenUsage(42, 7, 49))
                        .finishReason(FinishReason.STOP)
                        .build());

    ChatResponse response =
        model.chat(
            ChatRequest.builder()
                .messages(
                    SystemMessage.from("You are a weather bot."),
                    UserMessage.from(
                        TextContent.from("What is the weather here?"),
                        ImageContent.from("https://example.com/paris.png")),
                    AiMessage.from(weatherCall),
                    ToolExecutionResultMessage.from(weatherCall, "sunny, 21C"))
                .toolSpecifications(weatherTool())
                .maxOutputTokens(100)
                .build());

    Assertions.assertThat(response.aiMessage().text()).isEqualTo("It is sunny in Paris.");
    SpanData span = onlySpan();
    assertThat(span)
        .hasName("chat gpt-4o-mini")
        .hasKind(SpanKind.CLIENT)
        .hasEnded()
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "LLM"),
            equalTo(SemanticConventions.LLM_MODEL_NAME, "gpt-4o-mini-2024-07-18"),
            equalTo(SemanticConventions.LLM_PROVIDER, "openai"),
            equalTo(SemanticConventions.LLM_SYSTEM, "openai"),
            equalTo(
                SemanticConventions.LLM_INVOCATION_PARAMETERS,
                "{\"model\":\"gpt-4o-mini\",\"temperature\":0.2,\"max_output_tokens\":100}"),
            equalTo(stringKey("llm.input_messages.0.message.role"), "system"),
            equalTo(stringKey("llm.input_messages.0.message.content"), "You are a weather bot."),
            equalTo(stringKey("llm.input_messages.1.message.role"), "user"),
            equalTo(
                stringKey("llm.input_messages.1.message.contents.0.message_content.type"), "text"),
            equalTo(
                stringKey("llm.input_messages.1.message.contents.0.message_content.text"),
                "What is the weather here?"),
            equalTo(
                stringKey("llm.input_messages.1.message.contents.1.message_content.type"), "image"),
            equalTo(
                stringKey(
                    "llm.input_messages.1.message.contents.1.message_content.image.image.url"),
                "https://example.com/paris.png"),
            equalTo(stringKey("llm.input_messages.2.message.role"), "assistant"),
            equalTo(stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.id"), "call_1"),
            equalTo(
                stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.function.name"),
                "get_weather"),
            equalTo(
                stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.function.arguments"),
                "{\"city\":\"Paris\"}"),
            equalTo(stringKey("llm.input_messages.3.message.role"), "tool"),
            equalTo(stringKey("llm.input_messages.3.message.tool_call_id"), "call_1"),
            equalTo(stringKey("llm.input_messages.3.message.name"), "get_weather"),
            equalTo(stringKey("llm.input_messages.3.message.content"), "sunny, 21C"),
            equalTo(
                stringKey("llm.tools.0.tool.json_schema"),
                "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":"
                    + "\"The weather in a city\",\"parameters\":{\"type\":\"object\",\"properties\":"
                    + "{\"city\":{\"type\":\"string\",\"description\":\"the city\"}},"
                    + "\"required\":[\"city\"]}}}"),
            equalTo(SemanticConventions.INPUT_MIME_TYPE, "application/json"),
            equalTo(stringKey("llm.output_messages.0.message.role"), "assistant"),
            equalTo(stringKey("llm.output_messages.0.message.content"), "It is sunny in Paris."),
            equalTo(SemanticConventions.OUTPUT_VALUE, "It is sunny in Paris."),
            equalTo(SemanticConventions.OUTPUT_MIME_TYPE, "text/plain"),
            equalTo(longKey("llm.token_count.prompt"), 42L),
            equalTo(longKey("llm.token_count.completion"), 7L),
            equalTo(longKey("llm.token_count.total"), 49L),
            equalTo(SemanticConventions.LLM_FINISH_REASON, "stop"));
    Assertions.assertThat(span.getAttributes().get(SemanticConventions.INPUT_VALUE))
        .isEqualTo(
            "[{\"role\":\"system\",\"content\":\"You are a weather bot.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is the"
                + " weather here?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"https://example.com/paris.png\"}}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
                + "\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"name\":\"get_weather\","
                + "\"content\":\"sunny, 21C\"}]");
  }

  @Test
  void inlineMediaBecomeDataUrlsPdfIsLeftOutAndThinkingIsAReasoningPart() {
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS, listener)
            .then(
                request ->
                    ChatResponse.builder()
                        .aiMessage(
                            AiMessage.builder().thinking("Look at the cat.").text("A cat.").build())
                        .build());

    model.chat(
        UserMessage.from(
            "ada",
            List.of(
                ImageContent.from("aGVsbG8=", "image/png"),
                PdfFileContent.from("https://example.com/doc.pdf"),
                AudioContent.from("d2F2", "audio/wav"),
                TextContent.from("What is it?"))),
        new CustomMessage(Map.of("note", "kept as JSON")));

    SpanData span = onlySpan();
    assertThat(span)
        .hasAttributesSatisfying(
            equalTo(stringKey("llm.input_messages.0.message.name"), "ada"),
            equalTo(
                stringKey("llm.input_messages.0.message.contents.0.message_content.type"), "image"),
            equalTo(
                stringKey(
                    "llm.input_messages.0.message.contents.0.message_content.image.image.url"),
                "data:image/png;base64,aGVsbG8="),
            equalTo(
                stringKey("llm.input_messages.0.message.contents.1.message_content.type"), "audio"),
            equalTo(
                stringKey(
                    "llm.input_messages.0.message.contents.1.message_content.audio.audio.url"),
                "data:audio/wav;base64,d2F2"),
            equalTo(
                stringKey(
                    "llm.input_messages.0.message.contents.1.message_content.audio.audio.mime_type"),
                "audio/wav"),
            equalTo(
                stringKey("llm.input_messages.0.message.contents.2.message_content.text"),
                "What is it?"),
            equalTo(stringKey("llm.input_messages.1.message.role"), "custom"),
            equalTo(
                stringKey("llm.input_messages.1.message.content"), "{\"note\":\"kept as JSON\"}"),
            equalTo(
                stringKey("llm.output_messages.0.message.contents.0.message_content.type"),
                "reasoning"),
            equalTo(
                stringKey("llm.output_messages.0.message.contents.0.message_content.text"),
                "Look at the cat."),
            equalTo(
                stringKey("llm.output_messages.0.message.contents.1.message_content.text"),
                "A cat."),
            equalTo(SemanticConventions.OUTPUT_VALUE, "A cat."));
    Assertions.assertThat(span.getAttributes().asMap().keySet())
        .extracting(key -> key.getKey())
        .noneMatch(key -> key.startsWith("llm.input_messages.0.message.contents.3"));
  }

  @Test
  void toolCallAnswerGoesToTheOutputMessageAsToolCalls() {
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.ANTHROPIC, DEFAULTS, listener)
            .then(
                request ->
                    ChatResponse.builder()
                        .aiMessage(
                            AiMessage.from(
                                ToolExecutionRequest.builder()
                                    .id("toolu_9")
                                    .name("get_weather")
                                    .arguments("{\"city\":\"Oslo\"}")
                                    .build()))
                        .finishReason(FinishReason.TOOL_EXECUTION)
                        .build());

    model.chat(UserMessage.from("Weather in Oslo?"));

    assertThat(onlySpan())
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.LLM_PROVIDER, "anthropic"),
            equalTo(SemanticConventions.LLM_SYSTEM, "anthropic"),
            equalTo(SemanticConventions.LLM_MODEL_NAME, "gpt-4o-mini"),
            equalTo(stringKey("llm.output_messages.0.message.role"), "assistant"),
            equalTo(
                stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.id"), "toolu_9"),
            equalTo(
                stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.name"),
                "get_weather"),
            equalTo(
                stringKey(
                    "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments"),
                "{\"city\":\"Oslo\"}"),
            equalTo(
                SemanticConventions.OUTPUT_VALUE,
                "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"toolu_9\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                    + "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]}"),
            equalTo(SemanticConventions.OUTPUT_MIME_TYPE, "application/json"),
            equalTo(SemanticConventions.LLM_FINISH_REASON, "tool_calls"));
  }

  @Test
  void openAiTokenDetailsBecomeCacheReadAndReasoningCounts() {
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS, listener)
            .then(
                request ->
                    ChatResponse.builder()
                        .aiMessage(AiMessage.from("42"))
                        .tokenUsage(
                            OpenAiTokenUsage.builder()
                                .inputTokenCount(100)
                                .inputTokensDetails(
                                    OpenAiTokenUsage.InputTokensDetails.builder()
                                        .cachedTokens(64)
                                        .build())
                                .outputTokenCount(30)
                                .outputTokensDetails(
                                    OpenAiTokenUsage.OutputTokensDetails.builder()
                                        .reasoningTokens(20)
                                        .build())
                                .totalTokenCount(130)
                                .build())
                        .build());

    model.chat("The answer?");

    assertThat(onlySpan())
        .hasAttributesSatisfying(
            equalTo(longKey("llm.token_count.prompt"), 100L),
            equalTo(longKey("llm.token_count.prompt_details.cache_read"), 64L),
            equalTo(longKey("llm.token_count.completion_details.reasoning"), 20L),
            equalTo(longKey("llm.token_count.total"), 130L));
  }

  @Test
  void failedCallEndsTheSpanWithErrorAndTheCallerGetsTheSameException() {
    IllegalStateException failure = new IllegalStateException("model overloaded");
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS, listener)
            .then(
                request -> {
                  throw failure;
                });

    assertThatThrownBy(() -> model.chat("hello")).isSameAs(failure);

    SpanData span = onlySpan();
    assertThat(span)
        .hasEnded()
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
        .hasException(failure)
        .hasAttributesSatisfying(
            equalTo(stringKey("llm.input_messages.0.message.content"), "hello"));
    Assertions.assertThat(span.getStatus().getDescription()).isEqualTo("model overloaded");
  }

  @Test
  @SuppressWarnings("try") // scopes held only to be closed
  void spanIsAChildOfTheCurrentSpanAndCarriesTheSessionAndUserOfTheScope() {
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS, listener)
            .then(request -> ChatResponse.builder().aiMessage(AiMessage.from("hi")).build());
    Span parent = sdk.getTracer("test").spanBuilder("turn").startSpan();

    try (Scope p = parent.makeCurrent();
        Scope session = OpenInference.usingSession("session-7");
        Scope user = OpenInference.usingUser("ada")) {
      model.chat("hello");
    } finally {
      parent.end();
    }

    SpanData llm =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getName().startsWith("chat"))
            .findFirst()
            .orElseThrow();
    assertThat(llm)
        .hasParentSpanId(parent.getSpanContext().getSpanId())
        .hasTraceId(parent.getSpanContext().getTraceId())
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.SESSION_ID, "session-7"),
            equalTo(SemanticConventions.USER_ID, "ada"),
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "LLM"));
  }

  @Test
  @SuppressWarnings("try") // scopes held only to be closed
  void streamingAnswerOnAnotherThreadEndsTheSpanStartedOnTheCallersThread() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    StreamingChatModel model =
        new StreamingChatModel() {
          // Fire and forget, as a streaming client is: the handler's callbacks are awaited.
          @SuppressWarnings("FutureReturnValueIgnored")
          @Override
          public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            CompletableFuture.runAsync(
                () -> {
                  handler.onPartialResponse("Hel");
                  handler.onCompleteResponse(
                      ChatResponse.builder()
                          .aiMessage(AiMessage.from("Hello!"))
                          .tokenUsage(new TokenUsage(3, 2))
                          .build());
                });
          }

          @Override
          public List<ChatModelListener> listeners() {
            return List.of(listener);
          }

          @Override
          public ModelProvider provider() {
            return ModelProvider.MISTRAL_AI;
          }
        };

    try (Scope session = OpenInference.usingSession("stream-1")) {
      model.chat(
          "hi",
          new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
              done.countDown();
            }

            @Override
            public void onError(Throwable error) {}
          });
    }

    Assertions.assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(onlySpan())
        .hasName("chat")
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.SESSION_ID, "stream-1"),
            equalTo(SemanticConventions.LLM_PROVIDER, "mistralai"),
            equalTo(SemanticConventions.OUTPUT_VALUE, "Hello!"),
            equalTo(longKey("llm.token_count.prompt"), 3L),
            equalTo(longKey("llm.token_count.completion"), 2L));
  }

  @Test
  void unreadableMessageIsSkippedWithAWarningAndTheSpanIsStillExported() {
    ChatMessage broken =
        new ChatMessage() {
          @Override
          public ChatMessageType type() {
            throw new UnsupportedOperationException("no type today");
          }

          @Override
          public String toString() {
            return "BrokenMessage";
          }
        };
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS, listener)
            .then(request -> ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());

    try (WarningCapture warnings = new WarningCapture()) {
      model.chat(UserMessage.from("first"), broken);

      Assertions.assertThat(warnings.warnings())
          .singleElement()
          .asString()
          .contains("could not read the LangChain4j chat message \"BrokenMessage\"")
          .contains("llm.input_messages.1")
          .contains("no type today");
    }
    assertThat(onlySpan())
        .hasAttributesSatisfying(
            equalTo(stringKey("llm.input_messages.0.message.content"), "first"),
            equalTo(SemanticConventions.OUTPUT_VALUE, "ok"));
  }

  @Test
  void responseWithoutAMatchingRequestIsIgnored() {
    listener.onResponse(
        new ChatModelResponseContext(
            ChatResponse.builder().aiMessage(AiMessage.from("late")).build(),
            ChatRequest.builder().messages(UserMessage.from("q")).build(),
            ModelProvider.OPEN_AI,
            new HashMap<>()));

    Assertions.assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void twoListenersOnOneModelEachRecordTheirOwnSpan() {
    OpenInferenceChatModelListener second = OpenInferenceChatModelListener.create(sdk);
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS, listener, second)
            .then(request -> ChatResponse.builder().aiMessage(AiMessage.from("hi")).build());

    model.chat("hello");

    Assertions.assertThat(exporter.getFinishedSpanItems())
        .hasSize(2)
        .allSatisfy(span -> assertThat(span).hasEnded());
  }

  @Test
  void nullOpenTelemetryWarnsAndFallsBackToTheGlobalOne() {
    try (WarningCapture warnings = new WarningCapture()) {
      OpenInferenceChatModelListener fallback = OpenInferenceChatModelListener.create(null);

      Assertions.assertThat(fallback).isNotNull();
      Assertions.assertThat(warnings.warnings())
          .singleElement()
          .asString()
          .contains("null OpenTelemetry")
          .contains("GlobalOpenTelemetry");
    }
  }

  static ToolSpecification weatherTool() {
    return ToolSpecification.builder()
        .name("get_weather")
        .description("The weather in a city")
        .parameters(
            JsonObjectSchema.builder()
                .addStringProperty("city", "the city")
                .required("city")
                .build())
        .build();
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    Assertions.assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
