/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
import dev.openinference.exporter.OpenInferenceOtel;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.processor.propagation.OpenInferencePropagator;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's "Sessions across services" snippets, run: a gateway and a tool service, each with an
 * SDK of its own (from the configuration snippet through SDK autoconfigure, or hand-built around the
 * propagator snippet), real HTTP on the loopback interface with the hand-instrumented client and
 * server snippets, real OTLP to a loopback receiver. (The javaagent command is what {@code
 * PropagationIT} runs under the real agent; the Spring Boot starter reads the same properties in
 * {@code SpringBootStarterPropagationTest}.)
 */
class CrossServiceSessionsReadmeTest {

  static final String KEY = "readme-key-0123456789abcdef";

  /** The README's configuration snippet, line for line. */
  static final String CONFIGURATION =
      """
      otel.propagators=tracecontext,baggage,openinference
      # hosts that may receive the values: here both services on one machine, and your internal domain
      otel.openinference.propagation.destinations=127.0.0.1,*.internal.example.com
      otel.openinference.propagation.fields=session.id,user.id
      otel.openinference.propagation.max.age=5m
      """;

  private static final TextMapGetter<HttpExchange> HEADERS =
      new TextMapGetter<HttpExchange>() {
        @Override
        @SuppressWarnings("deprecation") // deprecated, yet abstract: every getter implements it
        public Iterable<String> keys(HttpExchange exchange) {
          return exchange.getRequestHeaders().keySet();
        }

        @Override
        public String get(HttpExchange exchange, String key) {
          return exchange == null ? null : exchange.getRequestHeaders().getFirst(key);
        }
      };

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  private final HttpClient http = HttpClient.newBuilder().build();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<String> toolHeaders = new CopyOnWriteArrayList<>();
  private volatile Tracer toolTracer;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
  }

  static Map<String, String> configuration() throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(CONFIGURATION));
    Map<String, String> map = new HashMap<>();
    properties.forEach((k, v) -> map.put((String) k, (String) v));
    return map;
  }

  private OpenTelemetrySdk autoconfigured(String serviceName) throws IOException {
    Map<String, String> settings = configuration();
    settings.put("otel.service.name", serviceName);
    // What OTEL_OPENINFERENCE_PROPAGATION_KEY gives in a deployment.
    settings.put("otel.openinference.propagation.key", KEY);
    AutoConfiguredOpenTelemetrySdk sdk = Autoconfigure.sdk(otlp.getHttpTracesEndpoint(), settings);
    closeables.add(sdk.getOpenTelemetrySdk());
    return sdk.getOpenTelemetrySdk();
  }

  private OpenTelemetrySdk handBuilt(String serviceName) {
    String key = KEY;
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.builder()
                .put("service.name", serviceName).build()))
            .addSpanProcessor(OpenInferenceSpanProcessor.create())
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpHttpSpanExporter.builder()
                        .setEndpoint(otlp.getHttpTracesEndpoint())
                        .build()))
            .build();
    TextMapPropagator openinference =
        OpenInferencePropagator.builder()
            .addKey(key) // from your secret store, e.g. System.getenv("OTEL_OPENINFERENCE_PROPAGATION_KEY")
            .addDestination("127.0.0.1")
            .addDestination("*.internal.example.com")
            .setMaxAge(Duration.ofMinutes(5))
            .build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider) // with OpenInferenceSpanProcessor.create() first
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance(),
                        openinference)))
            .build();
    closeables.add(sdk);
    return sdk;
  }

  /** The tool service: its server span and one span of work, in what the propagators extract. */
  private URI startTool(OpenTelemetrySdk sdk) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Tracer tracer = sdk.getTracer("tool");
    toolTracer = tracer;
    server.createContext(
        "/tool",
        exchange -> {
          toolHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("openinference")));
          serve(sdk, tracer, exchange);
        });
    server.start();
    closeables.add(() -> server.stop(0));
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tool");
  }

  /** The README's server snippet. */
  private void serve(OpenTelemetrySdk sdk, Tracer tracer, HttpExchange exchange) {
    Context extracted =
        sdk.getPropagators().getTextMapPropagator().extract(Context.root(), exchange, HEADERS);
    Span server =
        tracer.spanBuilder("GET /tool").setSpanKind(SpanKind.SERVER).setParent(extracted).startSpan();
    try (Scope current = extracted.with(server).makeCurrent()) {
      handle(exchange); // every span in here carries the caller's session.id and user.id
    } finally {
      server.end();
    }
  }

  private void handle(HttpExchange exchange) {
    toolTracer.spanBuilder("tool.run").startSpan().end();
    try {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The README's client snippet, inside the gateway's turn. */
  private String call(OpenTelemetrySdk sdk, Tracer tracer, URI uri) throws Exception {
    HttpResponse<String> response;
    Span client =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("server.address", uri.getHost())
            .setAttribute("server.port", (long) uri.getPort())
            .setAttribute("url.full", uri.toString())
            .startSpan();
    try (Scope current = client.makeCurrent()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri);
      sdk.getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), request, HttpRequest.Builder::header);
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      client.end();
    }
    return response.body();
  }

  private List<SpanData> turn(OpenTelemetrySdk gateway, OpenTelemetrySdk toolSdk) throws Exception {
    URI tool = startTool(toolSdk);
    Tracer tracer = gateway.getTracer("gateway");
    try (Scope s = OpenInference.usingSession("readme-session");
        Scope u = OpenInference.usingUser("readme-user")) {
      Span turn = tracer.spanBuilder("turn").startSpan();
      try (Scope current = turn.makeCurrent()) {
        assertThat(call(gateway, tracer, tool)).isEqualTo("ok");
      } finally {
        turn.end();
      }
    }
    gateway.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    toolSdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    // turn and its CLIENT span; the tool's SERVER span and its work.
    return otlp.awaitSpans(4, Duration.ofSeconds(10));
  }

  private static void assertTheToolServiceJoinedTheSession(List<SpanData> spans) {
    SpanData server =
        spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    assertThat(server).hasAttribute(SESSION_ID, "readme-session").hasAttribute(USER_ID, "readme-user");
    SpanData work = spans.stream().filter(s -> s.getName().equals("tool.run")).findFirst().orElseThrow();
    assertThat(work).hasAttribute(SESSION_ID, "readme-session").hasAttribute(USER_ID, "readme-user");
    assertThat(spans).extracting(SpanData::getTraceId).containsOnly(server.getTraceId());
  }

  @Test
  void theConfigurationSnippetCarriesTheSessionBetweenTwoAutoconfiguredServices() throws Exception {
    OpenTelemetrySdk gateway = autoconfigured("gateway");
    OpenTelemetrySdk tool = autoconfigured("tool-service");
    List<SpanData> spans = turn(gateway, tool);
    assertTheToolServiceJoinedTheSession(spans);
    assertThat(toolHeaders).singleElement().satisfies(h -> assertThat(h).startsWith("v=1;t="));
    assertThat(tool.getPropagators().getTextMapPropagator().toString())
        .contains("destinations=[127.0.0.1, *.internal.example.com]")
        .contains("maxAge=300s")
        .doesNotContain(KEY);
  }

  @Test
  void theLibrarySnippetCarriesTheSessionBetweenTwoHandBuiltSdks() throws Exception {
    OpenTelemetrySdk gateway = handBuilt("gateway");
    OpenTelemetrySdk tool = handBuilt("tool-service");
    assertTheToolServiceJoinedTheSession(turn(gateway, tool));
  }

  @Test
  void aServiceWithAnotherKeyGetsTheTraceButNotTheSession() throws Exception {
    OpenTelemetrySdk gateway = handBuilt("gateway");
    Map<String, String> settings = configuration();
    settings.put("otel.openinference.propagation.key", "another-key-0123456789abcdef");
    settings.put("otel.service.name", "tool-service");
    AutoConfiguredOpenTelemetrySdk tool = Autoconfigure.sdk(otlp.getHttpTracesEndpoint(), settings);
    closeables.add(tool.getOpenTelemetrySdk());
    try (WarningCapture warnings = new WarningCapture("dev.openinference.processor.propagation")) {
      List<SpanData> spans = turn(gateway, tool.getOpenTelemetrySdk());
      SpanData server =
          spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
      assertThat(server.getAttributes().get(SESSION_ID)).isNull();
      assertThat(spans).extracting(SpanData::getTraceId).containsOnly(server.getTraceId());
      assertThat(warnings.records())
          .isNotEmpty()
          .allSatisfy(
              w -> assertThat(w).contains("does not verify").doesNotContain("readme-"));
    }
  }

  /**
   * Library mode: {@code OpenInferenceOtel} builds its SDK with autoconfigure, so the same keys,
   * here as system properties (the environment variables are their other form), install the
   * propagator.
   */
  @Test
  void openInferenceOtelReadsTheSameKeys() throws Exception {
    Map<String, String> settings = configuration();
    settings.put("otel.openinference.propagation.key", KEY);
    Map<String, String> previous = new HashMap<>();
    settings.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    OpenTelemetrySdk gateway;
    OpenTelemetrySdk tool;
    try {
      gateway = library("gateway");
      tool = library("tool-service");
    } finally {
      previous.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
    assertThat(gateway.getPropagators().getTextMapPropagator().toString())
        .contains("OpenInferencePropagator{fields=session.id,user.id")
        .contains("keys=1, maxAge=300s");
    assertTheToolServiceJoinedTheSession(turn(gateway, tool));
  }

  private OpenTelemetrySdk library(String serviceName) {
    OpenTelemetrySdk sdk =
        OpenInferenceOtel.builder()
            .setEndpoint(otlp.getHttpTracesEndpoint())
            .setProjectName(serviceName)
            .setBatch(false)
            .setGlobal(false)
            .setRegisterShutdownHook(false)
            .build();
    closeables.add(sdk);
    return sdk;
  }
}
