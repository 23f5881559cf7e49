/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;

import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The application the integration tests start in a child JVM, under the agent or not. It uses only
 * the OTel API and {@code openinference-context}: no SDK, no processor, no manual context wrapping.
 * It talks to the test over stdout (markers) and stdin (the stop line).
 *
 * <p>Argument: the URL of the test's loopback HTTP server.
 */
public final class InstrumentedApp {

  static final String VIEW = "OPENINFERENCE-APP-VIEW ";
  static final String LISTENING = "OPENINFERENCE-APP-LISTENING ";
  static final String DONE = "OPENINFERENCE-APP-DONE";
  static final String STOP = "stop";
  static final String INBOUND_PATH = "/inbound";

  public static void main(String[] args) {
    try {
      run(URI.create(args[0]));
      System.out.println(DONE);
      System.out.flush();
      // Also runs the agent's shutdown hook, which flushes pending spans.
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(URI target) throws Exception {
    Tracer tracer = GlobalOpenTelemetry.getTracer("openinference-javaagent-it");
    ExecutorService pool = Executors.newFixedThreadPool(1);
    HttpClient client = HttpClient.newHttpClient();
    try {
      span(tracer, "before-scope");
      Span outlivesScope;
      try (Scope session = OpenInference.usingSession("session-1");
          Scope user = OpenInference.usingUser("user-1")) {
        // Ended after the scope closed: it can only carry what it got when it started.
        outlivesScope =
            tracer
                .spanBuilder("outlives-scope")
                .setAttribute("gen_ai.operation.name", "execute_tool")
                .startSpan();
        span(tracer, "in-scope");
        view("in-scope");
        llmCall(tracer);
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(target).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET " + target + " answered " + response.statusCode());
        }
        // The agent carries the context into the task; nothing here wraps it.
        pool.submit(() -> span(tracer, "executor-in-scope")).get(10, SECONDS);
        try (Scope inner = OpenInference.usingSession("session-2")) {
          span(tracer, "nested-scope");
          view("nested-scope");
        }
        span(tracer, "restored-scope");
        view("restored-scope");
      }
      outlivesScope.end();
      span(tracer, "after-scope");
      view("after-scope");
      // Same pool thread as before: nothing of the closed scope may stick to it.
      pool.submit(() -> span(tracer, "executor-after-scope")).get(10, SECONDS);
      serveUntilStopped(tracer);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void span(Tracer tracer, String name) {
    tracer.spanBuilder(name).startSpan().end();
  }

  /**
   * A model call as GenAI instrumentation records it: the GenAI attributes arrive after the span
   * started, so only export-time translation can turn them into OpenInference ones.
   */
  private static void llmCall(Tracer tracer) {
    Span span = tracer.spanBuilder("llm-call").startSpan();
    span.setAttribute("gen_ai.operation.name", "chat");
    span.setAttribute("gen_ai.request.model", "gpt-test");
    span.setAttribute("gen_ai.usage.input_tokens", 12L);
    span.setAttribute("input.value", "what is the secret?");
    span.end();
  }

  private static void view(String where) {
    Attributes attributes = OpenInference.getAttributesFromContext();
    System.out.println(
        VIEW
            + where
            + " session.id="
            + attributes.get(SemanticConventions.SESSION_ID)
            + " user.id="
            + attributes.get(SemanticConventions.USER_ID));
  }

  /**
   * Serves {@value #INBOUND_PATH} (its handler answers with the inbound baggage it sees) until the
   * test writes {@value #STOP} to stdin.
   */
  private static void serveUntilStopped(Tracer tracer) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        INBOUND_PATH,
        exchange -> {
          span(tracer, "inbound-handler");
          Baggage baggage = Baggage.current();
          byte[] body =
              (baggage.getEntryValue("session.id") + "," + baggage.getEntryValue("user.id"))
                  .getBytes(UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      System.out.println(LISTENING + server.getAddress().getPort());
      System.out.flush();
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, UTF_8));
      String line;
      while ((line = stdin.readLine()) != null && !line.trim().equals(STOP)) {
        // Wait for the stop line; end of input stops too.
      }
    } finally {
      server.stop(0);
    }
  }

  private InstrumentedApp() {}
}
