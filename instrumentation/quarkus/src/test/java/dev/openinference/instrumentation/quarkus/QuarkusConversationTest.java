/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.FakeOpenAiResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A two-turn quarkus-langchain4j conversation with one tool call in a real Quarkus application,
 * exported by quarkus-opentelemetry's own OTLP exporter over HTTP to the loopback receiver.
 */
@QuarkusTest
@QuarkusTestResource(value = LoopbackServers.class, restrictToAnnotatedClass = true)
class QuarkusConversationTest {

  private static final AttributeKey<String> KIND =
      AttributeKey.stringKey("openinference.span.kind");

  @Inject Assistant assistant;

  @Inject OpenTelemetry openTelemetry;

  @Test
  void quarkusSdkStampsOnceAndWrapsNoExporterThatSendsNothing() {
    String sdk = openTelemetry.toString();
    // Listed twice: among the processors that start spans and among all processors.
    assertThat(sdk.split("OpenInferenceSpanProcessor\\{", -1)).hasSize(3);
    assertThat(sdk).doesNotContain("delegate=NoopSpanExporter");
  }

  @Test
  void everySpanOfBothTurnsCarriesSessionAndUserWithOpenInferenceKindsAndMessages() {
    LoopbackServers.openAi.enqueue(FakeOpenAiResponse.toolCall("call_1", "weather", "{}"));
    String first;
    String second;
    try (Scope session = OpenInference.usingSession("quarkus-session-1");
        Scope user = OpenInference.usingUser("alice")) {
      first = assistant.chat("What is the weather in Paris?");
      second = assistant.chat("Thanks!");
    }
    assertThat(first).startsWith("The tool returned: ").contains("Sunny, 21 degrees");
    assertThat(second).isEqualTo("You said: Thanks!");

    // Two AI-service calls, three model calls (each with its HTTP client span), one tool call.
    List<SpanData> spans = LoopbackServers.receiver.awaitSpans(9, Duration.ofSeconds(20));
    assertThat(spans).hasSize(9);
    assertThat(spans)
        .allSatisfy(
            span -> {
              assertThat(span.getAttributes().get(AttributeKey.stringKey("session.id")))
                  .as(span.getName())
                  .isEqualTo("quarkus-session-1");
              assertThat(span.getAttributes().get(AttributeKey.stringKey("user.id")))
                  .as(span.getName())
                  .isEqualTo("alice");
              // application.properties, read through Quarkus' configuration.
              assertThat(span.getAttributes().get(AttributeKey.stringKey("metadata")))
                  .isEqualTo("{\"app\":\"quarkus-test\"}");
            });

    List<SpanData> agents = byKind(spans, "AGENT");
    assertThat(agents)
        .extracting(SpanData::getName)
        .containsExactly(
            "langchain4j.aiservices.Assistant.chat", "langchain4j.aiservices.Assistant.chat");
    // The AI-service call is the turn: the root, filled with the turn's input and output.
    assertThat(agents)
        .allSatisfy(agent -> assertThat(agent.getParentSpanContext().isValid()).isFalse());
    assertThat(agents.get(0).getAttributes().get(AttributeKey.stringKey("input.value")))
        .contains("What is the weather in Paris?");
    assertThat(agents.get(0).getAttributes().get(AttributeKey.stringKey("output.value")))
        .isEqualTo(first);
    assertThat(agents.get(1).getAttributes().get(AttributeKey.stringKey("output.value")))
        .isEqualTo("You said: Thanks!");

    List<SpanData> llms = byKind(spans, "LLM");
    assertThat(llms).hasSize(3);
    assertThat(llms)
        .allSatisfy(
            llm -> {
              assertThat(llm.getAttributes().get(AttributeKey.stringKey("llm.model_name")))
                  .isEqualTo("gpt-4o-mini");
              assertThat(
                      llm.getAttributes()
                          .get(AttributeKey.stringKey("llm.input_messages.0.message.role")))
                  .isEqualTo("user");
              assertThat(llm.getAttributes().get(AttributeKey.longKey("llm.token_count.prompt")))
                  .isPositive();
              assertThat(
                      llm.getAttributes().get(AttributeKey.longKey("llm.token_count.completion")))
                  .isPositive();
              // openinference.hide.llm.invocation.parameters=true in application.properties
              // (the translation writes them from gen_ai.request.model and the sampling values).
              assertThat(
                      llm.getAttributes().get(AttributeKey.stringKey("llm.invocation_parameters")))
                  .isNull();
            });
    SpanData answer = llms.get(llms.size() - 1);
    assertThat(
            answer
                .getAttributes()
                .get(
                    AttributeKey.stringKey(
                        "llm.output_messages.0.message.contents.0.message_content.text")))
        .isEqualTo("You said: Thanks!");
    // quarkus-langchain4j records the prompt as the text of every message, without roles.
    assertThat(
            answer
                .getAttributes()
                .get(
                    AttributeKey.stringKey(
                        "llm.input_messages.0.message.contents.0.message_content.text")))
        .contains("What is the weather in Paris?", "Thanks!");

    assertThat(byKind(spans, "CHAIN"))
        .extracting(SpanData::getName)
        .containsOnly("POST /chat/completions")
        .hasSize(3);

    List<SpanData> tools = byKind(spans, "TOOL");
    assertThat(tools).hasSize(1);
    SpanData tool = tools.get(0);
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("tool.name"))).isEqualTo("weather");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("tool_call.id")))
        .isEqualTo("call_1");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("output.value")))
        .contains("Sunny, 21 degrees");
    assertThat(tool.getParentSpanContext().getSpanId())
        .isEqualTo(agents.get(0).getSpanContext().getSpanId());
  }

  private static List<SpanData> byKind(List<SpanData> spans, String kind) {
    return spans.stream()
        .filter(span -> kind.equals(span.getAttributes().get(KIND)))
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .collect(Collectors.toList());
  }
}
