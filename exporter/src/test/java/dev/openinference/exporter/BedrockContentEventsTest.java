/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log-record events of the OpenTelemetry AWS SDK instrumentation's Bedrock Runtime support,
 * with the bodies it writes (its {@code BedrockRuntimeImpl} in 2.33.1: {@code event.name} as an
 * attribute, {@code toolCalls} of flat {@code {id, type, name, arguments}}, a choice body without a
 * {@code message}), become the same OpenInference messages as the OpenAI instrumentation's events
 * for the same conversation.
 */
class BedrockContentEventsTest {

  private static final String AWS_SDK_SCOPE = "io.opentelemetry.aws-sdk-2.2";
  private static final String OPENAI_SCOPE = "io.opentelemetry.openai-java-1.1";
  private static final AttributeKey<String> EVENT_NAME = stringKey("event.name");
  private static final String QUESTION = "What is the weather in Paris?";
  private static final String ARGUMENTS = "{\"city\":\"Paris\"}";
  private static final String RESULT = "Sunny, 21 C";
  private static final String ANSWER = "It is sunny.";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder()
          .addSpanProcessor(
              SimpleSpanProcessor.create(
                  OpenInferenceSpanExporter.wrap(spans, TraceConfig.builder().build())))
          .build();
  private final SdkLoggerProvider loggerProvider =
      SdkLoggerProvider.builder().addLogRecordProcessor(GenAiEventsBridge.shared()).build();
  private final Tracer tracer = tracerProvider.get("test");

  @AfterEach
  void close() {
    tracerProvider.close();
    loggerProvider.close();
  }

