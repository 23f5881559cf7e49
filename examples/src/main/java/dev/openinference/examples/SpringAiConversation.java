/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.FakeOpenAiResponse;
import dev.openinference.testing.FakeOpenAiServer;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A Spring AI conversation: a Spring Boot 4 app whose {@link ChatClient} has chat memory and one
 * {@code @Tool} holds two turns of one session with an OpenAI-compatible model (a fake one on
 * loopback). The app's only OpenInference code is the {@code OpenTelemetry} bean and the session
 * scope; {@code openinference-instrumentation-spring-ai} on the class path gives Spring AI's spans
 * their content, so the session view shows each turn's question and answer.
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=SpringAiConversation
 * </pre>
 */
public final class SpringAiConversation {

  static final String SESSION_ID = "spring-ai-session-1";
  static final List<String> QUESTIONS =
      List.of("What is the weather in Paris?", "Should I take an umbrella?");
  static final List<String> ANSWERS =
      List.of(
          "It is sunny and 21 degrees in Paris.",
          "No umbrella needed: it stays sunny in Paris today.");

  /** Runs the conversation against an embedded receiver and prints the session view. */
  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    PrintStream out = quiet ? Examples.nowhere() : System.out;
    SessionView view = runLocally(out);
    out.println();
    out.println(view.render());
    if (quiet) {
      System.out.println(Examples.checkLine(view));
    }
  }

  /** Runs the two turns with spans going to an embedded receiver; returns its session view. */
  static SessionView runLocally(PrintStream out) {
    try (LocalBackend backend = LocalBackend.start("spring-ai-conversation");
        FakeOpenAiServer model =
            FakeOpenAiServer.builder()
                .enqueue(
                    FakeOpenAiResponse.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))
                .enqueue(FakeOpenAiResponse.text(ANSWERS.get(0)))
                .enqueue(FakeOpenAiResponse.text(ANSWERS.get(1)))
                .build()) {
      try (ConfigurableApplicationContext app = start(backend.openTelemetry(), model)) {
        ChatClient chat = app.getBean(ChatClient.class);
        try (Scope session = OpenInference.usingSession(SESSION_ID);
            Scope user = OpenInference.usingUser("alice")) {
          for (String question : QUESTIONS) {
            out.println("alice > " + question);
            String answer =
                chat.prompt()
                    .user(question)
                    .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, SESSION_ID))
                    .call()
                    .content();
            out.println("bot   < " + answer);
          }
        }
      }
      return SessionView.from(backend.flush());
    }
  }

  private static ConfigurableApplicationContext start(
      OpenTelemetry openTelemetry, FakeOpenAiServer model) {
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .initializers(
            context -> context.getBeanFactory().registerSingleton("openTelemetry", openTelemetry))
        .properties(
            Map.of(
                "spring.ai.openai.base-url", model.baseUrl(),
                "spring.ai.openai.api-key", "not-a-real-key",
                "spring.ai.openai.chat.options.model", "gpt-4o-mini",
                "management.tracing.sampling.probability", "1.0",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN"))
        .run();
  }

  /** The application: a chat client with memory and one tool. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean
    Weather weather() {
      return new Weather();
    }

    @Bean
    ChatClient chatClient(ChatClient.Builder builder, ChatMemory memory, Weather weather) {
      return builder
          .defaultSystem("You are a travel assistant.")
          .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
          .defaultTools(weather)
          .build();
    }
  }

  /** The tool. */
  static final class Weather {

    @Tool(name = "get_weather", description = "The current weather in a city")
    String getWeather(String city) {
      return "sunny, 21 degrees in " + city;
    }
  }

  private SpringAiConversation() {}
}
