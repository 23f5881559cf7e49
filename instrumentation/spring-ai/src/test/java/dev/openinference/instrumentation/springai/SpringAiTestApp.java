/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai;

import dev.openinference.exporter.OpenInferenceOtel;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot 4 app as a user writes it: Spring AI's OpenAI starter, a {@link ChatClient} with
 * one {@code @Tool}, and the OpenInference SDK as the app's {@link OpenTelemetry} bean, which
 * Micrometer's OpenTelemetry bridge picks up. Nothing OpenInference-specific besides the bean: the
 * instrumentation comes in by auto-configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SpringAiTestApp {

  @Bean
  OpenTelemetrySdk openTelemetry(@Value("${test.otlp.endpoint}") String endpoint) {
    return OpenInferenceOtel.builder()
        .setEndpoint(endpoint)
        .setProjectName("spring-ai-test")
        .setBatch(false)
        .setGlobal(false)
        .setRegisterShutdownHook(false)
        .build();
  }

  @Bean
  WeatherTools weatherTools() {
    return new WeatherTools();
  }

  @Bean
  ChatClient chatClient(ChatClient.Builder builder, WeatherTools tools) {
    return builder.defaultSystem("You are a weather assistant.").defaultTools(tools).build();
  }

  /** The one tool. */
  static final class WeatherTools {

    @Tool(name = "get_weather", description = "The current weather in a city")
    String getWeather(@ToolParam(description = "The city name") String city) {
      return "Sunny, 21 degrees in " + city;
    }
  }
}
