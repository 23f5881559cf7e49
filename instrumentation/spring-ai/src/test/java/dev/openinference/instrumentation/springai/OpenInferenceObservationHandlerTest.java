/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai;

import static dev.openinference.semconv.SemanticConventions.EMBEDDING_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.EMBEDDING_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_FINISH_REASON;
import static dev.openinference.semconv.SemanticConventions.LLM_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.LLM_SYSTEM;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.embedding;
import static dev.openinference.semconv.SemanticConventions.llmInputMessage;
import static dev.openinference.semconv.SemanticConventions.llmOutputMessage;
import static dev.openinference.semconv.SemanticConventions.llmTool;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.completions.CompletionUsage;
import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.instrumentation.springai.internal.ObservationWriters;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationDocumentation;
import org.springframework.ai.chat.client.advisor.observation.DefaultAdvisorObservationConvention;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationDocumentation;
import org.springframework.ai.chat.client.observation.DefaultChatClientObservationConvention;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.DefaultToolCallingObservationConvention;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationDocumentation;
import org.springframework.util.MimeTypeUtils;

/**
 * The handler under Micrometer's real tracing handler and OpenTelemetry bridge, with each kind of
 * Spring AI observation built as Spring AI builds it; spans are read from an in-memory exporter.
 */
class OpenInferenceObservationHandlerTest {

