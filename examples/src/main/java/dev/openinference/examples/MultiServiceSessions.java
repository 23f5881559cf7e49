/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Example 10, one session across services: a gateway opens the user's session and calls an agent
 * service, which calls a tool service and a third-party API. The {@code openinference} propagator
 * carries {@code session.id} and {@code user.id}, signed, to the two services on the allow-list
 * (here {@code 127.0.0.1}), so their spans join the session; the third party (called as {@code
 * localhost}, which is not on the list) gets the trace context and nothing else.
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=MultiServiceSessions
 * </pre>
 *
 * <p>Each service has an SDK of its own from {@link AutoConfiguredOpenTelemetrySdk}, configured as
 * a deployment would configure it (see {@link #serviceConfiguration}); they share this JVM and one
 * embedded receiver only to keep the example self-contained. Nothing crosses between them but HTTP:
 * each server handles a request on its own thread, which starts with an empty context. The server
 * and client spans are written by hand, as library instrumentation would write them; under the
 * javaagent the agent writes them and the same configuration applies.
 */
public final class MultiServiceSessions {

  /** The key every service shares; in production it comes from a secret store, never code. */
  static final String KEY = "example-key-do-not-use-in-production";

  static final List<String> CONVERSATIONS = List.of("conversation-1", "conversation-2");
  static final String USER = "alice";

  private static final TextMapGetter<HttpExchange> HEADERS =
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

  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    Result result = run(quiet ? Examples.nowhere() : System.out);
    if (quiet) {
      System.out.println(Examples.checkLine(result.view));
    }
  }

  /** What a run produced: the receiver's view, and the headers the third party received. */
  static final class Result {
    final SessionView view;
    final List<Map<String, List<String>>> thirdPartyHeaders;

    Result(SessionView view, List<Map<String, List<String>>> thirdPartyHeaders) {
      this.view = view;
      this.thirdPartyHeaders = thirdPartyHeaders;
    }
  }

  /** The configuration of one service, as system properties or environment would give it. */
  static Map<String, String> serviceConfiguration(String serviceName, String tracesEndpoint) {
    Map<String, String> config = new HashMap<>();
    config.put("otel.service.name", serviceName);
    config.put("otel.traces.exporter", "otlp");
    config.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
    config.put("otel.exporter.otlp.traces.endpoint", tracesEndpoint);
    config.put("otel.metrics.exporter", "none");
    config.put("otel.logs.exporter", "none");
    config.put("otel.propagators", "tracecontext,baggage,openinference");
    config.put("otel.openinference.propagation.destinations", "127.0.0.1");
    config.put("otel.openinference.propagation.key", KEY);
    return config;
  }

  static Result run(PrintStream out) {
    Examples.disableNagleInJdkHttpServer();
    List<Map<String, List<String>>> thirdPartyHeaders = new CopyOnWriteArrayList<>();
    List<OpenTelemetrySdk> sdks = new ArrayList<>();
    List<HttpServer> servers = new ArrayList<>();
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      try {
        OpenTelemetrySdk gateway = sdk("gateway", receiver, sdks);
        OpenTelemetrySdk agent = sdk("agent-service", receiver, sdks);
        OpenTelemetrySdk tools = sdk("tool-service", receiver, sdks);

        HttpServer thirdParty = server(servers);
        thirdParty.createContext(
            "/",
            exchange -> {
              Map<String, List<String>> headers = new HashMap<>();
              exchange
                  .getRequestHeaders()
                  .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
              thirdPartyHeaders.add(headers);
              respond(exchange, "sunny");
            });
        URI weather = URI.create("http://localhost:" + port(thirdParty) + "/weather");

        HttpServer toolServer = server(servers);
        toolServer.createContext(
            "/lookup",
            exchange ->
                serve(tools, exchange, () -> step(tools, "tool.lookup", "order 1234: shipped")));
        URI lookup = URI.create("http://127.0.0.1:" + port(toolServer) + "/lookup");

        HttpServer agentServer = server(servers);
        agentServer.createContext(
            "/answer",
            exchange ->
                serve(
                    agent,
                    exchange,
                    () -> {
                      String order = call(agent, lookup);
                      String sky = call(agent, weather);
                      return step(agent, "agent.answer", order + "; and it is " + sky);
                    }));
        URI answer = URI.create("http://127.0.0.1:" + port(agentServer) + "/answer");

        Tracer tracer = gateway.getTracer("dev.openinference.examples.gateway");
        for (String conversation : CONVERSATIONS) {
          try (Scope s = OpenInference.usingSession(conversation);
              Scope u = OpenInference.usingUser(USER)) {
            Span turn = tracer.spanBuilder("gateway.turn").startSpan();
            try (Scope current = turn.makeCurrent()) {
              out.println(conversation + ": " + call(gateway, answer));
            } finally {
              turn.end();
            }
          }
        }
      } finally {
        servers.forEach(s -> s.stop(0));
        for (OpenTelemetrySdk sdk : sdks) {
          sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
          sdk.close();
        }
      }
      out.println();
      out.println("The third party (localhost, not allow-listed) received these headers:");
      for (Map<String, List<String>> headers : thirdPartyHeaders) {
        out.println("  " + new TreeMap<>(headers).keySet());
      }
      SessionView view = SessionView.from(receiver.getSpans());
      out.println();
      out.println(view.render());
      return new Result(view, List.copyOf(thirdPartyHeaders));
    }
  }

  private static OpenTelemetrySdk sdk(
      String serviceName, OtlpReceiver receiver, List<OpenTelemetrySdk> sdks) {
    Map<String, String> config =
        serviceConfiguration(serviceName, receiver.getHttpTracesEndpoint());
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            // The example's values win over the environment, so it always runs self-contained.
            .addPropertiesCustomizer(ignored -> config)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    sdks.add(sdk);
    return sdk;
  }

  private static HttpServer server(List<HttpServer> servers) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.start();
      servers.add(server);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }

  /** A server span around {@code work}, in the context the service's propagators extract. */
  private static void serve(OpenTelemetrySdk sdk, HttpExchange exchange, Work work)
      throws IOException {
    TextMapPropagator propagator = sdk.getPropagators().getTextMapPropagator();
    Context extracted = propagator.extract(Context.root(), exchange, HEADERS);
    Span span =
        sdk.getTracer("dev.openinference.examples.http")
            .spanBuilder("GET " + exchange.getRequestURI().getPath())
            .setSpanKind(SpanKind.SERVER)
            .setParent(extracted)
            .startSpan();
    String body;
    try (Scope current = extracted.with(span).makeCurrent()) {
      body = work.run();
    } finally {
      span.end();
    }
    respond(exchange, body);
  }

  /** A client span, with the attributes that tell the propagator where the request goes. */
  private static String call(OpenTelemetrySdk sdk, URI uri) {
    Span span =
        sdk.getTracer("dev.openinference.examples.http")
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("server.address", uri.getHost())
            .setAttribute("server.port", (long) uri.getPort())
            .setAttribute("url.full", uri.toString())
            .startSpan();
    try (Scope current = span.makeCurrent()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
      sdk.getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), request, HttpRequest.Builder::header);
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      span.end();
    }
  }

  private static String step(OpenTelemetrySdk sdk, String name, String result) {
    sdk.getTracer("dev.openinference.examples.services").spanBuilder(name).startSpan().end();
    return result;
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }

  private interface Work {
    String run();
  }

  private MultiServiceSessions() {}
}
