/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * One service of the three-service test ({@link PropagationIT}), in a JVM of its own: {@code
 * gateway} (opens the session and calls the agent service), {@code agent} (calls the tool service
 * and a third party, and runs a subtask in a session of its own), {@code tool}. Everything is real
 * HTTP on the loopback interface.
 *
 * <p>{@code sdk} mode: the SDK comes from {@code AutoConfiguredOpenTelemetrySdk} ({@link
 * SdkServices}) and this class makes the HTTP client and server spans and calls the propagators by
 * hand, as library instrumentation would. {@code agent} mode: the OTel javaagent with the extension
 * jar makes the HTTP spans and propagates; this class knows only the OTel API and the OpenInference
 * context API.
 *
 * <p>Protocol on stdout/stdin: prints {@code LISTENING <port>} once its server is up (the gateway
 * has none and prints {@code LISTENING 0}); the gateway runs one conversation turn for each {@code
 * TURN} line and prints {@code TURN-DONE <answer>}; {@code STOP} ends the JVM after flushing.
 */
public final class ServiceApp {

  static final String LISTENING = "LISTENING ";
  static final String TURN = "TURN";
  static final String TURN_DONE = "TURN-DONE ";
  static final String STOP = "STOP";
  static final String SESSION = "session-42";
  static final String USER = "user-7";
  static final String SUBTASK_SESSION = "local-subtask";

  private static final TextMapGetter<HttpExchange> EXCHANGE_GETTER =
      new TextMapGetter<HttpExchange>() {
        // Deprecated in the API, still abstract: every getter must implement it.
        @SuppressWarnings("deprecation")
        @Override
        public Iterable<String> keys(HttpExchange exchange) {
          return exchange.getRequestHeaders().keySet();
        }

        @Override
        public String get(HttpExchange exchange, String key) {
          return exchange == null ? null : exchange.getRequestHeaders().getFirst(key);
        }
      };

  private static boolean manual;
  private static Tracer tracer;
  private static final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** {@code <sdk|agent> <gateway|agent|tool> [downstream URLs...]}. */
  public static void main(String[] args) throws Exception {
    manual = args[0].equals("sdk");
    String role = args[1];
    List<String> downstream = List.of(args).subList(2, args.length);
    if (manual) {
      SdkServices.start();
    }
    tracer = GlobalOpenTelemetry.getTracer("openinference-propagation-it");

    HttpServer server = null;
    if (role.equals("gateway")) {
      System.out.println(LISTENING + 0);
    } else {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> serve(exchange, role, downstream));
      server.start();
      System.out.println(LISTENING + server.getAddress().getPort());
    }

    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, UTF_8));
    String line;
    while ((line = stdin.readLine()) != null && !line.equals(STOP)) {
      if (line.equals(TURN)) {
        System.out.println(TURN_DONE + turn(URI.create(downstream.get(0))));
      }
    }
    if (server != null) {
      server.stop(0);
    }
    if (manual) {
      SdkServices.stop();
    }
  }

  /** The gateway: one conversation turn in the user's session. */
  private static String turn(URI agentService) throws Exception {
    try (Scope s = OpenInference.usingSession(SESSION);
        Scope u = OpenInference.usingUser(USER)) {
      Span span = tracer.spanBuilder("gateway.turn").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        return get(agentService);
      } finally {
        span.end();
      }
    }
  }

  // The scope is closed after the response is written, below.
  @SuppressWarnings("MustBeClosedChecker")
  private static void serve(HttpExchange exchange, String role, List<String> downstream)
      throws IOException {
    Span server = null;
    Scope scope = null;
    if (manual) {
      TextMapPropagator propagator = GlobalOpenTelemetry.getPropagators().getTextMapPropagator();
      Context extracted = propagator.extract(Context.current(), exchange, EXCHANGE_GETTER);
      server =
          tracer
              .spanBuilder("GET " + exchange.getRequestURI().getPath())
              .setSpanKind(SpanKind.SERVER)
              .setParent(extracted)
              .setAttribute("url.path", exchange.getRequestURI().getPath())
              .startSpan();
      scope = extracted.with(server).makeCurrent();
    }
    String answer;
    try {
      answer = role.equals("agent") ? agent(downstream) : tool();
    } catch (Exception e) {
      answer = "failed: " + e;
    } finally {
      if (scope != null) {
        scope.close();
        server.end();
      }
    }
    byte[] body = answer.getBytes(UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The agent service: plans, calls its tool and a third party, runs a subtask of its own. */
  private static String agent(List<String> downstream) throws Exception {
    Span plan = tracer.spanBuilder("agent.plan").startSpan();
    try (Scope ignored = plan.makeCurrent()) {
      String tool = get(URI.create(downstream.get(0)));
      String thirdParty = get(URI.create(downstream.get(1)));
      // A local scope overrides the inbound session for what runs inside it, and nothing else.
      try (Scope local = OpenInference.usingSession(SUBTASK_SESSION)) {
        tracer.spanBuilder("agent.subtask").startSpan().end();
      }
      return "agent(" + tool + "," + thirdParty + ")";
    } finally {
      plan.end();
    }
  }

  private static String tool() {
    tracer.spanBuilder("tool.run").startSpan().end();
    // A log record, which the agent exports when its java-util-logging instrumentation is on.
    java.util.logging.Logger.getLogger(ServiceApp.class.getName()).info("tool ran");
    return "tool";
  }

  private static String get(URI uri) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (!manual) {
      return send(request);
    }
    Span span =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("server.address", uri.getHost())
            .setAttribute("server.port", (long) uri.getPort())
            .setAttribute("url.full", uri.toString())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      GlobalOpenTelemetry.getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), request, (carrier, key, value) -> carrier.header(key, value));
      return send(request);
    } finally {
      span.end();
    }
  }

  private static String send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + ":" + response.body();
  }

  private ServiceApp() {}
}