  private static final ToolDefinition WEATHER =
      new DefaultToolDefinition(
          "get_weather",
          "The weather in a city",
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final ObservationRegistry registry = registry();

  private ObservationRegistry registry() {
    OtelTracer tracer =
        new OtelTracer(tracerProvider.get("test"), new OtelCurrentTraceContext(), event -> {});
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(new DefaultTracingObservationHandler(tracer))
        .observationHandler(OpenInferenceObservationHandler.create());
    return observations;
  }

  @AfterEach
  void shutdown() {
    tracerProvider.shutdown();
  }

  @Test
  void chatModelSpanHasEveryMessageMediaToolCallsToolResultsToolsAndUsage() {
    Prompt prompt =
        new Prompt(
            List.of(
                new SystemMessage("Be brief."),
                UserMessage.builder()
                    .text("What is in these pictures?")
                    .media(
                        new Media(
                            MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png")),
                        Media.builder()
                            .mimeType(MimeTypeUtils.IMAGE_JPEG)
                            .data(new byte[] {1, 2, 3})
                            .build())
                    .build(),
                AssistantMessage.builder()
                    .content("")
                    .toolCalls(
                        List.of(
                            new AssistantMessage.ToolCall(
                                "call_1", "function", "get_weather", "{\"city\":\"Paris\"}"),
                            new AssistantMessage.ToolCall(
                                "call_2", "function", "get_weather", "{\"city\":\"Rome\"}")))
                    .build(),
                ToolResponseMessage.builder()
                    .responses(
                        List.of(
                            new ToolResponseMessage.ToolResponse("call_1", "get_weather", "sun"),
                            new ToolResponseMessage.ToolResponse("call_2", "get_weather", "rain")))
                    .build()),
            ToolCallingChatOptions.builder()
                .model("gpt-4o")
                .temperature(0.5)
                .maxTokens(100)
                .stopSequences(List.of("END"))
                .toolCallbacks(tool(WEATHER))
                .build());
    ChatResponse response =
        new ChatResponse(
            List.of(
                new Generation(
                    new AssistantMessage("Sun in Paris, rain in Rome."),
                    ChatGenerationMetadata.builder().finishReason("stop").build())),
            ChatResponseMetadata.builder()
                .model("gpt-4o-2024-08-06")
                .usage(new DefaultUsage(40, 8, 48, null, 30L, null))
                .build());

    ChatModelObservationContext context =
        ChatModelObservationContext.builder().prompt(prompt).provider("openai").build();
    ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
        .observation(null, new DefaultChatModelObservationConvention(), () -> context, registry)
        .observe(() -> context.setResponse(response));

    SpanData span = onlySpan();
    assertThat(span)
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM")
        .hasAttribute(LLM_PROVIDER, "openai")
        .hasAttribute(LLM_SYSTEM, "openai")
        .hasAttribute(LLM_MODEL_NAME, "gpt-4o-2024-08-06")
        .hasAttribute(LLM_TOKEN_COUNT_PROMPT, 40L)
        .hasAttribute(LLM_TOKEN_COUNT_COMPLETION, 8L)
        .hasAttribute(LLM_TOKEN_COUNT_TOTAL, 48L)
        .hasAttribute(LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ, 30L)
        .hasAttribute(LLM_FINISH_REASON, "stop")
        .hasAttribute(
            LLM_INVOCATION_PARAMETERS,
            "{\"model\":\"gpt-4o\",\"temperature\":0.5,\"max_tokens\":100,\"stop\":[\"END\"]}");
    var attributes = span.getAttributes();
    assertThat(attributes.get(llmInputMessage(0).role())).isEqualTo("system");
    assertThat(attributes.get(llmInputMessage(0).content())).isEqualTo("Be brief.");

    var user = llmInputMessage(1);
    assertThat(attributes.get(user.role())).isEqualTo("user");
    assertThat(attributes.get(user.content())).isNull();
    assertThat(attributes.get(user.contents(0).type())).isEqualTo("text");
    assertThat(attributes.get(user.contents(0).text())).isEqualTo("What is in these pictures?");
    assertThat(attributes.get(user.contents(1).type())).isEqualTo("image");
    assertThat(attributes.get(user.contents(1).imageUrl()))
        .isEqualTo("https://example.com/cat.png");
    assertThat(attributes.get(user.contents(2).imageUrl()))
        .isEqualTo("data:image/jpeg;base64,AQID");

    var assistant = llmInputMessage(2);
    assertThat(attributes.get(assistant.role())).isEqualTo("assistant");
    assertThat(attributes.get(assistant.content())).isNull();
    assertThat(attributes.get(assistant.toolCalls(1).id())).isEqualTo("call_2");
    assertThat(attributes.get(assistant.toolCalls(1).functionName())).isEqualTo("get_weather");
    assertThat(attributes.get(assistant.toolCalls(1).functionArguments()))
        .isEqualTo("{\"city\":\"Rome\"}");

    // One Spring AI tool-response message with two results is two OpenInference tool messages.
    assertThat(attributes.get(llmInputMessage(3).role())).isEqualTo("tool");
    assertThat(attributes.get(llmInputMessage(3).toolCallId())).isEqualTo("call_1");
    assertThat(attributes.get(llmInputMessage(3).content())).isEqualTo("sun");
    assertThat(attributes.get(llmInputMessage(4).role())).isEqualTo("tool");
    assertThat(attributes.get(llmInputMessage(4).toolCallId())).isEqualTo("call_2");
    assertThat(attributes.get(llmInputMessage(4).name())).isEqualTo("get_weather");
    assertThat(attributes.get(llmInputMessage(4).content())).isEqualTo("rain");
    assertThat(attributes.get(llmInputMessage(5).role())).isNull();

    assertThat(attributes.get(llmTool(0).name())).isEqualTo("get_weather");
    assertThat(attributes.get(llmTool(0).jsonSchema()))
        .isEqualTo(
            "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\":\"The weather in a city\",\"parameters\":"
                + WEATHER.inputSchema()
                + "}}");

    assertThat(attributes.get(llmOutputMessage(0).role())).isEqualTo("assistant");
    assertThat(attributes.get(llmOutputMessage(0).content()))
        .isEqualTo("Sun in Paris, rain in Rome.");
    assertThat(span)
        .hasAttribute(OUTPUT_VALUE, "Sun in Paris, rain in Rome.")
        .hasAttribute(OUTPUT_MIME_TYPE, "text/plain")
        .hasAttribute(INPUT_MIME_TYPE, "application/json");
    assertThat(attributes.get(INPUT_VALUE))
        .startsWith("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"}")
        .contains(
            "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}")
        .contains("\"tool_call_id\":\"call_2\"")
        .contains("\"tools\":[{\"type\":\"function\"");
  }

  @Test
  void chatModelSpanHasOpenAiAudioAndReasoningTokensFromTheNativeUsage() {
    CompletionUsage nativeUsage =
        CompletionUsage.builder()
            .promptTokens(40)
            .completionTokens(8)
            .totalTokens(48)
            .promptTokensDetails(
                CompletionUsage.PromptTokensDetails.builder()
                    .audioTokens(5)
                    .cachedTokens(30)
                    .build())
            .completionTokensDetails(
                CompletionUsage.CompletionTokensDetails.builder()
                    .audioTokens(3)
                    .reasoningTokens(2)
                    .build())
            .build();
    ChatResponse response =
        new ChatResponse(
            List.of(new Generation(new AssistantMessage("Hello."))),
            ChatResponseMetadata.builder()
                .usage(new DefaultUsage(40, 8, 48, nativeUsage, 30L, null))
                .build());
    ChatModelObservationContext context =
        ChatModelObservationContext.builder()
            .prompt(new Prompt("Hi", ToolCallingChatOptions.builder().model("gpt-4o").build()))
            .provider("openai")
            .build();
    ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
        .observation(null, new DefaultChatModelObservationConvention(), () -> context, registry)
        .observe(() -> context.setResponse(response));

    assertThat(onlySpan())
        .hasAttribute(LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ, 30L)
        .hasAttribute(LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO, 5L)
        .hasAttribute(LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO, 3L)
        .hasAttribute(LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING, 2L);
  }

  @Test
  void toolCallSpanHasTheToolTheCallAndTheResult() {
    ToolCallingObservationContext context =
        ToolCallingObservationContext.builder()
            .toolDefinition(WEATHER)
            .toolCallId("call_7")
            .toolCallArguments("{\"city\":\"Oslo\"}")
            .build();
    ToolCallingObservationDocumentation.TOOL_CALL
        .observation(null, new DefaultToolCallingObservationConvention(), () -> context, registry)
        .observe(() -> context.setToolCallResult("\"snow\""));

    assertThat(onlySpan())
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
        .hasAttribute(TOOL_NAME, "get_weather")
        .hasAttribute(TOOL_DESCRIPTION, "The weather in a city")
        .hasAttribute(TOOL_PARAMETERS, WEATHER.inputSchema())
        .hasAttribute(TOOL_CALL_ID, "call_7")
        .hasAttribute(INPUT_VALUE, "{\"city\":\"Oslo\"}")
        .hasAttribute(INPUT_MIME_TYPE, "application/json")
        .hasAttribute(OUTPUT_VALUE, "\"snow\"")
        .hasAttribute(OUTPUT_MIME_TYPE, "application/json");
  }

  @Test
  void chatClientSpanHasTheLastUserQuestionAndTheAnswer() {
    ChatClientRequest request =
        ChatClientRequest.builder()
            .prompt(
                new Prompt(
                    List.of(
                        new SystemMessage("Be brief."),
                        new UserMessage("first question"),
                        new AssistantMessage("first answer"),
                        new UserMessage("second question"))))
            .context(Map.of())
            .build();
    ChatClientObservationContext context =
        ChatClientObservationContext.builder().request(request).build();
    ChatClientObservationDocumentation.AI_CHAT_CLIENT
        .observation(null, new DefaultChatClientObservationConvention(), () -> context, registry)
        .observe(
            () ->
                context.setResponse(
                    ChatClientResponse.builder()
                        .chatResponse(
                            new ChatResponse(
                                List.of(new Generation(new AssistantMessage("second answer")))))
                        .build()));

    assertThat(onlySpan())
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN")
        .hasAttribute(INPUT_VALUE, "second question")
        .hasAttribute(INPUT_MIME_TYPE, "text/plain")
        .hasAttribute(OUTPUT_VALUE, "second answer")
        .hasAttribute(OUTPUT_MIME_TYPE, "text/plain");
  }

  @Test
  void orchestrationSpansNameNoModelProvider() {
    ChatClientRequest request =
        ChatClientRequest.builder().prompt(new Prompt("hi")).context(Map.of()).build();
    ChatClientObservationContext client =
        ChatClientObservationContext.builder().request(request).build();
    AdvisorObservationContext advisor =
        AdvisorObservationContext.builder()
            .advisorName("call")
            .chatClientRequest(request)
            .order(0)
            .build();
    ToolCallingObservationContext tool =
        ToolCallingObservationContext.builder()
            .toolDefinition(WEATHER)
            .toolCallArguments("{}")
            .build();
    ChatClientObservationDocumentation.AI_CHAT_CLIENT
        .observation(null, new DefaultChatClientObservationConvention(), () -> client, registry)
        .observe(
            () -> {
              AdvisorObservationDocumentation.AI_ADVISOR
                  .observation(
                      null, new DefaultAdvisorObservationConvention(), () -> advisor, registry)
                  .observe(() -> {});
              ToolCallingObservationDocumentation.TOOL_CALL
                  .observation(
                      null, new DefaultToolCallingObservationConvention(), () -> tool, registry)
                  .observe(() -> tool.setToolCallResult("ok"));
            });

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(3);
    assertThat(spans)
        .extracting(s -> s.getAttributes().get(OPENINFERENCE_SPAN_KIND))
        .containsExactlyInAnyOrder("CHAIN", "CHAIN", "TOOL");
    // Spring AI's own gen_ai.system=spring_ai is there; nothing of ours names a provider.
    assertThat(spans)
        .allSatisfy(
            span -> {
              assertThat(span.getAttributes().get(LLM_PROVIDER)).isNull();
              assertThat(span.getAttributes().get(LLM_SYSTEM)).isNull();
              assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.system")))
                  .isEqualTo("spring_ai");
            });
  }

  @Test
  void embeddingSpanHasTheTextsTheVectorsTheModelAndTheParameters() {
    EmbeddingRequest request =
        new EmbeddingRequest(
            List.of("sunny", "rainy"),
            EmbeddingOptions.builder().model("text-embedding-3-small").dimensions(2).build());
    EmbeddingModelObservationContext context =
        EmbeddingModelObservationContext.builder()
            .embeddingRequest(request)
            .provider("openai")
            .build();
    EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
        .observation(
            null, new DefaultEmbeddingModelObservationConvention(), () -> context, registry)
        .observe(
            () ->
                context.setResponse(
                    new EmbeddingResponse(
                        List.of(
                            new Embedding(new float[] {0.5f, -0.25f}, 0),
                            new Embedding(new float[] {1f, 0f}, 1)),
                        new EmbeddingResponseMetadata("text-embedding-3-small-v2", null))));

    SpanData span = onlySpan();
    assertThat(span)
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "EMBEDDING")
        .hasAttribute(EMBEDDING_MODEL_NAME, "text-embedding-3-small-v2")
        .hasAttribute(
            EMBEDDING_INVOCATION_PARAMETERS,
            "{\"model\":\"text-embedding-3-small\",\"dimensions\":2}")
        .hasAttribute(embedding(0).text(), "sunny")
        .hasAttribute(embedding(1).text(), "rainy")
        .hasAttribute(embedding(0).vector(), List.of(0.5, -0.25))
        .hasAttribute(embedding(1).vector(), List.of(1.0, 0.0));
    assertThat(span.getAttributes().get(LLM_PROVIDER)).isNull();
  }

  @Test
  void aMessageThatThrowsIsLoggedAndTheCallAndItsSpanGoOn() {
    Prompt prompt = new Prompt(List.of(new BrokenMessage()));
    ChatModelObservationContext context =
        ChatModelObservationContext.builder().prompt(prompt).provider("openai").build();
    String result;
    try (LogCapture log = LogCapture.of(ObservationWriters.class.getName())) {
      result =
          ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
              .observation(
                  null, new DefaultChatModelObservationConvention(), () -> context, registry)
              .observe(() -> "the model still answered");
      assertThat(log.messages())
          .singleElement()
          .asString()
          .contains("ChatModelWriter, start")
          .contains("broken text")
          .contains("the span is exported without the attributes not yet written");
    }
    assertThat(result).isEqualTo("the model still answered");
    assertThat(onlySpan())
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM")
        .hasAttribute(LLM_PROVIDER, "openai");
  }

  @Test
  void theExporterMasksWhatTheHandlerWrote() {
    InMemorySpanExporter masked = InMemorySpanExporter.create();
    SdkTracerProvider maskingProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OpenInferenceSpanExporter.wrap(
                        masked,
                        TraceConfig.builder().setHideInputs(true).setHideOutputs(true).build())))
            .build();
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(
            new DefaultTracingObservationHandler(
                new OtelTracer(
                    maskingProvider.get("test"), new OtelCurrentTraceContext(), event -> {})))
        .observationHandler(OpenInferenceObservationHandler.create());
    ChatModelObservationContext context =
        ChatModelObservationContext.builder()
            .prompt(new Prompt("my secret question"))
            .provider("openai")
            .build();
    ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
        .observation(null, new DefaultChatModelObservationConvention(), () -> context, observations)
        .observe(
            () ->
                context.setResponse(
                    new ChatResponse(
                        List.of(new Generation(new AssistantMessage("my secret answer"))))));
    maskingProvider.forceFlush().join(10, TimeUnit.SECONDS);
    List<SpanData> spans = masked.getFinishedSpanItems();
    maskingProvider.shutdown();

    assertThat(spans).hasSize(1);
    SpanData span = spans.get(0);
    assertThat(span).hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM");
    assertThat(span.getAttributes().asMap().values())
        .noneMatch(value -> String.valueOf(value).contains("my secret"));
    assertThat(span.getAttributes().get(INPUT_VALUE)).isEqualTo("__REDACTED__");
    assertThat(span.getAttributes().get(OUTPUT_VALUE)).isEqualTo("__REDACTED__");
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static ToolCallback tool(ToolDefinition definition) {
    return new ToolCallback() {
      @Override
      public ToolDefinition getToolDefinition() {
        return definition;
      }

      @Override
      public String call(String toolInput) {
        return "sun";
      }
    };
  }

  /** A message whose text cannot be read. */
  private static final class BrokenMessage extends AbstractMessage {
    BrokenMessage() {
      super(MessageType.USER, "unused", Map.of());
    }

    @Override
    public String getText() {
      throw new IllegalStateException("broken text");
    }
  }
}
