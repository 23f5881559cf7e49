/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Example 2, a session per HTTP request: a chat endpoint on a plain JDK {@link HttpServer} takes
 * the user from the request's credentials (a bearer token) and the session from the request (the
 * {@value #SESSION_HEADER} header an app client sends, else the {@value #SESSION_COOKIE} cookie a
 * browser sends back, else a new session for the cookie) and opens {@code usingSession} / {@code
 * usingUser} around the request's work. Every span the request produces carries both; no framework.
 *
 * <p>A request without valid credentials is answered 401 outside any session: sessions are only
 * given to authenticated users, so it shows up under "Without a session".
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=HttpSessions
 * </pre>
 */
public final class HttpSessions {

  static final String SESSION_HEADER = "X-Session-Id";
  static final String SESSION_COOKIE = "chat_session";

  /** The example's identity provider: bearer token to user id. */
  private static final Map<String, String> TOKENS = Map.of("t0k-alice", "alice", "t0k-bob", "bob");

  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    SessionView view = run(quiet ? Examples.nowhere() : System.out);
    if (quiet) {
      System.out.println(Examples.checkLine(view));
    }
  }

  /** Starts the chat server, sends it a few users' requests and returns the session view. */
  static SessionView run(PrintStream out) {
    try (LocalBackend backend = LocalBackend.start("http-sessions")) {
      try (ChatServer server = ChatServer.start(backend.openTelemetry())) {
        out.println("Chat server on " + server.uri());
        // A browser: no session id of its own, keeps the cookie the server sets.
        ChatClient alice = ChatClient.browser(server.uri(), "t0k-alice");
        // A mobile app: sends the conversation id it keeps in a header.
        ChatClient bob = ChatClient.app(server.uri(), "t0k-bob", "bob-phone-conversation-7");
        ChatClient stranger = ChatClient.browser(server.uri(), "not-a-token");

        alice.say("hi! I'm Alice", out);
        bob.say("hi! I'm Bob", out);
        alice.say("what's my name?", out);
        bob.say("what's my name?", out);
        stranger.say("what's my name?", out);
      }
      SessionView view = SessionView.from(backend.flush());
      out.println();
      out.println(view.render());
      return view;
    }
  }

  /** The chat endpoint: {@code POST /chat} with the message as a text body. */
  static final class ChatServer implements AutoCloseable {

    private static final TextMapGetter<Headers> HEADERS =
        (carrier, key) -> carrier == null ? null : carrier.getFirst(key); // case-insensitive

    private final HttpServer server;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final TracedChatModel model;
    private final Map<String, List<ChatMessage>> memory = new ConcurrentHashMap<>();

    private ChatServer(HttpServer server, OpenTelemetry openTelemetry) {
      this.server = server;
      this.tracer = openTelemetry.getTracer("dev.openinference.examples.chat-server");
      this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
      this.model = TracedChatModel.create(openTelemetry);
    }

    static ChatServer start(OpenTelemetry openTelemetry) {
      Examples.disableNagleInJdkHttpServer();
      try {
        HttpServer server =
            HttpServer.create(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        ChatServer chat = new ChatServer(server, openTelemetry);
        server.createContext("/chat", chat::handle);
        server.start();
        return chat;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/chat");
    }

    private void handle(HttpExchange exchange) throws IOException {
      Headers headers = exchange.getRequestHeaders();
      // The caller's trace, if it sent one; OpenInference values never come from headers.
      Context parent = propagator.extract(Context.root(), headers, HEADERS);
      String userId = authenticate(headers.getFirst("Authorization"));
      if (userId == null) {
        try (Scope scope = parent.makeCurrent()) {
          Span span = startServerSpan();
          try {
            span.setAttribute(AttributeKey.longKey("http.response.status_code"), 401);
            respond(exchange, 401, "unauthorized");
          } finally {
            span.end();
          }
        }
        return;
      }
      String sessionId = headers.getFirst(SESSION_HEADER);
      String cookieSession = sessionId == null ? cookie(headers, SESSION_COOKIE) : null;
      boolean newSession = sessionId == null && cookieSession == null;
      if (sessionId == null) {
        sessionId = newSession ? "web-" + UUID.randomUUID() : cookieSession;
      }
      // Everything the request does from here on carries its session and user.
      try (Scope scope = parent.makeCurrent();
          Scope session = OpenInference.usingSession(sessionId);
          Scope user = OpenInference.usingUser(userId)) {
        Span span = startServerSpan();
        try (Scope current = span.makeCurrent()) {
          String question = readBody(exchange);
          span.setAttribute(INPUT_VALUE, question);
          List<ChatMessage> history = memory.computeIfAbsent(sessionId, id -> new ArrayList<>());
          List<ChatMessage> messages = new ArrayList<>();
          messages.add(ChatMessage.system("You are a friendly assistant."));
          messages.addAll(history);
          messages.add(ChatMessage.user(question));
          String answer = model.complete(messages).text();
          history.add(ChatMessage.user(question));
          history.add(ChatMessage.assistant(answer));
          span.setAttribute(OUTPUT_VALUE, answer);
          if (newSession) {
            exchange
                .getResponseHeaders()
                .add("Set-Cookie", SESSION_COOKIE + "=" + sessionId + "; Path=/; HttpOnly");
          }
          span.setAttribute(AttributeKey.longKey("http.response.status_code"), 200);
          respond(exchange, 200, answer);
        } catch (RuntimeException e) {
          span.setStatus(StatusCode.ERROR, e.getMessage());
          respond(exchange, 500, "error");
        } finally {
          span.end();
        }
      }
    }

    private Span startServerSpan() {
      return tracer
          .spanBuilder("POST /chat")
          .setSpanKind(SpanKind.SERVER)
          .setAttribute(AttributeKey.stringKey("http.request.method"), "POST")
          .setAttribute(AttributeKey.stringKey("http.route"), "/chat")
          .startSpan();
    }

    private static String authenticate(String authorization) {
      if (authorization == null || !authorization.startsWith("Bearer ")) {
        return null;
      }
      return TOKENS.get(authorization.substring("Bearer ".length()).strip());
    }

    private static String cookie(Headers headers, String name) {
      List<String> values = headers.get("Cookie");
      if (values == null) {
        return null;
      }
      for (String value : values) {
        for (String pair : value.split(";", -1)) {
          String[] nameValue = pair.strip().split("=", 2);
          if (nameValue.length == 2 && nameValue[0].equals(name) && !nameValue[1].isBlank()) {
            return nameValue[1];
          }
        }
      }
      return null;
    }

    private static String readBody(HttpExchange exchange) throws IOException {
      try (InputStream in = exchange.getRequestBody()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    /** Stops the server; requests in progress have finished, and their spans ended, on return. */
    @Override
    public void close() {
      server.stop(0);
    }

    @Override
    public String toString() {
      return "ChatServer{" + uri() + "}";
    }
  }

  /** A client of the chat endpoint: a browser (cookies) or an app (a session header). */
  private record ChatClient(HttpClient http, URI uri, String token, String sessionId, String who) {

    static ChatClient browser(URI uri, String token) {
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      return new ChatClient(http, uri, token, null, "browser(" + token + ")");
    }

    static ChatClient app(URI uri, String token, String sessionId) {
      return new ChatClient(
          HttpClient.newHttpClient(), uri, token, sessionId, "app(" + token + ")");
    }

    void say(String message, PrintStream out) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString(message));
      if (sessionId != null) {
        request.header(SESSION_HEADER, sessionId);
      }
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        out.printf(
            "  %-17s > %s%n  %-17s < %d %s%n",
            who, message, "", response.statusCode(), response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    @Override
    public String toString() {
      return who + " " + uri + cookies();
    }

    private String cookies() {
      return http.cookieHandler()
          .map(
              handler ->
                  ((CookieManager) handler)
                      .getCookieStore().getCookies().stream()
                          .map(HttpCookie::toString)
                          .toList()
                          .toString())
          .orElse("");
    }
  }

  private HttpSessions() {}
}
