/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * <p>Its only OpenInference code is the scope blocks (in {@link #main} and in its chat endpoint),
 * and every span, including the agent's HTTP client spans started on pool threads, carries the
 * session and the user.
 *
 * <p>The last turn arrives the way a web app's do: as an HTTP request to its {@code POST /chat}
 * (JDK {@code HttpServer}, which the agent instruments), so the trace's root is the agent's SERVER
 * span. That span has no {@code input.value} / {@code output.value} of its own; the extension fills
 * them at export from the model call's messages (the user's question, the answer), which is what a
 * Sessions view shows for the turn.
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

  /** The session of the turn that arrives over HTTP. */
  static final Conversation WEB =
      new Conversation("conv-alice-web", "alice", "web", List.of("How do I share a notebook?"));

  static final String SESSION_HEADER = "X-Session-Id";
  static final String USER_HEADER = "X-User-Id";

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
      app.webTurn();
    } catch (IOException e) {
      throw new IllegalStateException("the chat endpoint failed: " + e, e);
    } finally {
      app.pool.shutdown();
    }
  }

  /** Serves {@code POST /chat} and sends it {@link #WEB}'s question, as a browser would. */
  private void webTurn() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/chat", this::chatEndpoint);
    server.start();
    try {
      System.out.printf("%nSession %s (%s), over HTTP%n", WEB.sessionId(), WEB.userId());
      for (String question : WEB.questions()) {
        System.out.printf("  %-5s > %s%n", WEB.userId(), question);
        String answer =
            browserPost(server.getAddress().getPort(), WEB.sessionId(), WEB.userId(), question);
        System.out.printf("  %-5s < %s%n", "bot", answer);
      }
    } finally {
      server.stop(0);
    }
  }

  /** The chat endpoint: the request's SERVER span, started by the agent, is the turn's root. */
  private void chatEndpoint(HttpExchange exchange) throws IOException {
    String sessionId = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
    String userId = exchange.getRequestHeaders().getFirst(USER_HEADER);
    String question = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    // The agent started the SERVER span before this handler could read the session header, so
    // the scopes below cannot stamp it: it gets the two ids directly.
    Span.current().setAttribute(SemanticConventions.SESSION_ID, sessionId);
    Span.current().setAttribute(SemanticConventions.USER_ID, userId);
    String answer;
    try (Scope session = OpenInference.usingSession(sessionId);
        Scope user = OpenInference.usingUser(userId)) {
      answer = answer(sessionId, userId, question);
    }
    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * A browser's request: a plain socket, which the agent does not instrument, so the request
   * arrives with no trace context and the server span is the root of its trace.
   */
  private static String browserPost(int port, String sessionId, String userId, String question)
      throws IOException {
    byte[] body = question.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /chat HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + port
            + "\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + SESSION_HEADER
            + ": "
            + sessionId
            + "\r\n"
            + USER_HEADER
            + ": "
            + userId
            + "\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = response.indexOf("\r\n\r\n");
      if (!response.startsWith("HTTP/1.1 200") || split < 0) {
        throw new IOException("unexpected response: " + response);
      }
      return response.substring(split + 4);
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
    // Content as instrumentations record it when content capture is on.
    span.setAttribute(stringKey("gen_ai.input.messages"), messagesJson(messages));
    try (Scope current = span.makeCurrent()) {
      FakeChatModel.Completion completion = model.complete(messages);
      span.setAttribute(
          stringKey("gen_ai.output.messages"),
          messagesJson(List.of(ChatMessage.assistant(completion.text()))));
      span.setAttribute(stringKey("gen_ai.response.model"), FakeChatModel.MODEL_NAME);
      span.setAttribute(longKey("gen_ai.usage.input_tokens"), completion.promptTokens());
      span.setAttribute(longKey("gen_ai.usage.output_tokens"), completion.completionTokens());
      return completion.text();
    } finally {
      span.end();
    }
  }

  /** Messages in the GenAI semantic conventions' JSON form. */
  private static String messagesJson(List<ChatMessage> messages) {
    StringBuilder json = new StringBuilder("[");
    for (ChatMessage message : messages) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append("{\"role\":")
          .append(Json.quote(message.role()))
          .append(",\"parts\":[{\"type\":\"text\",\"content\":")
          .append(Json.quote(message.content()))
          .append("}]}");
    }
    return json.append(']').toString();
  }
}
