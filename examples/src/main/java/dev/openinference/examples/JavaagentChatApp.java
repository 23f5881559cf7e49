/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.openinference.context.OpenInference;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Example 4's application, which {@link JavaagentDemo} runs under the OpenTelemetry javaagent with
 * the OpenInference extension. Its class path holds {@code opentelemetry-api} and {@code
 * openinference-context}, no SDK: the agent brings the SDK and the exporter, instruments the JDK
 * {@link HttpClient} and carries the context into plain executors. The app's own spans use the OTel
 * API with GenAI attributes, as an instrumented LLM library would; the extension gives them their
 * OpenInference kinds, model name and token counts.
 *
 * <p>Its only OpenInference code is the scope block in {@link #main}, and every span, including the
 * agent's HTTP client spans started on pool threads, carries the session and the user.
 */
public final class JavaagentChatApp {

  private final Tracer tracer =
      GlobalOpenTelemetry.getTracer("dev.openinference.examples.javaagent-app");
  private final HttpClient http = HttpClient.newHttpClient();
  // Not wrapped: under the agent, tasks run in the context they were submitted in.
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final FakeChatModel model = FakeChatModel.create();
  private final Map<String, List<ChatMessage>> memory = new HashMap<>();
  private final URI services;

  private JavaagentChatApp(URI services) {
    this.services = services;
  }

  /** {@code args[0]}: the base URL of the help-center search and account services. */
  public static void main(String[] args) {
    JavaagentChatApp app = new JavaagentChatApp(URI.create(args[0]));
    try {
      for (Conversation conversation : Conversation.DEMO) {
        System.out.printf("%nSession %s (%s)%n", conversation.sessionId(), conversation.userId());
        try (Scope session = OpenInference.usingSession(conversation.sessionId());
            Scope user = OpenInference.usingUser(conversation.userId())) {
          for (String question : conversation.questions()) {
            System.out.printf("  %-5s > %s%n", conversation.userId(), question);
            System.out.printf(
                "  %-5s < %s%n",
                "bot", app.answer(conversation.sessionId(), conversation.userId(), question));
          }
        }
      }
    } finally {
      app.pool.shutdown();
    }
  }

  private String answer(String conversationId, String userId, String question) {
    Span span =
        tracer
            .spanBuilder("invoke_agent support-agent")
            .setAttribute(stringKey("gen_ai.operation.name"), "invoke_agent")
            .setAttribute(stringKey("gen_ai.agent.name"), "support-agent")
            .startSpan();
    try (Scope current = span.makeCurrent()) {
      Future<String> articles = pool.submit(() -> get("search?q=" + encode(question)));
      Future<String> account = pool.submit(() -> get("account?user_id=" + encode(userId)));
      List<ChatMessage> history = memory.computeIfAbsent(conversationId, id -> new ArrayList<>());
      List<ChatMessage> messages = new ArrayList<>();
      messages.add(
          ChatMessage.system(
              "Answer from these help-center articles:\n"
                  + articles.get(30, TimeUnit.SECONDS)
                  + "\nThe customer's account: "
                  + account.get(30, TimeUnit.SECONDS)));
      messages.addAll(history);
      messages.add(ChatMessage.user(question));
      String answer = chat(messages);
      history.add(ChatMessage.user(question));
      history.add(ChatMessage.assistant(answer));
      return answer;
    } catch (ExecutionException | TimeoutException e) {
      span.setStatus(StatusCode.ERROR, e.toString());
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      span.end();
    }
  }

  /** An HTTP call the agent instruments: its CLIENT span is started on a pool thread. */
  private String get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(services.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A model call recorded as GenAI libraries record it: usage set when the call is over. */
  private String chat(List<ChatMessage> messages) {
    Span span =
        tracer
            .spanBuilder("chat " + FakeChatModel.MODEL_NAME)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(stringKey("gen_ai.operation.name"), "chat")
            .setAttribute(stringKey("gen_ai.request.model"), FakeChatModel.MODEL_NAME)
            .startSpan();
    try (Scope current = span.makeCurrent()) {
      FakeChatModel.Completion completion = model.complete(messages);
      span.setAttribute(stringKey("gen_ai.response.model"), FakeChatModel.MODEL_NAME);
      span.setAttribute(longKey("gen_ai.usage.input_tokens"), completion.promptTokens());
      span.setAttribute(longKey("gen_ai.usage.output_tokens"), completion.completionTokens());
      return completion.text();
    } finally {
      span.end();
    }
  }
}
