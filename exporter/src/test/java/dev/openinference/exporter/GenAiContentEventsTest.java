/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import io.opentelemetry.api.common.Attributes;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GenAI content that arrives as log-record events (the OpenTelemetry OpenAI instrumentation's
 * {@code gen_ai.*.message} and {@code gen_ai.choice}) or as span events reaches the span's
 * OpenInference attributes, through a real SDK logs and traces pipeline.
 */
class GenAiContentEventsTest {

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
  private final Logger logger = loggerProvider.get("test");

  @AfterEach
  void close() {
    tracerProvider.close();
    loggerProvider.close();
  }

  private void emit(String eventName, Value<?> body) {
    logger.logRecordBuilder().setEventName(eventName).setBody(body).emit();
  }

  private static Value<?> object(KeyValue... members) {
    return Value.of(members);
  }

  @Test
  void logRecordMessagesAndChoiceBecomeTheChatSpansMessages() {
    Span span =
        tracer
            .spanBuilder("chat gpt-4o")
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.request.model", "gpt-4o")
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      emit("gen_ai.system.message", object(KeyValue.of("content", Value.of("Be brief."))));
      emit("gen_ai.user.message", object(KeyValue.of("content", Value.of("Weather in Paris?"))));
      emit(
          "gen_ai.assistant.message",
          object(
              KeyValue.of(
                  "tool_calls",
                  Value.of(
                      object(
                          KeyValue.of("id", Value.of("call_1")),
                          KeyValue.of("type", Value.of("function")),
                          KeyValue.of(
                              "function",
                              object(
                                  KeyValue.of("name", Value.of("get_weather")),
                                  KeyValue.of("arguments", Value.of("{\"city\":\"Paris\"}")))))))));
      emit(
          "gen_ai.tool.message",
          object(KeyValue.of("id", Value.of("call_1")), KeyValue.of("content", Value.of("rainy"))));
      emit(
          "gen_ai.choice",
          object(
              KeyValue.of("index", Value.of(0L)),
              KeyValue.of("finish_reason", Value.of("stop")),
              KeyValue.of("message", object(KeyValue.of("content", Value.of("It is rainy."))))));
    } finally {
      span.end();
    }

    SpanData sent = spans.getFinishedSpanItems().get(0);
    assertThat(sent)
        .hasAttribute(stringKey("openinference.span.kind"), "LLM")
        .hasAttribute(stringKey("llm.input_messages.0.message.role"), "system")
        .hasAttribute(
            stringKey("llm.input_messages.0.message.contents.0.message_content.text"), "Be brief.")
        .hasAttribute(stringKey("llm.input_messages.1.message.role"), "user")
        .hasAttribute(
            stringKey("llm.input_messages.1.message.contents.0.message_content.text"),
            "Weather in Paris?")
        .hasAttribute(stringKey("llm.input_messages.2.message.role"), "assistant")
        .hasAttribute(stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.id"), "call_1")
        .hasAttribute(
            stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.function.name"),
            "get_weather")
        .hasAttribute(
            stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.function.arguments"),
            "{\"city\":\"Paris\"}")
        .hasAttribute(stringKey("llm.input_messages.3.message.role"), "tool")
        .hasAttribute(stringKey("llm.input_messages.3.message.tool_call_id"), "call_1")
        .hasAttribute(stringKey("llm.input_messages.3.message.content"), "rainy")
        .hasAttribute(stringKey("llm.output_messages.0.message.role"), "assistant")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.contents.0.message_content.text"),
            "It is rainy.")
        .hasAttribute(stringKey("llm.finish_reason"), "stop")
        .hasAttribute(stringKey("input.mime_type"), "application/json")
        .hasAttribute(stringKey("output.mime_type"), "application/json");
    assertThat(sent.getAttributes().get(stringKey("input.value"))).contains("Weather in Paris?");
    assertThat(sent.getAttributes().get(stringKey("output.value"))).contains("It is rainy.");
  }

  @Test
  void eventsOfAnotherSpanStayWithThatSpan() {
    Span first =
        tracer.spanBuilder("first").setAttribute("gen_ai.operation.name", "chat").startSpan();
    Span second =
        tracer.spanBuilder("second").setAttribute("gen_ai.operation.name", "chat").startSpan();
    try (Scope ignored = first.makeCurrent()) {
      emit("gen_ai.user.message", object(KeyValue.of("content", Value.of("to first"))));
    }
    try (Scope ignored = second.makeCurrent()) {
      emit("gen_ai.user.message", object(KeyValue.of("content", Value.of("to second"))));
    }
    second.end();
    first.end();

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished.get(0))
        .hasName("second")
        .hasAttribute(
            stringKey("llm.input_messages.0.message.contents.0.message_content.text"), "to second");
    assertThat(finished.get(1))
        .hasName("first")
        .hasAttribute(
            stringKey("llm.input_messages.0.message.contents.0.message_content.text"), "to first");
    assertThat(finished.get(1).getAttributes().get(stringKey("llm.input_messages.1.message.role")))
        .isNull();
  }

  @Test
  void spanEventsCarryingContentAreTranslated() {
    Span span =
        tracer
            .spanBuilder("completion")
            .setAttribute("gen_ai.operation.name", "text_completion")
            .startSpan();
    span.addEvent(
        "gen_ai.content.prompt", Attributes.of(stringKey("gen_ai.prompt"), "Say this is a test"));
    span.addEvent(
        "gen_ai.content.completion",
        Attributes.of(stringKey("gen_ai.completion"), "This is a test."));
    span.addEvent("gen_ai.user.message", Attributes.of(stringKey("content"), "hello there"));
    span.end();

    assertThat(spans.getFinishedSpanItems().get(0))
        .hasAttribute(stringKey("input.value"), "Say this is a test")
        .hasAttribute(stringKey("input.mime_type"), "text/plain")
        .hasAttribute(stringKey("output.value"), "This is a test.")
        .hasAttribute(
            stringKey("llm.input_messages.0.message.contents.0.message_content.text"),
            "hello there");
  }

  @Test
  void operationDetailsEventCountsAsTheSpansOwnContent() {
    Span span =
        tracer.spanBuilder("chat").setAttribute("gen_ai.operation.name", "chat").startSpan();
    span.addEvent(
        "gen_ai.client.inference.operation.details",
        Attributes.of(
            stringKey("gen_ai.input.messages"),
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"from the event\"}]}]",
            stringKey("gen_ai.output.messages"),
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"answer\"}]}]"));
    span.end();

    assertThat(spans.getFinishedSpanItems().get(0))
        .hasAttribute(
            stringKey("llm.input_messages.0.message.contents.0.message_content.text"),
            "from the event")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.contents.0.message_content.text"), "answer");
  }

  @Test
  void aMalformedEventIsSkippedAndTheRestKept() {
    Span span =
        tracer.spanBuilder("chat").setAttribute("gen_ai.operation.name", "chat").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      emit("gen_ai.user.message", Value.of(42L));
      emit("gen_ai.choice", Value.of("{not json"));
      emit("gen_ai.user.message", object(KeyValue.of("content", Value.of("kept"))));
    } finally {
      span.end();
    }
    SpanData sent = spans.getFinishedSpanItems().get(0);
    assertThat(sent).hasAttribute(stringKey("openinference.span.kind"), "LLM");
    assertThat(sent.getAttributes().asMap().values()).contains("kept");
  }
}
