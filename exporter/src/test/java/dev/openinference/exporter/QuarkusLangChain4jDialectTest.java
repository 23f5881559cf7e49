/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spans quarkus-langchain4j writes, as its source writes them, translated at export. */
class QuarkusLangChain4jDialectTest {

  private static final AttributeKey<String> KIND =
      AttributeKey.stringKey("openinference.span.kind");

  private final CapturingExporter captured = new CapturingExporter();

  private List<SpanData> export(java.util.function.Consumer<Tracer> spans) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OpenInferenceSpanExporter.builder(captured).setTurnsEnabled(false).build()))
            .build()) {
      spans.accept(provider.get("io.quarkus.opentelemetry"));
    }
    return captured.spans();
  }

  @Test
  void anAiServiceSpanIsTheAgent() {
    List<SpanData> spans =
        export(
            tracer ->
                tracer.spanBuilder("langchain4j.aiservices.Assistant.chat").startSpan().end());

    assertThat(spans.get(0)).hasAttributesSatisfying(equalTo(KIND, "AGENT"));
  }

  @Test
  void anyOtherSpanWithoutGenAiAttributesKeepsTheDefaultKind() {
    List<SpanData> spans =
        export(tracer -> tracer.spanBuilder("langchain4j.aiservicesX").startSpan().end());

    assertThat(spans.get(0)).hasAttributesSatisfying(equalTo(KIND, "CHAIN"));
  }

  @Test
  void aModelCallsPlainTextPromptAndCompletionBecomeOneUserAndOneAssistantMessage() {
    List<SpanData> spans =
        export(
            tracer -> {
              Span span =
                  tracer
                      .spanBuilder("completion gpt-4o-mini")
                      .setAttribute("gen_ai.request.model", "gpt-4o-mini")
                      .setAttribute("gen_ai.request.temperature", 0.0)
                      .startSpan();
              span.setAttribute("gen_ai.prompt", "You are helpful.\nHello");
              span.setAttribute("gen_ai.usage.prompt_tokens", 3L);
              span.setAttribute("gen_ai.usage.completion_tokens", 2L);
              span.setAttribute("gen_ai.completion", "Hi there");
              span.end();
            });

    assertThat(spans.get(0))
        .hasAttributesSatisfying(
            equalTo(KIND, "LLM"),
            equalTo(AttributeKey.stringKey("llm.input_messages.0.message.role"), "user"),
            equalTo(
                AttributeKey.stringKey(
                    "llm.input_messages.0.message.contents.0.message_content.text"),
                "You are helpful.\nHello"),
            equalTo(AttributeKey.stringKey("llm.output_messages.0.message.role"), "assistant"),
            equalTo(
                AttributeKey.stringKey(
                    "llm.output_messages.0.message.contents.0.message_content.text"),
                "Hi there"),
            equalTo(AttributeKey.stringKey("input.value"), "You are helpful.\nHello"),
            equalTo(AttributeKey.stringKey("output.value"), "Hi there"),
            equalTo(AttributeKey.longKey("llm.token_count.prompt"), 3L),
            equalTo(AttributeKey.longKey("llm.token_count.completion"), 2L));
  }

  @Test
  void structuredMessagesWinOverThePlainText() {
    List<SpanData> spans =
        export(
            tracer ->
                tracer
                    .spanBuilder("chat")
                    .setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.prompt", "flat")
                    .setAttribute(
                        "gen_ai.input.messages",
                        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"s\"}]}]")
                    .startSpan()
                    .end());

    assertThat(spans.get(0))
        .hasAttributesSatisfying(
            equalTo(AttributeKey.stringKey("llm.input_messages.0.message.role"), "system"));
  }
}
