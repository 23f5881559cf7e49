/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.llmInputMessage;
import static dev.openinference.semconv.SemanticConventions.llmOutputMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.testing.FakeOpenAiResponse;
import dev.openinference.testing.FakeOpenAiServer;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The same instrumentation under Spring Boot's own OpenTelemetry starter: Boot builds the SDK and
 * its OTLP exporter, the app only adds the OpenInference span processor as a bean (for the
 * session), and the instrumentation writes onto the spans all the same.
 */
class BootOpenTelemetryStarterTest {

  @Test
  void bootsOwnSdkExportsTheOpenInferenceAttributes() {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        FakeOpenAiServer openAi =
            FakeOpenAiServer.builder()
                .enqueue(
                    FakeOpenAiResponse.toolCall("call_9", "get_weather", "{\"city\":\"Oslo\"}"))
                .build()) {
      String answer;
      try (ConfigurableApplicationContext app = start(receiver, openAi);
          Scope session = OpenInference.usingSession("boot-session")) {
        answer = app.getBean(ChatClient.class).prompt().user("Weather in Oslo?").call().content();
      }
      List<SpanData> spans = receiver.getSpans();

      assertThat(spans).isNotEmpty();
      assertThat(spans)
          .allSatisfy(
              span ->
                  assertThat(span.getAttributes().get(SESSION_ID))
                      .as(span.getName())
                      .isEqualTo("boot-session"));
      SpanData root =
          spans.stream().filter(s -> !s.getParentSpanContext().isValid()).findFirst().orElseThrow();
      assertThat(root.getAttributes().get(INPUT_VALUE)).isEqualTo("Weather in Oslo?");
      assertThat(root.getAttributes().get(OUTPUT_VALUE)).isEqualTo(answer).contains("Oslo");

      List<SpanData> models = ofKind(spans, "LLM");
      assertThat(models).hasSize(2);
      assertThat(models)
          .allSatisfy(
              model -> {
                assertThat(model.getAttributes().get(llmInputMessage(1).content()))
                    .isEqualTo("Weather in Oslo?");
                assertThat(model.getAttributes().get(LLM_PROVIDER)).isEqualTo("openai");
              });
      assertThat(models)
          .anySatisfy(
              model ->
                  assertThat(model.getAttributes().get(llmOutputMessage(0).toolCalls(0).id()))
                      .isEqualTo("call_9"));

      List<SpanData> tools = ofKind(spans, "TOOL");
      assertThat(tools).hasSize(1);
      assertThat(tools.get(0).getAttributes().get(TOOL_NAME)).isEqualTo("get_weather");
      assertThat(tools.get(0).getAttributes().get(TOOL_CALL_ID)).isEqualTo("call_9");
    }
  }

  private static List<SpanData> ofKind(List<SpanData> spans, String kind) {
    return spans.stream()
        .filter(s -> kind.equals(s.getAttributes().get(OPENINFERENCE_SPAN_KIND)))
        .toList();
  }

  private static ConfigurableApplicationContext start(
      OtlpReceiver receiver, FakeOpenAiServer openAi) {
    return new SpringApplicationBuilder(BootSdkApp.class)
        .web(WebApplicationType.NONE)
        .properties(
            Map.of(
                "management.opentelemetry.tracing.export.otlp.endpoint",
                receiver.getHttpTracesEndpoint(),
                "management.tracing.sampling.probability",
                "1.0",
                "management.otlp.metrics.export.enabled",
                "false",
                "spring.ai.openai.base-url",
                openAi.baseUrl(),
                "spring.ai.openai.api-key",
                "test-key",
                "spring.ai.openai.chat.options.model",
                "gpt-4o-mini",
                "spring.main.banner-mode",
                "off",
                "logging.level.root",
                "WARN"))
        .run();
  }

  /** The app with Boot's SDK: no OpenTelemetry bean of its own, only the span processor. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class BootSdkApp {

    @Bean
    OpenInferenceSpanProcessor openInferenceSpanProcessor() {
      return OpenInferenceSpanProcessor.create();
    }

    @Bean
    SpringAiTestApp.WeatherTools weatherTools() {
      return new SpringAiTestApp.WeatherTools();
    }

    @Bean
    ChatClient chatClient(ChatClient.Builder builder, SpringAiTestApp.WeatherTools tools) {
      return builder.defaultSystem("You are a weather assistant.").defaultTools(tools).build();
    }
  }
}
