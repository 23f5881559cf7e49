/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenInference values never leave the process in propagation headers, and values that arrive in
 * inbound baggage are never stamped: real SDK propagators (the default {@code
 * tracecontext,baggage}), a real HTTP client and a real HTTP server on the loopback interface.
 */
class PropagationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final List<String> SECRETS =
      List.of("s-secret", "u-secret", "m-secret", "t-secret", "session", "user.id", "tag.tags");

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer server;
  private AutoConfiguredOpenTelemetrySdk sdk;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (sdk != null) {
      sdk.getOpenTelemetrySdk().close();
    }
  }

  /** A loopback server that hands each request's headers to {@code handler} and answers 204. */
  private URI startServer(Consumer<Map<String, List<String>>> handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        (HttpExchange exchange) -> {
          Map<String, List<String>> headers = new LinkedHashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
          try {
            handler.accept(headers);
            exchange.sendResponseHeaders(204, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
    return URI.create(
        "http://"
            + server.getAddress().getAddress().getHostAddress()
            + ":"
            + server.getAddress().getPort()
            + "/call");
  }

  private void send(URI uri, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
    headers.forEach(request::header);
    HttpResponse<Void> response =
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(204);
  }

  /** What a server instrumentation does: continue the caller's trace from the headers. */
  private static void handleLikeAServer(
      OpenTelemetry otel, Map<String, List<String>> headers, Map<String, Baggage> baggageSeen) {
    Context extracted =
        otel.getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), headers, HeadersGetter.INSTANCE);
    baggageSeen.put("server", Baggage.fromContext(extracted));
    Tracer tracer = otel.getTracer("server");
    Span server =
        tracer
            .spanBuilder("server-handle")
            .setParent(extracted)
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    try (Scope inbound = extracted.makeCurrent();
        Scope current = server.makeCurrent()) {
      tracer.spanBuilder("server-work").startSpan().end();
    } finally {
      server.end();
    }
  }

  private static SpanData byName(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No span " + name + " in " + spans));
  }

  @Test
  void outboundHeadersCarryTheTraceButNoOpenInferenceValue() throws Exception {
    sdk = Autoconfigure.sdk(otlp.getHttpTracesEndpoint(), Collections.emptyMap());
    OpenTelemetry otel = sdk.getOpenTelemetrySdk();
    Map<String, List<String>> received = new ConcurrentHashMap<>();
    Map<String, Baggage> baggageSeen = new ConcurrentHashMap<>();
    URI uri =
        startServer(
            headers -> {
              received.putAll(headers);
              handleLikeAServer(otel, headers, baggageSeen);
            });

    Map<String, String> injected = new LinkedHashMap<>();
    Span clientSpan;
    try (Scope session = OpenInference.usingSession("s-secret");
        Scope user = OpenInference.usingUser("u-secret");
        Scope metadata = OpenInference.usingMetadata(Map.of("key", "m-secret"));
        Scope tags = OpenInference.usingTags("t-secret");
        Scope appBaggage =
            Baggage.current().toBuilder().put("app.key", "app-value").build().makeCurrent()) {
      clientSpan =
          otel.getTracer("client")
              .spanBuilder("client-call")
              .setSpanKind(SpanKind.CLIENT)
              .startSpan();
      try (Scope current = clientSpan.makeCurrent()) {
        otel.getPropagators().getTextMapPropagator().inject(Context.current(), injected, Map::put);
        send(uri, injected);
      } finally {
        clientSpan.end();
      }
    }
    Autoconfigure.flush(sdk);

    String traceId = clientSpan.getSpanContext().getTraceId();
    String spanId = clientSpan.getSpanContext().getSpanId();
    assertThat(injected).containsOnlyKeys("traceparent", "baggage");
    String flags = clientSpan.getSpanContext().getTraceFlags().asHex();
    assertThat(received.get("traceparent"))
        .containsExactly("00-" + traceId + "-" + spanId + "-" + flags);
    // The application's own baggage does travel, so the baggage propagator is active.
    assertThat(received.get("baggage")).containsExactly("app.key=app-value");
    received.forEach(
        (name, values) -> {
          for (String secret : SECRETS) {
            assertThat(name).doesNotContainIgnoringCase(secret);
            assertThat(values).noneMatch(value -> value.toLowerCase(Locale.ROOT).contains(secret));
          }
        });
    assertThat(baggageSeen.get("server").asMap()).containsOnlyKeys("app.key");

    List<SpanData> spans = otlp.awaitSpans(3, TIMEOUT);
    // Stamped locally...
    assertThat(byName(spans, "client-call"))
        .hasAttribute(SESSION_ID, "s-secret")
        .hasAttribute(USER_ID, "u-secret");
    // ...but the callee, in the same trace, got nothing of it.
    for (String name : new String[] {"server-handle", "server-work"}) {
      SpanData span = byName(spans, name);
      assertThat(span).hasTraceId(traceId);
      assertThat(span.getAttributes().get(SESSION_ID)).isNull();
      assertThat(span.getAttributes().get(USER_ID)).isNull();
      assertThat(span.getAttributes().get(METADATA)).isNull();
      assertThat(span.getAttributes().get(TAG_TAGS)).isNull();
    }
    assertThat(byName(spans, "server-handle")).hasParentSpanId(spanId);
  }

  @Test
  void inboundBaggageNeverBecomesSessionOrUser() throws Exception {
    sdk = Autoconfigure.sdk(otlp.getHttpTracesEndpoint(), Collections.emptyMap());
    OpenTelemetry otel = sdk.getOpenTelemetrySdk();
    Map<String, Baggage> baggageSeen = new ConcurrentHashMap<>();
    URI uri = startServer(headers -> handleLikeAServer(otel, headers, baggageSeen));
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String callerSpanId = "00f067aa0ba902b7";

    Map<String, String> hostile = new LinkedHashMap<>();
    hostile.put("traceparent", "00-" + traceId + "-" + callerSpanId + "-01");
    hostile.put(
        "baggage", "session.id=evil,user.id=mallory,openinference.session.id=evil,tag.tags=evil");
    send(uri, hostile);
    Autoconfigure.flush(sdk);

    // The baggage did arrive and was parsed...
    assertThat(baggageSeen.get("server").getEntryValue("session.id")).isEqualTo("evil");
    assertThat(baggageSeen.get("server").getEntryValue("user.id")).isEqualTo("mallory");
    List<SpanData> spans = otlp.awaitSpans(2, TIMEOUT);
    assertThat(byName(spans, "server-handle")).hasTraceId(traceId).hasParentSpanId(callerSpanId);
    // ...and stamped nowhere.
    List<String> stamped = new ArrayList<>();
    for (SpanData span : spans) {
      span.getAttributes()
          .forEach(
              (key, value) -> {
                if (String.valueOf(value).contains("evil")
                    || String.valueOf(value).contains("mallory")) {
                  stamped.add(span.getName() + ": " + key + "=" + value);
                }
              });
      assertThat(span.getAttributes().get(SESSION_ID)).isNull();
      assertThat(span.getAttributes().get(USER_ID)).isNull();
    }
    assertThat(stamped).isEmpty();
  }

  private enum HeadersGetter implements TextMapGetter<Map<String, List<String>>> {
    INSTANCE;

    @Override
    public String get(Map<String, List<String>> carrier, String key) {
      if (carrier == null) {
        return null;
      }
      List<String> values = carrier.get(key.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }
}
