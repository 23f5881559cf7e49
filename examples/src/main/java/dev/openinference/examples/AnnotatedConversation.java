/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.context.OpenInference;
import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.instrumentation.annotations.Agent;
import dev.openinference.instrumentation.annotations.ExcludeFromInput;
import dev.openinference.instrumentation.annotations.Llm;
import dev.openinference.instrumentation.annotations.OpenInferenceAnnotations;
import dev.openinference.instrumentation.annotations.Tool;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Example 9, a conversation traced by annotations: a support desk whose methods carry
 * {@code @Agent}, {@code @Tool} and {@code @Llm} ({@code
 * openinference-instrumentation-annotations}), each component wrapped by {@link
 * OpenInferenceAnnotations#proxy}, holds a two-turn conversation inside one {@code
 * OpenInference.usingSession} scope. Each turn is one trace: the desk's answer ({@code AGENT}, the
 * question and the answer), the order lookup ({@code TOOL}, without the API key its parameter is
 * excluded from) and the model call ({@code LLM}, which adds its model name and token counts to the
 * current span); the session view shows the two turns with their question and answer. Under the
 * javaagent with the OpenInference extension the same annotations apply without the proxies.
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=AnnotatedConversation
 * </pre>
 */
public final class AnnotatedConversation {

  static final String SESSION = "annotated-conversation-1";
  static final String USER = "li";
  static final List<String> QUESTIONS =
      List.of("Hi, I'm Li. Where is my order 1042?", "What's my name?");
  static final String API_KEY = "orders-api-key-never-exported";

  /** The entry point of a turn. */
  public interface SupportDesk {
    @Agent(name = "support-desk")
    String answer(String question);
  }

  /** The order service the desk calls. */
  public interface OrderTools {
    @Tool(description = "Looks up the shipping status of an order")
    String orderStatus(String orderId, @ExcludeFromInput String apiKey);
  }

  /** The model. */
  public interface ChatModel {
    @Llm(name = "chat " + FakeChatModel.MODEL_NAME)
    String complete(List<ChatMessage> messages);
  }

  static final class InMemoryOrders implements OrderTools {
    @Override
    public String orderStatus(String orderId, String apiKey) {
      return API_KEY.equals(apiKey) ? "Shipped yesterday, arriving Friday." : "unauthorized";
    }
  }

  static final class FakeModel implements ChatModel {
    private final FakeChatModel model = FakeChatModel.create();

    @Override
    public String complete(List<ChatMessage> messages) {
      FakeChatModel.Completion completion = model.complete(messages);
      // The span is current inside the method: what only the call knows goes on it.
      Span.current()
          .setAttribute(SemanticConventions.LLM_MODEL_NAME, FakeChatModel.MODEL_NAME)
          .setAttribute(SemanticConventions.LLM_TOKEN_COUNT_PROMPT, completion.promptTokens())
          .setAttribute(
              SemanticConventions.LLM_TOKEN_COUNT_COMPLETION, completion.completionTokens());
      return completion.text();
    }
  }

  static final class DefaultSupportDesk implements SupportDesk {
    private static final Pattern ORDER = Pattern.compile("\\border (\\d+)");

    private final OrderTools orders;
    private final ChatModel model;
    private final List<ChatMessage> history = new ArrayList<>();

    DefaultSupportDesk(OrderTools orders, ChatModel model) {
      this.orders = orders;
      this.model = model;
    }

    @Override
    public String answer(String question) {
      Matcher order = ORDER.matcher(question);
      List<ChatMessage> messages = new ArrayList<>();
      // The fake model answers from "[kb-N] title: text" lines of its system message.
      messages.add(
          ChatMessage.system(
              order.find()
                  ? "Answer from these records:\n[kb-"
                      + order.group(1)
                      + "] Order "
                      + order.group(1)
                      + ": "
                      + orders.orderStatus(order.group(1), API_KEY)
                  : "Answer from these records: none."));
      messages.addAll(history);
      messages.add(ChatMessage.user(question));
      String answer = model.complete(messages);
      history.add(ChatMessage.user(question));
      history.add(ChatMessage.assistant(answer));
      return answer;
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
    try (LocalBackend backend = LocalBackend.start("annotated-conversation")) {
      OpenInferenceTracer tracer = OpenInferenceTracer.create(backend.openTelemetry());
      // Each component behind its interface: the proxy sees the calls between them.
      SupportDesk desk =
          OpenInferenceAnnotations.proxy(
              SupportDesk.class,
              new DefaultSupportDesk(
                  OpenInferenceAnnotations.proxy(OrderTools.class, new InMemoryOrders(), tracer),
                  OpenInferenceAnnotations.proxy(ChatModel.class, new FakeModel(), tracer)),
              tracer);
      out.println("Spans go over OTLP/HTTP to an embedded receiver at " + backend.endpoint());
      out.printf("%nSession %s (%s)%n", SESSION, USER);
      try (Scope session = OpenInference.usingSession(SESSION);
          Scope user = OpenInference.usingUser(USER)) {
        for (String question : QUESTIONS) {
          out.printf("  %-5s > %s%n", USER, question);
          out.printf("  %-5s < %s%n", "bot", desk.answer(question));
        }
      }
      List<SpanData> spans = backend.flush();
      out.println();
      out.println(SessionView.from(spans).render());
      return spans;
    }
  }

  private AnnotatedConversation() {}
}
