/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The chatbot's "account service": a tool the agent calls over HTTP, here a JDK {@link HttpServer}
 * on 127.0.0.1.
 *
 * <p>Trace context crosses the wire in the W3C {@code traceparent} header, injected by the client
 * and extracted here with the SDK's propagators, so the server span joins the caller's trace.
 * OpenInference values do not cross it: they are never put in propagation headers (a session id in
 * baggage would leak to every downstream service, and inbound baggage is not trusted). The app
 * instead sends the session id deliberately, as a request header of its own API ({@value
 * #SESSION_HEADER}), and the service, which would validate it like any other input, re-establishes
 * it with {@link OpenInference#usingSession}, so its spans carry the session too.
 */
final class AccountToolService implements AutoCloseable {

  static final String PATH = "/tools/account_lookup";
  static final String SESSION_HEADER = "X-Session-Id";

  private static final Map<String, String> PLANS = Map.of("bob", "Free", "alice", "Team");

  private static final TextMapGetter<Headers> HEADERS =
      (carrier, key) -> carrier == null ? null : carrier.getFirst(key); // case-insensitive

  private final HttpServer server;
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  private AccountToolService(HttpServer server, OpenTelemetry openTelemetry) {
    this.server = server;
    this.tracer = openTelemetry.getTracer("dev.openinference.examples.account-service");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** Starts the service on 127.0.0.1 and an ephemeral port. */
  static AccountToolService start(OpenTelemetry openTelemetry) {
    Examples.disableNagleInJdkHttpServer();
    try {
      HttpServer server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
      AccountToolService service = new AccountToolService(server, openTelemetry);
      server.createContext(PATH, service::handle);
      // No executor: requests run on the server's own thread, which stop() waits for, so every
      // server span has ended once close() returns.
      server.start();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    Context remoteParent = propagator.extract(Context.root(), headers, HEADERS);
    String sessionId = headers.getFirst(SESSION_HEADER);
    try (Scope parent = remoteParent.makeCurrent();
        Scope session =
            sessionId == null || sessionId.isBlank()
                ? Scope.noop()
                : OpenInference.usingSession(sessionId)) {
      Span span =
          tracer
              .spanBuilder("POST " + PATH)
              .setSpanKind(SpanKind.SERVER)
              .setAttribute(AttributeKey.stringKey("http.request.method"), "POST")
              .setAttribute(AttributeKey.stringKey("http.route"), PATH)
              .setAttribute(AttributeKey.stringKey("url.path"), exchange.getRequestURI().getPath())
              .startSpan();
      try (Scope current = span.makeCurrent()) {
        String userId = Json.stringField(readBody(exchange), "user_id");
        String plan = userId == null ? null : PLANS.get(userId);
        int status = plan == null ? 404 : 200;
        String body =
            plan == null
                ? Json.object(Map.of("error", "unknown user " + userId))
                : Json.object(Map.of("user_id", userId, "plan", plan));
        span.setAttribute(AttributeKey.longKey("http.response.status_code"), status);
        if (status >= 500) {
          span.setStatus(StatusCode.ERROR);
        }
        respond(exchange, status, body);
      } finally {
        span.end();
      }
    }
  }

  private static String readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  @Override
  public String toString() {
    return "AccountToolService{" + uri() + "}";
  }
}
