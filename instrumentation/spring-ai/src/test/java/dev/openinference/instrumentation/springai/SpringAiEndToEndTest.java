/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.LLM_SYSTEM;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static dev.openinference.semconv.SemanticConventions.embedding;
import static dev.openinference.semconv.SemanticConventions.llmInputMessage;
import static dev.openinference.semconv.SemanticConventions.llmOutputMessage;
import static dev.openinference.semconv.SemanticConventions.llmTool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.FakeOpenAiRequest;
import dev.openinference.testing.FakeOpenAiResponse;
import dev.openinference.testing.FakeOpenAiServer;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One ChatClient turn with a tool call, and one embedding call, in a real Spring Boot 4 app against
 * a fake OpenAI server on loopback; the spans go over real OTLP/HTTP to a loopback receiver and the
 * assertions read what it decoded.
 */
class SpringAiEndToEndTest {

  private static final String QUESTION = "What is the weather in Paris?";

  private static OtlpReceiver receiver;
  private static FakeOpenAiServer openAi;
  private static String answer;
  private static List<FakeOpenAiRequest> chatRequests;
  private static List<SpanData> spans;

  @BeforeAll
  static void runOneTurn() {
    receiver = OtlpReceiver.create();
    openAi =
        FakeOpenAiServer.builder()
            .enqueue(FakeOpenAiResponse.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))
            .build();
    try (ConfigurableApplicationContext app = startApp(receiver, openAi)) {
      ChatClient chatClient = app.getBean(ChatClient.class);
      EmbeddingModel embeddings = app.getBean(EmbeddingModel.class);
      try (Scope session = OpenInference.usingSession("session-1");
          Scope user = OpenInference.usingUser("user-1")) {
        answer = chatClient.prompt().user(QUESTION).call().content();
        embeddings.embed(List.of("sunny", "rainy"));
      }
    }
    // Closing the context shut the SDK down, which flushed every span to the receiver.
    chatRequests =
        openAi.requests().stream().filter(r -> r.getPath().endsWith("/chat/completions")).toList();
    spans = receiver.getSpans();
  }

  static ConfigurableApplicationContext startApp(OtlpReceiver receiver, FakeOpenAiServer openAi) {
    return new SpringApplicationBuilder(SpringAiTestApp.class)
        .web(WebApplicationType.NONE)
        .properties(
            Map.of(
                "test.otlp.endpoint", receiver.getHttpTracesEndpoint(),
                "spring.ai.openai.base-url", openAi.baseUrl(),
                "spring.ai.openai.api-key", "test-key",
                "spring.ai.openai.chat.options.model", "gpt-4o-mini",
                "spring.ai.openai.chat.options.temperature", "0.2",
                "spring.ai.openai.embedding.options.model", "text-embedding-3-small",
                "management.tracing.sampling.probability", "1.0",
                "management.otlp.metrics.export.enabled", "false",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN"))
        .run();
  }

  @AfterAll
  static void stop() {
    openAi.close();
    receiver.close();
  }

  @Test
  void theTurnRanThroughTheToolAndTheFakeModel() {
    assertThat(chatRequests).hasSize(2);
    assertThat(answer).isEqualTo(chatRequests.get(1).getAnswer());
    assertThat(answer).contains("Sunny, 21 degrees in Paris");
  }

  @Test
  void everySpanCarriesTheSessionAndTheUser() {
    assertThat(spans).isNotEmpty();
    assertThat(spans)
        .allSatisfy(
            span -> {
              assertThat(span.getAttributes().get(SESSION_ID))
                  .as(span.getName())
                  .isEqualTo("session-1");
              assertThat(span.getAttributes().get(USER_ID)).as(span.getName()).isEqualTo("user-1");
            });
  }

  @Test
  void theChatClientRootHoldsTheQuestionAndTheAnswer() {
    SpanData root = chatClientRoot();
    assertThat(root.getParentSpanContext().isValid()).isFalse();
    assertThat(root.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isEqualTo("CHAIN");
    assertThat(root.getAttributes().get(INPUT_VALUE)).isEqualTo(QUESTION);
    assertThat(root.getAttributes().get(INPUT_MIME_TYPE)).isEqualTo("text/plain");
    assertThat(root.getAttributes().get(OUTPUT_VALUE)).isEqualTo(answer);
    assertThat(root.getAttributes().get(OUTPUT_MIME_TYPE)).isEqualTo("text/plain");
  }

  @Test
  void theFirstModelCallHasThePromptTheToolsAndTheToolCall() {
    SpanData first = llmSpans().get(0);
    var attributes = first.getAttributes();
    assertThat(attributes.get(llmInputMessage(0).role())).isEqualTo("system");
    assertThat(attributes.get(llmInputMessage(0).content()))
        .isEqualTo("You are a weather assistant.");
    assertThat(attributes.get(llmInputMessage(1).role())).isEqualTo("user");
    assertThat(attributes.get(llmInputMessage(1).content())).isEqualTo(QUESTION);
    assertThat(attributes.get(llmInputMessage(2).role())).isNull();

    assertThat(attributes.get(llmTool(0).name())).isEqualTo("get_weather");
    assertThat(attributes.get(llmTool(0).description())).isEqualTo("The current weather in a city");
    assertThat(attributes.get(llmTool(0).jsonSchema()))
        .startsWith("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"")
        .contains("\"parameters\":{")
        .contains("\"city\"");

    var toolCall = llmOutputMessage(0).toolCalls(0);
    assertThat(attributes.get(llmOutputMessage(0).role())).isEqualTo("assistant");
    assertThat(attributes.get(toolCall.id())).isEqualTo("call_1");
    assertThat(attributes.get(toolCall.functionName())).isEqualTo("get_weather");
    assertThat(attributes.get(toolCall.functionArguments())).isEqualTo("{\"city\":\"Paris\"}");

    assertThat(attributes.get(INPUT_MIME_TYPE)).isEqualTo("application/json");
    assertThat(attributes.get(INPUT_VALUE)).contains(QUESTION).contains("get_weather");
    assertThat(attributes.get(OUTPUT_MIME_TYPE)).isEqualTo("application/json");
    assertThat(attributes.get(OUTPUT_VALUE)).contains("\"tool_calls\"").contains("call_1");
    assertThat(attributes.get(LLM_INVOCATION_PARAMETERS))
        .contains("\"model\":\"gpt-4o-mini\"")
        .contains("\"temperature\":0.2");
    assertModelAndUsage(first, chatRequests.get(0));
  }

  @Test
  void theSecondModelCallSeesTheToolResultAndAnswers() {
    SpanData second = llmSpans().get(1);
    var attributes = second.getAttributes();
    assertThat(attributes.get(llmInputMessage(2).role())).isEqualTo("assistant");
    assertThat(attributes.get(llmInputMessage(2).toolCalls(0).id())).isEqualTo("call_1");
    assertThat(attributes.get(llmInputMessage(2).toolCalls(0).functionName()))
        .isEqualTo("get_weather");
    assertThat(attributes.get(llmInputMessage(3).role())).isEqualTo("tool");
    assertThat(attributes.get(llmInputMessage(3).toolCallId())).isEqualTo("call_1");
    assertThat(attributes.get(llmInputMessage(3).name())).isEqualTo("get_weather");
    assertThat(attributes.get(llmInputMessage(3).content())).contains("Sunny, 21 degrees in Paris");

    assertThat(attributes.get(llmOutputMessage(0).role())).isEqualTo("assistant");
    assertThat(attributes.get(llmOutputMessage(0).content())).isEqualTo(answer);
    assertThat(attributes.get(OUTPUT_VALUE)).isEqualTo(answer);
    assertThat(attributes.get(OUTPUT_MIME_TYPE)).isEqualTo("text/plain");
    assertThat(attributes.get(SemanticConventions.LLM_FINISH_REASON)).isNotBlank();
    assertModelAndUsage(second, chatRequests.get(1));
  }

  @Test
  void theToolSpanHasTheToolAndTheCall() {
    List<SpanData> tools = spansOfKind("TOOL");
    assertThat(tools).hasSize(1);
    var attributes = tools.get(0).getAttributes();
    assertThat(attributes.get(TOOL_NAME)).isEqualTo("get_weather");
    assertThat(attributes.get(TOOL_DESCRIPTION)).isEqualTo("The current weather in a city");
    assertThat(attributes.get(TOOL_PARAMETERS)).contains("\"city\"").contains("The city name");
    assertThat(attributes.get(TOOL_CALL_ID)).isEqualTo("call_1");
    assertThat(attributes.get(INPUT_VALUE)).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(attributes.get(INPUT_MIME_TYPE)).isEqualTo("application/json");
    assertThat(attributes.get(OUTPUT_VALUE)).contains("Sunny, 21 degrees in Paris");
    assertThat(tools.get(0).getTraceId()).isEqualTo(chatClientRoot().getTraceId());
  }

  @Test
  void theEmbeddingSpanHasTheTextsTheVectorsAndTheModel() {
    List<SpanData> embeddingSpans = spansOfKind("EMBEDDING");
    assertThat(embeddingSpans).hasSize(1);
    var attributes = embeddingSpans.get(0).getAttributes();
    assertThat(attributes.get(SemanticConventions.EMBEDDING_MODEL_NAME))
        .startsWith("text-embedding-3-small");
    assertThat(attributes.get(embedding(0).text())).isEqualTo("sunny");
    assertThat(attributes.get(embedding(1).text())).isEqualTo("rainy");
    assertThat(attributes.get(embedding(0).vector())).hasSize(8);
    assertThat(attributes.get(embedding(1).vector())).hasSize(8);
    assertThat(attributes.get(SemanticConventions.EMBEDDING_INVOCATION_PARAMETERS))
        .contains("text-embedding-3-small");
  }

  @Test
  void onlyModelSpansNameTheModelProvider() {
    assertThat(llmSpans())
        .allSatisfy(
            span -> {
              assertThat(span.getAttributes().get(LLM_PROVIDER)).isEqualTo("openai");
              assertThat(span.getAttributes().get(LLM_SYSTEM)).isEqualTo("openai");
            });
  }

  private static void assertModelAndUsage(SpanData span, FakeOpenAiRequest request) {
    var attributes = span.getAttributes();
    assertThat(attributes.get(OPENINFERENCE_SPAN_KIND)).isEqualTo("LLM");
    assertThat(attributes.get(LLM_MODEL_NAME)).startsWith("gpt-4o-mini");
    assertThat(attributes.get(LLM_TOKEN_COUNT_PROMPT)).isEqualTo(request.getPromptTokens());
    assertThat(attributes.get(LLM_TOKEN_COUNT_COMPLETION)).isEqualTo(request.getCompletionTokens());
    assertThat(attributes.get(LLM_TOKEN_COUNT_TOTAL)).isEqualTo(request.getTotalTokens());
  }

  private static SpanData chatClientRoot() {
    List<SpanData> roots =
        spans.stream()
            .filter(s -> !s.getParentSpanContext().isValid())
            .filter(s -> QUESTION.equals(s.getAttributes().get(INPUT_VALUE)))
            .toList();
    assertThat(roots).as(describe()).hasSize(1);
    return roots.get(0);
  }

  private static List<SpanData> llmSpans() {
    List<SpanData> llm = spansOfKind("LLM");
    assertThat(llm).as(describe()).hasSize(2);
    return llm.stream()
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .toList();
  }

  private static List<SpanData> spansOfKind(String kind) {
    return spans.stream()
        .filter(s -> kind.equals(s.getAttributes().get(OPENINFERENCE_SPAN_KIND)))
        .collect(Collectors.toList());
  }

  private static String describe() {
    Map<String, String> byName =
        spans.stream()
            .collect(
                Collectors.toMap(
                    s -> s.getName() + "#" + s.getSpanId(),
                    s -> String.valueOf(s.getAttributes().get(OPENINFERENCE_SPAN_KIND)),
                    (a, b) -> a));
    return "spans: " + byName;
  }
}
