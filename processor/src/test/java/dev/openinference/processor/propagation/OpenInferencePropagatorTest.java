/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.context.internal.ContextValues;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URL;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenInferencePropagatorTest {

  private static final String KEY = "0123456789abcdef-test-key";
  private static final String OTHER_KEY = "fedcba9876543210-other-key";
  private static final TextMapSetter<Map<String, String>> SETTER = Map::put;
  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<Map<String, String>>() {
        // Deprecated in the API, still abstract: every getter must implement it.
        @SuppressWarnings("deprecation")
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder()
          .addSpanProcessor(OpenInferenceSpanProcessor.create())
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();
  private final Tracer tracer = tracerProvider.get("test");

  @AfterEach
  void close() {
    tracerProvider.close();
  }

  private static OpenInferencePropagator propagator(String... keys) {
    return OpenInferencePropagator.builder()
        .setKeys(Arrays.asList(keys))
        .addDestination("tools.internal")
        .build();
  }

  /**
   * Injects with {@code propagator} inside a CLIENT span to {@code host} in session s-1, user u-1.
   */
  private Map<String, String> injectToward(TextMapPropagator propagator, String host) {
    return injectToward(propagator, host, 8080, "s-1", "u-1");
  }

  private Map<String, String> injectToward(
      TextMapPropagator propagator, String host, long port, String session, String user) {
    Map<String, String> headers = new HashMap<>();
    try (Scope s = OpenInference.usingSession(session);
        Scope u = OpenInference.usingUser(user)) {
      Span client =
          tracer
              .spanBuilder("GET")
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(Destination.SERVER_ADDRESS, host)
              .setAttribute(Destination.SERVER_PORT, port)
              .setAttribute(Destination.URL_FULL, "http://" + host + ":" + port + "/run")
              .startSpan();
      try (Scope ignored = client.makeCurrent()) {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, SETTER);
        propagator.inject(Context.current(), headers, SETTER);
      } finally {
        client.end();
      }
    }
    return headers;
  }

  /** Extracts like a server would (traceparent first) and returns the server span it starts. */
  private SpanData serve(TextMapPropagator propagator, Map<String, String> headers) {
    return serve(propagator, headers, Function.identity());
  }

  private SpanData serve(
      TextMapPropagator propagator,
      Map<String, String> headers,
      Function<Context, Context> handlerScope) {
    Context extracted =
        propagator.extract(
            W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, GETTER),
            headers,
            GETTER);
    exporter.reset();
    Span server =
        tracer.spanBuilder("handle").setSpanKind(SpanKind.SERVER).setParent(extracted).startSpan();
    try (Scope ignored = handlerScope.apply(extracted.with(server)).makeCurrent()) {
      tracer.spanBuilder("work").startSpan().end();
    } finally {
      server.end();
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(2);
    return spans.get(0);
  }

  @Test
  void signedSessionAndUserReachTheAllowListedServiceAndAreStampedOnItsSpans() {
    try (WarningCapture warnings = new WarningCapture()) {
      Map<String, String> headers = injectToward(propagator(KEY), "tools.internal");

      assertThat(headers.get("openinference"))
          .matches("session\\.id=s-1;sig=[A-Za-z0-9_-]{43},user\\.id=u-1;sig=[A-Za-z0-9_-]{43}");
      SpanData work = serve(propagator(KEY), headers);
      assertThat(work).hasAttribute(SESSION_ID, "s-1").hasAttribute(USER_ID, "u-1");
      assertThat(exporter.getFinishedSpanItems().get(1))
          .hasKind(SpanKind.SERVER)
          .hasAttribute(SESSION_ID, "s-1")
          .hasAttribute(USER_ID, "u-1");
      assertThat(warnings.warnings()).isEmpty();
    }
  }

  @Test
  void nothingIsSentToAHostThatIsNotAllowListed() {
    try (WarningCapture warnings = new WarningCapture()) {
      assertThat(injectToward(propagator(KEY), "api.thirdparty.example"))
          .doesNotContainKey("openinference");
      assertThat(injectToward(propagator(KEY), "tools.internal.evil.example"))
          .doesNotContainKey("openinference");
      assertThat(warnings.warnings()).isEmpty();
    }
  }

  @Test
  void nothingIsSentWhenTheDestinationIsUnknownAndTheWarningSaysWhy() {
    try (WarningCapture warnings = new WarningCapture()) {
      Map<String, String> headers = new HashMap<>();
      try (Scope s = OpenInference.usingSession("s-1")) {
        Span internal = tracer.spanBuilder("internal").startSpan();
        try (Scope ignored = internal.makeCurrent()) {
          propagator(KEY).inject(Context.current(), headers, SETTER);
        } finally {
          internal.end();
        }
        // A span that is not the SDK's (here a remote parent) tells nothing either.
        SpanContext remote =
            SpanContext.createFromRemoteParent(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault());
        propagator(KEY).inject(Context.current().with(Span.wrap(remote)), headers, SETTER);
      }
      assertThat(headers).isEmpty();
      assertThat(warnings.warnings())
          .hasSize(2)
          .allSatisfy(w -> assertThat(w).contains("destination is unknown"));
    }
  }

  @Test
  void anHttpUrlConnectionCarrierNamesItsOwnDestination() throws Exception {
    OpenInferencePropagator propagator = propagator(KEY);
    SpanContext remote =
        SpanContext.createFromRemoteParent(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    Map<String, String> sent = new HashMap<>();
    TextMapSetter<java.net.HttpURLConnection> setter =
        (carrier, key, value) -> sent.put(key, value);
    try (Scope s = OpenInference.usingSession("s-1")) {
      Context context = Context.current().with(Span.wrap(remote));
      // openConnection() does not connect.
      propagator.inject(
          context,
          (java.net.HttpURLConnection) new URL("http://tools.internal:9000/x").openConnection(),
          setter);
      assertThat(sent).containsKey("openinference");
      sent.clear();
      propagator.inject(
          context,
          (java.net.HttpURLConnection) new URL("http://elsewhere.example/x").openConnection(),
          setter);
      assertThat(sent).isEmpty();
    }
  }

  @Test
  void withoutAKeyNothingIsSentAndNothingAccepted() {
    try (WarningCapture warnings = new WarningCapture()) {
      OpenInferencePropagator keyless =
          OpenInferencePropagator.builder().addDestination("tools.internal").build();
      assertThat(injectToward(keyless, "tools.internal")).doesNotContainKey("openinference");

      Map<String, String> signed = injectToward(propagator(KEY), "tools.internal");
      SpanData work = serve(keyless, signed);
      assertThat(work.getAttributes().get(SESSION_ID)).isNull();
      assertThat(warnings.warnings())
          .singleElement()
          .satisfies(w -> assertThat(w).contains("no otel.openinference.propagation.key"));
    }
  }

  @Test
  void onlyTheAllowListedFieldsAreSentAndAccepted() {
    try (WarningCapture warnings = new WarningCapture()) {
      OpenInferencePropagator sessionOnly =
          OpenInferencePropagator.builder()
              .addKey(KEY)
              .addDestination("tools.internal")
              .setFields("session.id")
              .build();
      Map<String, String> headers = injectToward(sessionOnly, "tools.internal");
      assertThat(headers.get("openinference"))
          .startsWith("session.id=s-1;sig=")
          .doesNotContain("user.id");

      // A receiver that takes only session.id ignores a signed user.id.
      SpanData work = serve(sessionOnly, injectToward(propagator(KEY), "tools.internal"));
      assertThat(work).hasAttribute(SESSION_ID, "s-1");
      assertThat(work.getAttributes().get(USER_ID)).isNull();
      assertThat(warnings.warnings())
          .singleElement()
          .satisfies(
              w ->
                  assertThat(w)
                      .contains("\"user.id\"=\"u-1\"")
                      .contains("not one this service accepts"));
    }
  }

  @Test
  void forgedUnsignedAndTamperedValuesAreIgnoredWithAWarning() {
    try (WarningCapture warnings = new WarningCapture()) {
      Map<String, String> honest = injectToward(propagator(KEY), "tools.internal");
      String traceparent = honest.get("traceparent");

      Map<String, String> forged = new HashMap<>();
      forged.put("traceparent", traceparent);
      forged.put(
          "openinference", "session.id=forged;sig=Zm9yZ2VkLXNpZ25hdHVyZS1ieS1tYWxsb3J5LXh4eHg");
      Map<String, String> otherKey = injectToward(propagator(OTHER_KEY), "tools.internal");
      Map<String, String> unsigned = new HashMap<>();
      unsigned.put("traceparent", traceparent);
      unsigned.put("openinference", "session.id=unsigned,user.id=mallory");
      Map<String, String> tampered = new HashMap<>(honest);
      tampered.put(
          "openinference", honest.get("openinference").replace("session.id=s-1", "session.id=s-2"));

      for (Map<String, String> headers : Arrays.asList(forged, otherKey, unsigned, tampered)) {
        // At most 5 warnings a minute: let each case's through.
        OpenInferencePropagator.logger.reset();
        SpanData work = serve(propagator(KEY), headers);
        assertThat(work.getAttributes().get(SESSION_ID)).as("%s", headers).isNull();
      }
      // tampered still carries an honest user.id, which stays accepted.
      assertThat(serve(propagator(KEY), tampered)).hasAttribute(USER_ID, "u-1");

      assertThat(warnings.warnings())
          .anySatisfy(
              w -> assertThat(w).contains("\"session.id\"=\"forged\"").contains("does not verify"))
          .anySatisfy(
              w -> assertThat(w).contains("\"session.id\"=\"unsigned\"").contains("unsigned"))
          .anySatisfy(w -> assertThat(w).contains("\"user.id\"=\"mallory\"").contains("unsigned"))
          .anySatisfy(
              w -> assertThat(w).contains("\"session.id\"=\"s-2\"").contains("does not verify"));
    }
  }

  @Test
  void aSignedValueCannotBeReplayedOntoAnotherTrace() {
    try (WarningCapture warnings = new WarningCapture()) {
      Map<String, String> first = injectToward(propagator(KEY), "tools.internal");
      Map<String, String> second = injectToward(propagator(KEY), "tools.internal");
      Map<String, String> replayed = new HashMap<>(second);
      replayed.put("openinference", first.get("openinference"));

      SpanData work = serve(propagator(KEY), replayed);
      assertThat(work.getAttributes().get(SESSION_ID)).isNull();
      assertThat(work.getAttributes().get(USER_ID)).isNull();
      assertThat(warnings.warnings())
          .hasSize(2)
          .allSatisfy(w -> assertThat(w).contains("does not verify for trace"));
    }
  }

  @Test
  void theTraceIdComesFromTraceparentWhenNoPropagatorRanBefore() {
    Map<String, String> headers = injectToward(propagator(KEY), "tools.internal");
    Context extracted = propagator(KEY).extract(Context.root(), headers, GETTER);
    assertThat(ContextValues.fromContext(extracted).getSessionId()).isEqualTo("s-1");
  }

  @Test
  void keysRotateTheFirstSignsAndEveryKeyVerifies() {
    try (WarningCapture warnings = new WarningCapture()) {
      Map<String, String> signedWithNew =
          injectToward(propagator(OTHER_KEY, KEY), "tools.internal");
      assertThat(serve(propagator(KEY, OTHER_KEY), signedWithNew)).hasAttribute(SESSION_ID, "s-1");
      assertThat(serve(propagator(OTHER_KEY), signedWithNew)).hasAttribute(SESSION_ID, "s-1");
      assertThat(serve(propagator(KEY), signedWithNew).getAttributes().get(SESSION_ID)).isNull();
      assertThat(warnings.warnings()).hasSize(2);
    }
  }

  @Test
  void valuesThatFailValidationAreNotSent() {
    try (WarningCapture warnings = new WarningCapture()) {
      String longId = new String(new char[257]).replace('\0', 'x');
      Map<String, String> headers =
          injectToward(propagator(KEY), "tools.internal", 8080, longId, "bad\u0007user");
      assertThat(headers).doesNotContainKey("openinference");
      assertThat(warnings.warnings())
          .anySatisfy(
              w -> assertThat(w).contains("did not send session.id").contains("longer than 256"))
          .anySatisfy(
              w -> assertThat(w).contains("did not send user.id").contains("control character"));
    }
  }

  @Test
  void anyPrintableValueRoundTripsPercentEncoded() {
    String session = "conv 42, part;2=ä ☕ 𝄞";
    Map<String, String> headers =
        injectToward(propagator(KEY), "tools.internal", 80, session, "bob@example.com");
    assertThat(headers.get("openinference"))
        .doesNotContain(" ")
        .doesNotContain("ä")
        .contains("%2C");
    SpanData work = serve(propagator(KEY), headers);
    assertThat(work).hasAttribute(SESSION_ID, session).hasAttribute(USER_ID, "bob@example.com");
  }

  @Test
  void aLocalScopeOverridesTheInboundSessionAndKeepsTheInboundUser() {
    Map<String, String> headers = injectToward(propagator(KEY), "tools.internal");
    SpanData work =
        serve(
            propagator(KEY),
            headers,
            context -> {
              try (Scope ignored = context.makeCurrent();
                  Scope local = OpenInference.usingSession("local")) {
                return Context.current();
              }
            });
    assertThat(work).hasAttribute(SESSION_ID, "local").hasAttribute(USER_ID, "u-1");
  }

  @Test
  void destinationPatternsMatchHostsSubdomainsAndPorts() {
    OpenInferencePropagator propagator =
        OpenInferencePropagator.builder()
            .addKey(KEY)
            .addDestination("*.svc.cluster.local")
            .addDestination("127.0.0.1:9000")
            .addDestination("[::1]")
            .build();
    assertThat(injectToward(propagator, "tools.ns.svc.cluster.local")).containsKey("openinference");
    assertThat(injectToward(propagator, "TOOLS.NS.SVC.cluster.local."))
        .containsKey("openinference");
    assertThat(injectToward(propagator, "svc.cluster.local")).doesNotContainKey("openinference");
    assertThat(injectToward(propagator, "evilsvc.cluster.local"))
        .doesNotContainKey("openinference");
    assertThat(injectToward(propagator, "127.0.0.1", 9000, "s", "u")).containsKey("openinference");
    assertThat(injectToward(propagator, "127.0.0.1", 9001, "s", "u"))
        .doesNotContainKey("openinference");
    assertThat(injectToward(propagator, "::1", 1234, "s", "u")).containsKey("openinference");
  }

  @Test
  void badSettingsAreDroppedWithAWarning() {
    try (WarningCapture warnings = new WarningCapture()) {
      OpenInferencePropagatorBuilder builder =
          OpenInferencePropagator.builder().addKey("short").addKey(null).addKey(KEY);
      // At most 5 warnings a minute: let all six through.
      OpenInferencePropagatorBuilder.logger.reset();
      OpenInferencePropagator propagator =
          builder
              .addDestination("*")
              .addDestination("http://tools.internal/")
              .addDestination("tools.internal:99999")
              .addDestination("tools.internal")
              .setFields("session.id", "metadata")
              .build();
      assertThat(propagator.toString())
          .isEqualTo(
              "OpenInferencePropagator{fields=session.id, destinations=[tools.internal], keys=1}")
          .doesNotContain(KEY);
      assertThat(warnings.warnings())
          .hasSize(6)
          .anySatisfy(w -> assertThat(w).contains("too short key"))
          .anySatisfy(w -> assertThat(w).contains("null key"))
          .anySatisfy(w -> assertThat(w).contains("\"*\""))
          .anySatisfy(w -> assertThat(w).contains("\"http://tools.internal/\""))
          .anySatisfy(w -> assertThat(w).contains("\"tools.internal:99999\""))
          .anySatisfy(w -> assertThat(w).contains("\"metadata\""));
    }
  }

  @Test
  void neverThrowsOnNullsOrOversizedHeaders() {
    try (WarningCapture warnings = new WarningCapture()) {
      OpenInferencePropagator propagator = propagator(KEY);
      propagator.inject(Context.root(), null, SETTER);
      assertThat(propagator.extract(Context.root(), null, GETTER)).isSameAs(Context.root());
      Map<String, String> huge = new HashMap<>();
      huge.put("openinference", new String(new char[5000]).replace('\0', 'a'));
      assertThat(propagator.extract(Context.root(), huge, GETTER)).isSameAs(Context.root());
      Map<String, String> garbage = injectToward(propagator, "tools.internal");
      garbage.put("openinference", ";;,,=%zz;sig=,session.id=%E0%80;sig=abc");
      assertThat(ContextValues.fromContext(propagator.extract(Context.root(), garbage, GETTER)))
          .isNull();
      assertThat(propagator.fields()).containsExactly("openinference");
      assertThat(warnings.warnings())
          .anySatisfy(w -> assertThat(w).contains("5000 characters"))
          .anySatisfy(w -> assertThat(w).contains("not valid percent-encoded UTF-8"));
    }
  }
}
