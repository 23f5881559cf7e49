/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.openinference.context.OpenInference;
import dev.openinference.instrumentation.langchain4j.OpenInferenceAiServices;
import dev.openinference.instrumentation.langchain4j.OpenInferenceChatModelListener;
import dev.openinference.instrumentation.langchain4j.OpenInferenceTools;
import dev.openinference.testing.FakeOpenAiResponse;
import dev.openinference.testing.FakeOpenAiServer;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.util.List;

/**
 * Example 7, a LangChain4j conversation: a LangChain4j AI service with chat memory and one
 * {@code @Tool}, on LangChain4j's own OpenAI client pointed at a fake OpenAI server on loopback,
 * holds a two-turn conversation inside one {@code OpenInference.usingSession} scope. The
 * instrumentation ({@code openinference-instrumentation-langchain4j}) makes each turn one trace:
 * the AI service call ({@code AGENT}, the question and the answer), its model calls ({@code LLM},
 * with the messages, tools, tool calls and tokens) and its tool execution ({@code TOOL}); the
 * session view shows the two turns with their question and answer.
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=LangChain4jConversation
 * </pre>
 */
public final class LangChain4jConversation {

  static final String SESSION = "lc4j-conversation-1";
  static final String USER = "maria";
  static final List<String> QUESTIONS =
      List.of("Where is my order 1042?", "Thanks! Can you repeat that?");

  /** The AI service the application declares; LangChain4j implements it. */
  interface OrderAssistant {
    String chat(String message);
  }

  /** The one tool the model may call. */
  static final class OrderTools {
    @Tool("Looks up the shipping status of an order")
    String orderStatus(@P(name = "orderId", value = "the order number") String orderId) {
      return "order " + orderId + " shipped yesterday, arriving Friday";
    }
  }

  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    SessionView view = SessionView.from(run(quiet ? Examples.nowhere() : System.out));
    if (quiet) {
      System.out.println(Examples.checkLine(view));
    }
  }

  /**
   * Holds the conversation, printing each exchange and then the session view, and returns the spans
   * the receiver got.
   */
  static List<SpanData> run(PrintStream out) {
    try (LocalBackend backend = LocalBackend.start("langchain4j-conversation");
        FakeOpenAiServer openAi = FakeOpenAiServer.create()) {
      // The scripted model asks for the tool on the first question; then it answers by itself.
      openAi.enqueue(
          FakeOpenAiResponse.toolCall("call_1", "orderStatus", "{\"orderId\":\"1042\"}"));
      OrderAssistant assistant = assistant(backend.openTelemetry(), openAi.baseUrl());
      out.println("Spans go over OTLP/HTTP to an embedded receiver at " + backend.endpoint());
      out.println("The model is a fake OpenAI server at " + openAi.baseUrl());
      out.printf("%nSession %s (%s)%n", SESSION, USER);
      try (Scope session = OpenInference.usingSession(SESSION);
          Scope user = OpenInference.usingUser(USER)) {
        for (String question : QUESTIONS) {
          out.printf("  %-5s > %s%n", USER, question);
          out.printf("  %-5s < %s%n", "bot", assistant.chat(question));
        }
      }
      List<SpanData> spans = backend.flush();
      out.println();
      out.println(SessionView.from(spans).render());
      return spans;
    }
  }

  /** The application's wiring: the listener on the model, the tools and the service traced. */
  static OrderAssistant assistant(OpenTelemetry openTelemetry, String baseUrl) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("demo-key")
            .modelName("gpt-4o-mini")
            .listeners(List.of(OpenInferenceChatModelListener.create(openTelemetry)))
            .build();
    return OpenInferenceAiServices.create(openTelemetry)
        .trace(
            OrderAssistant.class,
            AiServices.builder(OrderAssistant.class)
                .chatModel(model)
                .chatMemory(MessageWindowChatMemory.withMaxMessages(20))
                .tools(OpenInferenceTools.create(openTelemetry).wrap(new OrderTools()))
                .build());
  }

  private LangChain4jConversation() {}
}