  @Test
  void toolCallTurnShowsTheToolCallAsOpenAisDoes() {
    SpanData bedrock =
        chat(
            AWS_SDK_SCOPE,
            bedrockEvent("gen_ai.user.message", text(QUESTION)),
            bedrockEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("toolCalls", Value.of(bedrockToolCall(true))),
                    KeyValue.of("finish_reason", Value.of("tool_use")),
                    KeyValue.of("index", Value.of(0L)))));

    assertThat(bedrock)
        .hasAttribute(stringKey("llm.input_messages.0.message.role"), "user")
        .hasAttribute(
            stringKey("llm.input_messages.0.message.contents.0.message_content.text"), QUESTION)
        .hasAttribute(stringKey("llm.output_messages.0.message.role"), "assistant")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.id"), "tooluse_1")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.name"),
            "get_weather")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments"),
            ARGUMENTS)
        .hasAttribute(stringKey("llm.finish_reason"), "tool_use");

    SpanData openAi =
        chat(
            OPENAI_SCOPE,
            openAiEvent("gen_ai.user.message", text(QUESTION)),
            openAiEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("index", Value.of(0L)),
                    KeyValue.of("finish_reason", Value.of("tool_use")),
                    KeyValue.of(
                        "message",
                        object(KeyValue.of("tool_calls", Value.of(openAiToolCall())))))));
    assertThat(messagesOf(bedrock)).isEqualTo(messagesOf(openAi));
  }

  @Test
  void followUpShowsTheAssistantsToolCallAndTheToolResultAsOpenAisDoes() {
    SpanData bedrock =
        chat(
            AWS_SDK_SCOPE,
            bedrockEvent("gen_ai.user.message", text(QUESTION)),
            bedrockEvent(
                "gen_ai.assistant.message",
                object(KeyValue.of("toolCalls", Value.of(bedrockToolCall(true))))),
            bedrockEvent(
                "gen_ai.tool.message",
                object(
                    KeyValue.of("id", Value.of("tooluse_1")),
                    KeyValue.of("content", Value.of(RESULT)))),
            bedrockEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("content", Value.of(ANSWER)),
                    KeyValue.of("finish_reason", Value.of("end_turn")),
                    KeyValue.of("index", Value.of(0L)))));

    assertThat(bedrock)
        .hasAttribute(stringKey("llm.input_messages.1.message.role"), "assistant")
        .hasAttribute(
            stringKey("llm.input_messages.1.message.tool_calls.0.tool_call.id"), "tooluse_1")
        .hasAttribute(
            stringKey("llm.input_messages.1.message.tool_calls.0.tool_call.function.name"),
            "get_weather")
        .hasAttribute(
            stringKey("llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments"),
            ARGUMENTS)
        .hasAttribute(stringKey("llm.input_messages.2.message.role"), "tool")
        .hasAttribute(stringKey("llm.input_messages.2.message.tool_call_id"), "tooluse_1")
        .hasAttribute(stringKey("llm.input_messages.2.message.content"), RESULT)
        .hasAttribute(
            stringKey("llm.output_messages.0.message.contents.0.message_content.text"), ANSWER);

    SpanData openAi =
        chat(
            OPENAI_SCOPE,
            openAiEvent("gen_ai.user.message", text(QUESTION)),
            openAiEvent(
                "gen_ai.assistant.message",
                object(KeyValue.of("tool_calls", Value.of(openAiToolCall())))),
            openAiEvent(
                "gen_ai.tool.message",
                object(
                    KeyValue.of("id", Value.of("tooluse_1")),
                    KeyValue.of("content", Value.of(RESULT)))),
            openAiEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("index", Value.of(0L)),
                    KeyValue.of("finish_reason", Value.of("end_turn")),
                    KeyValue.of("message", object(KeyValue.of("content", Value.of(ANSWER)))))));
    assertThat(messagesOf(bedrock)).isEqualTo(messagesOf(openAi));
  }

  @Test
  void streamedChoiceWithOnlyToolCallsEqualsTheUnstreamedOne() {
    // ConverseStream and InvokeModelWithResponseStream start the text at "" and write it even when
    // the message had only tool calls; Converse and InvokeModel leave content out then.
    SpanData streamed =
        chat(
            AWS_SDK_SCOPE,
            bedrockEvent("gen_ai.user.message", text(QUESTION)),
            bedrockEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("content", Value.of("")),
                    KeyValue.of("toolCalls", Value.of(bedrockToolCall(true))),
                    KeyValue.of("finish_reason", Value.of("tool_use")),
                    KeyValue.of("index", Value.of(0L)))));
    SpanData unstreamed =
        chat(
            AWS_SDK_SCOPE,
            bedrockEvent("gen_ai.user.message", text(QUESTION)),
            bedrockEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("toolCalls", Value.of(bedrockToolCall(true))),
                    KeyValue.of("finish_reason", Value.of("tool_use")),
                    KeyValue.of("index", Value.of(0L)))));

    assertThat(streamed.getAttributes().get(stringKey("output.value")))
        .isEqualTo(unstreamed.getAttributes().get(stringKey("output.value")));
    assertThat(messagesOf(streamed)).isEqualTo(messagesOf(unstreamed));
    assertThat(messagesOf(streamed))
        .doesNotContainKey("llm.output_messages.0.message.contents.0.message_content.text");
  }

  @Test
  void titanTextCompletionBecomesUserInputAndAnswer() {
    SpanData titan =
        chat(
            AWS_SDK_SCOPE,
            bedrockEvent("gen_ai.user.message", text(QUESTION)),
            bedrockEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("content", Value.of(ANSWER)),
                    KeyValue.of("finish_reason", Value.of("FINISH")),
                    KeyValue.of("index", Value.of(0L)))));

    assertThat(titan)
        .hasAttribute(
            stringKey("llm.input_messages.0.message.contents.0.message_content.text"), QUESTION)
        .hasAttribute(stringKey("llm.output_messages.0.message.role"), "assistant")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.contents.0.message_content.text"), ANSWER)
        .hasAttribute(stringKey("llm.finish_reason"), "FINISH");
  }

  @Test
  void withoutContentCaptureTheToolCallKeepsItsIdAndName() {
    SpanData bedrock =
        chat(
            AWS_SDK_SCOPE,
            bedrockEvent("gen_ai.user.message", object()),
            bedrockEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("toolCalls", Value.of(bedrockToolCall(false))),
                    KeyValue.of("finish_reason", Value.of("tool_use")),
                    KeyValue.of("index", Value.of(0L)))));

    assertThat(bedrock)
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.id"), "tooluse_1")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.name"),
            "get_weather");
    assertThat(messagesOf(bedrock))
        .doesNotContainKey("llm.input_messages.0.message.contents.0.message_content.text");
  }

  @Test
  void theBedrockSpellingIsReadOnlyFromTheAwsSdkScope() {
    SpanData other =
        chat(
            "com.example.other",
            bedrockEvent(
                "gen_ai.choice",
                object(
                    KeyValue.of("toolCalls", Value.of(bedrockToolCall(true))),
                    KeyValue.of("index", Value.of(0L)))));

    assertThat(messagesOf(other))
        .containsEntry("llm.output_messages.0.message.role", "assistant")
        .doesNotContainKey("llm.output_messages.0.message.tool_calls.0.tool_call.id");
  }

  /** A chat span with the events {@code scopeName}'s logger emits while it is current. */
  private SpanData chat(String scopeName, Event... events) {
    Logger logger = loggerProvider.get(scopeName);
    Span span =
        tracer
            .spanBuilder("chat model")
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.request.model", "model")
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      for (Event event : events) {
        event.emit(logger);
      }
    } finally {
      span.end();
    }
    return spans.getFinishedSpanItems().get(spans.getFinishedSpanItems().size() - 1);
  }

  /** The span's translated input and output messages. */
  private static Map<String, Object> messagesOf(SpanData span) {
    Map<String, Object> messages = new TreeMap<>();
    span.getAttributes()
        .forEach(
            (key, value) -> {
              if (key.getKey().startsWith("llm.input_messages.")
                  || key.getKey().startsWith("llm.output_messages.")) {
                messages.put(key.getKey(), value);
              }
            });
    return messages;
  }

  /** As Bedrock's instrumentation emits: the name as an attribute, with the provider. */
  private static Event bedrockEvent(String name, Value<?> body) {
    return logger ->
        logger
            .logRecordBuilder()
            .setAttribute(EVENT_NAME, name)
            .setAttribute(stringKey("gen_ai.provider.name"), "aws.bedrock")
            .setBody(body)
            .emit();
  }

  private static Event openAiEvent(String name, Value<?> body) {
    return logger -> logger.logRecordBuilder().setEventName(name).setBody(body).emit();
  }

  private static Value<?> bedrockToolCall(boolean withArguments) {
    return withArguments
        ? object(
            KeyValue.of("id", Value.of("tooluse_1")),
            KeyValue.of("name", Value.of("get_weather")),
            KeyValue.of("type", Value.of("function")),
            KeyValue.of("arguments", Value.of(ARGUMENTS)))
        : object(
            KeyValue.of("id", Value.of("tooluse_1")),
            KeyValue.of("name", Value.of("get_weather")),
            KeyValue.of("type", Value.of("function")));
  }

  private static Value<?> openAiToolCall() {
    return object(
        KeyValue.of("id", Value.of("tooluse_1")),
        KeyValue.of("type", Value.of("function")),
        KeyValue.of(
            "function",
            object(
                KeyValue.of("name", Value.of("get_weather")),
                KeyValue.of("arguments", Value.of(ARGUMENTS)))));
  }

  private static Value<?> text(String content) {
    return object(KeyValue.of("content", Value.of(content)));
  }

  private static Value<?> object(KeyValue... members) {
    return Value.of(members);
  }

  @FunctionalInterface
  private interface Event {
    void emit(Logger logger);
  }
}
