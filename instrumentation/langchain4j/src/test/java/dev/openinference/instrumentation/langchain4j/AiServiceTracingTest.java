/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.openinference.context.OpenInference;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TOOL spans of {@link OpenInferenceTools} and the AGENT spans of {@link
 * OpenInferenceAiServices}.
 */
class AiServiceTracingTest {

  interface Assistant {
    String chat(String message);
  }

  static final class WeatherTools {
    @Tool("The weather in a city")
    String weather(@P(name = "city", value = "the city") String city) {
      return "sunny in " + city;
    }

    // Fails on purpose: the tool span records the failure.
    @SuppressWarnings("DoNotCallSuggester")
    @Tool("Reads the barometer, which is broken")
    String barometer() {
      throw new IllegalStateException("barometer broken");
    }
  }

  private static final ChatRequestParameters DEFAULTS =
      ChatRequestParameters.builder().modelName("gpt-4o-mini").build();

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(OpenInferenceSpanProcessor.create())
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  private final OpenInferenceTools tools = OpenInferenceTools.create(sdk);
  private final OpenInferenceAiServices services = OpenInferenceAiServices.create(sdk);

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  @Test
  @SuppressWarnings("try") // scopes held only to be closed
  void toolCallingTurnIsOneTraceUnderTheAgentSpanWithLlmAndToolSpans() {
    ScriptedChatModel model =
        new ScriptedChatModel(
                ModelProvider.OPEN_AI, DEFAULTS, OpenInferenceChatModelListener.create(sdk))
            .then(request -> toolCall("call_1", "weather", "{\"city\":\"Paris\"}"))
            .then(request -> text("It is sunny in Paris."));
    Assistant assistant =
        services.trace(
            Assistant.class,
            AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(tools.wrap(new WeatherTools()))
                .build());

    String answer;
    try (Scope session = OpenInference.usingSession("s-1");
        Scope user = OpenInference.usingUser("ada")) {
      answer = assistant.chat("Weather in Paris?");
    }

    Assertions.assertThat(answer).isEqualTo("It is sunny in Paris.");
    SpanData agent = span("Assistant.chat");
    SpanData tool = span("execute_tool weather");
    List<SpanData> llms = spans("chat gpt-4o-mini");
    Assertions.assertThat(llms).hasSize(2);
    assertThat(agent)
        .hasNoParent()
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "AGENT"),
            equalTo(SemanticConventions.INPUT_VALUE, "Weather in Paris?"),
            equalTo(SemanticConventions.INPUT_MIME_TYPE, "text/plain"),
            equalTo(SemanticConventions.OUTPUT_VALUE, "It is sunny in Paris."),
            equalTo(SemanticConventions.OUTPUT_MIME_TYPE, "text/plain"));
    assertThat(tool)
        .hasParent(agent)
        .hasAttributesSatisfying(
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "TOOL"),
            equalTo(SemanticConventions.TOOL_NAME, "weather"),
            equalTo(SemanticConventions.TOOL_DESCRIPTION, "The weather in a city"),
            equalTo(
                SemanticConventions.TOOL_PARAMETERS,
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
                    + "\"description\":\"the city\"}},\"required\":[\"city\"]}"),
            equalTo(SemanticConventions.TOOL_CALL_ID, "call_1"),
            equalTo(SemanticConventions.INPUT_VALUE, "{\"city\":\"Paris\"}"),
            equalTo(SemanticConventions.INPUT_MIME_TYPE, "application/json"),
            equalTo(SemanticConventions.OUTPUT_VALUE, "sunny in Paris"),
            equalTo(SemanticConventions.OUTPUT_MIME_TYPE, "text/plain"));
    Assertions.assertThat(llms).allSatisfy(llm -> assertThat(llm).hasParent(agent));
    assertThat(llms.get(0))
        .hasAttributesSatisfying(
            equalTo(stringKey("llm.tools.0.tool.json_schema"), jsonSchemaOfWeather()),
            equalTo(
                stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.id"), "call_1"));
    assertThat(llms.get(1))
        .hasAttributesSatisfying(
            equalTo(stringKey("llm.input_messages.2.message.role"), "tool"),
            equalTo(stringKey("llm.input_messages.2.message.tool_call_id"), "call_1"),
            equalTo(stringKey("llm.input_messages.2.message.content"), "sunny in Paris"));
    Assertions.assertThat(exporter.getFinishedSpanItems())
        .hasSize(4)
        .allSatisfy(
            span ->
                assertThat(span)
                    .hasTraceId(agent.getTraceId())
                    .hasAttributesSatisfying(
                        equalTo(SemanticConventions.SESSION_ID, "s-1"),
                        equalTo(SemanticConventions.USER_ID, "ada")));
  }

  @Test
  void toolThatThrowsEndsItsSpanWithErrorAndLangChain4jHandlesTheErrorAsUsual() {
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS)
            .then(request -> toolCall("call_2", "barometer", "{}"))
            .then(request -> text("The barometer is broken."));
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .tools(tools.wrap(new WeatherTools()))
            .toolExecutionErrorHandler(
                (error, context) -> ToolErrorHandlerResult.text("failed: " + error.getMessage()))
            .build();

    Assertions.assertThat(assistant.chat("Pressure?")).isEqualTo("The barometer is broken.");

    SpanData tool = span("execute_tool barometer");
    assertThat(tool)
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
        .hasAttributesSatisfying(equalTo(SemanticConventions.TOOL_CALL_ID, "call_2"));
    Assertions.assertThat(tool.getEvents())
        .singleElement()
        .satisfies(event -> Assertions.assertThat(event.getName()).isEqualTo("exception"));
    Assertions.assertThat(model.requests.get(1).messages().get(2).toString())
        .contains("failed: barometer broken");
  }

  @Test
  void serviceExceptionEndsTheAgentSpanWithErrorAndReachesTheCallerUnchanged() {
    IllegalArgumentException failure = new IllegalArgumentException("no model today");
    ScriptedChatModel model =
        new ScriptedChatModel(ModelProvider.OPEN_AI, DEFAULTS)
            .then(
                request -> {
                  throw failure;
                });
    Assistant assistant =
        services.trace(
            Assistant.class, AiServices.builder(Assistant.class).chatModel(model).build());

    assertThatThrownBy(() -> assistant.chat("hi")).isSameAs(failure);

    assertThat(span("Assistant.chat"))
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
        .hasException(failure);
  }

  @Test
  void objectMethodsOfATracedServiceAreNotSpans() {
    Assistant plain = message -> "echo " + message;
    Assistant traced = services.trace(Assistant.class, plain);

    Assertions.assertThat(traced.toString()).isEqualTo(plain.toString());
    Assertions.assertThat(traced.hashCode()).isEqualTo(plain.hashCode());
    Assertions.assertThat(traced.chat("x")).isEqualTo("echo x");
    Assertions.assertThat(services.trace(Assistant.class, traced)).isSameAs(traced);
    Assertions.assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(span -> assertThat(span).hasName("Assistant.chat"));
  }

  @Test
  void wrappingIsIdempotentAndKeepsSpecificationAndReturnBehaviour() {
    List<AiServiceTool> wrapped = tools.wrap(new WeatherTools());
    AiServiceTool weather =
        wrapped.stream().filter(t -> t.name().equals("weather")).findFirst().orElseThrow();

    Assertions.assertThat(tools.wrap(weather)).isSameAs(weather);
    Assertions.assertThat(weather.toolSpecification().description())
        .isEqualTo("The weather in a city");
    ToolSpecification specification = weather.toolSpecification();
    ToolExecutor executor = tools.wrap(specification, weather.toolExecutor());
    Assertions.assertThat(executor).isSameAs(weather.toolExecutor());
    Map<ToolSpecification, ToolExecutor> map =
        tools.wrap(Map.of(specification, (ToolExecutor) (request, memoryId) -> "raw"));
    Assertions.assertThat(
            map.get(specification)
                .execute(ToolExecutionRequest.builder().name("weather").build(), null))
        .isEqualTo("raw");
    Assertions.assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(span -> assertThat(span).hasName("execute_tool weather"));
  }

  @Test
  void badArgumentsAreLeftOutWithWarningsAndNothingThrows() {
    try (WarningCapture warnings = new WarningCapture()) {
      List<AiServiceTool> found = tools.wrap(new Object(), null, new WeatherTools());
      Assistant untraced = services.trace(null, message -> message);

      Assertions.assertThat(found)
          .extracting(AiServiceTool::name)
          .containsExactlyInAnyOrder("weather", "barometer");
      Assertions.assertThat(untraced.chat("same")).isEqualTo("same");
      Assertions.assertThat(tools.wrap((Object[]) null)).isEmpty();
      Assertions.assertThat(warnings.warnings())
          .hasSize(4)
          .anySatisfy(
              w ->
                  Assertions.assertThat(w)
                      .contains("found no usable tools in \"java.lang.Object@")
                      .contains("left out"))
          .anySatisfy(w -> Assertions.assertThat(w).contains("null tool object"))
          .anySatisfy(w -> Assertions.assertThat(w).contains("null").contains("returned untraced"))
          .anySatisfy(w -> Assertions.assertThat(w).contains("null array"));
    }
  }

  private static String jsonSchemaOfWeather() {
    return "{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"description\":\"The"
        + " weather in a city\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":"
        + "{\"type\":\"string\",\"description\":\"the city\"}},\"required\":[\"city\"]}}}";
  }

  private static ChatResponse toolCall(String id, String name, String arguments) {
    return ChatResponse.builder()
        .aiMessage(
            AiMessage.from(
                ToolExecutionRequest.builder().id(id).name(name).arguments(arguments).build()))
        .build();
  }

  private static ChatResponse text(String text) {
    return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
  }

  private SpanData span(String name) {
    List<SpanData> found = spans(name);
    Assertions.assertThat(found).as("spans named %s", name).hasSize(1);
    return found.get(0);
  }

  private List<SpanData> spans(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .toList();
  }
}
