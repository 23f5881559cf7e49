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
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

  private static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

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
          .matches(
              "v=1;t=[0-9]+,session\\.id=s-1;sig=[A-Za-z0-9_-]{43},user\\.id=u-1;sig=[A-Za-z0-9_-]{43}");
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
          .matches("v=1;t=[0-9]+,session\\.id=s-1;sig=[A-Za-z0-9_-]{43}")
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
                      .contains("ignored the inbound user.id (value of 3 chars")
                      .contains("not one this service accepts")
                      .doesNotContain("u-1"));
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
          "openinference",
          "v=1;t="
              + nowSeconds()
              + ",session.id=zq-fake-zq;sig=Zm9yZ2VkLXNpZ25hdHVyZS1ieS1tYWxsb3J5LXh4eHg");
      Map<String, String> otherKey = injectToward(propagator(OTHER_KEY), "tools.internal");
      Map<String, String> unsigned = new HashMap<>();
      unsigned.put("traceparent", traceparent);
      unsigned.put(
          "openinference", "v=1;t=" + nowSeconds() + ",session.id=unsigned,user.id=mallory");
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
              w ->
                  assertThat(w)
                      .contains("inbound session.id (value of 10 chars")
                      .contains("does not verify"))
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("inbound session.id (value of 8 chars")
                      .contains("it is unsigned"))
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("inbound user.id (value of 7 chars")
                      .contains("it is unsigned"))
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("inbound session.id (value of 3 chars")
                      .contains("does not verify"))
          .allSatisfy(
              w ->
                  assertThat(w).doesNotContain("zq-fake-zq", "=unsigned", "mallory", "s-2", "u-1"));
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
          .allSatisfy(w -> assertThat(w).doesNotContain("xxxx", "bad"))
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
              "OpenInferencePropagator{fields=session.id, destinations=[tools.internal], keys=1,"
                  + " maxAge=300s}")
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
      garbage.put("openinference", "v=1;t=1,;;,,=%zz;sig=,session.id=%E0%80;sig=abc");
      assertThat(ContextValues.fromContext(propagator.extract(Context.root(), garbage, GETTER)))
          .isNull();
      assertThat(propagator.fields()).containsExactly("openinference");
      assertThat(warnings.warnings())
          .anySatisfy(w -> assertThat(w).contains("5000 characters"))
          .anySatisfy(w -> assertThat(w).contains("not valid percent-encoded UTF-8"));
    }
  }

  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

  private static OpenInferencePropagator propagatorAt(TestClock clock, String... keys) {
    return OpenInferencePropagator.builder()
        .setKeys(Arrays.asList(keys))
        .addDestination("tools.internal")
        .setClock(clock)
        .build();
  }

  @Test
  void aSignatureIsAcceptedUpToTheMaximumAgeAndIgnoredAfterIt() {
    try (WarningCapture warnings = new WarningCapture()) {
      TestClock sender = TestClock.create(T0);
      Map<String, String> headers = injectToward(propagatorAt(sender, KEY), "tools.internal");
      assertThat(headers.get("openinference")).startsWith("v=1;t=" + T0.getEpochSecond() + ",");

      TestClock receiver = TestClock.create(T0.plusSeconds(300));
      assertThat(serve(propagatorAt(receiver, KEY), headers)).hasAttribute(SESSION_ID, "s-1");
      receiver.advance(Duration.ofSeconds(1));
      SpanData late = serve(propagatorAt(receiver, KEY), headers);
      assertThat(late.getAttributes().get(SESSION_ID)).isNull();
      assertThat(late.getAttributes().get(USER_ID)).isNull();
      assertThat(warnings.warnings())
          .hasSize(2)
          .allSatisfy(
              w ->
                  assertThat(w)
                      .contains("signed 301 s ago, longer than the maximum age of 300 s")
                      .contains("otel.openinference.propagation.max.age"));
    }
  }

  @Test
  void theMaximumAgeIsConfigurable() {
    try (WarningCapture warnings = new WarningCapture()) {
      TestClock clock = TestClock.create(T0);
      Map<String, String> headers = injectToward(propagatorAt(clock, KEY), "tools.internal");
      clock.advance(Duration.ofSeconds(11));
      OpenInferencePropagator strict =
          OpenInferencePropagator.builder()
              .addKey(KEY)
              .setMaxAge(Duration.ofSeconds(10))
              .setClock(clock)
              .build();
      assertThat(serve(strict, headers).getAttributes().get(SESSION_ID)).isNull();
      OpenInferencePropagator lenient =
          OpenInferencePropagator.builder()
              .addKey(KEY)
              .setMaxAge(Duration.ofMinutes(30))
              .setClock(clock)
              .build();
      assertThat(serve(lenient, headers)).hasAttribute(SESSION_ID, "s-1");
      assertThat(warnings.warnings())
          .hasSize(2)
          .allSatisfy(w -> assertThat(w).contains("signed 11 s ago").contains("of 10 s"));
    }
  }

  @Test
  void aSignatureDatedInTheFutureBeyondTheClockSkewIsIgnored() {
    try (WarningCapture warnings = new WarningCapture()) {
      TestClock sender = TestClock.create(T0);
      Map<String, String> headers = injectToward(propagatorAt(sender, KEY), "tools.internal");

      // This host's clock runs a minute behind the sender's: tolerated.
      TestClock receiver = TestClock.create(T0.minusSeconds(60));
      assertThat(serve(propagatorAt(receiver, KEY), headers)).hasAttribute(SESSION_ID, "s-1");
      receiver = TestClock.create(T0.minusSeconds(61));
      assertThat(serve(propagatorAt(receiver, KEY), headers).getAttributes().get(SESSION_ID))
          .isNull();
      assertThat(warnings.warnings())
          .hasSize(2)
          .allSatisfy(
              w ->
                  assertThat(w)
                      .contains("dated 61 s in the future")
                      .contains("60 s allowed for clock skew"));
    }
  }

  @Test
  void theIssueTimeCannotBeChangedWithoutBreakingTheSignature() {
    try (WarningCapture warnings = new WarningCapture()) {
      TestClock sender = TestClock.create(T0);
      Map<String, String> headers = injectToward(propagatorAt(sender, KEY), "tools.internal");
      TestClock receiver = TestClock.create(T0.plusSeconds(3600));
      Map<String, String> redated = new HashMap<>(headers);
      redated.put(
          "openinference",
          headers
              .get("openinference")
              .replace("t=" + T0.getEpochSecond(), "t=" + (T0.getEpochSecond() + 3600)));

      assertThat(serve(propagatorAt(receiver, KEY), redated).getAttributes().get(SESSION_ID))
          .isNull();
      assertThat(warnings.warnings())
          .hasSize(2)
          .allSatisfy(w -> assertThat(w).contains("signature does not verify"));
    }
  }

  @Test
  void aKeyRotatedOutStopsVerifyingEvenWithinTheMaximumAge() {
    try (WarningCapture warnings = new WarningCapture()) {
      TestClock clock = TestClock.create(T0);
      // The sender has not been moved to the new key yet.
      Map<String, String> signedWithOld = injectToward(propagatorAt(clock, KEY), "tools.internal");
      assertThat(serve(propagatorAt(clock, OTHER_KEY, KEY), signedWithOld))
          .hasAttribute(SESSION_ID, "s-1");
      assertThat(warnings.warnings()).isEmpty();

      // The rotation is over: the old key is gone from the receiver.
      SpanData after = serve(propagatorAt(clock, OTHER_KEY), signedWithOld);
      assertThat(after.getAttributes().get(SESSION_ID)).isNull();
      assertThat(after.getAttributes().get(USER_ID)).isNull();
      assertThat(warnings.warnings())
          .hasSize(2)
          .allSatisfy(
              w ->
                  assertThat(w)
                      .contains("does not verify")
                      .contains("signed with a key this service does not have"));
    }
  }

  @Test
  void unversionedAndUnknownVersionHeadersAreRejectedWithTheReason() {
    try (WarningCapture warnings = new WarningCapture()) {
      Map<String, String> honest = injectToward(propagator(KEY), "tools.internal");
      String current = honest.get("openinference");
      Map<String, String> unversioned = new HashMap<>(honest);
      // What a release before version 1 sent: no v= element, signatures without a time.
      unversioned.put("openinference", current.substring(current.indexOf(',') + 1));
      Map<String, String> future = new HashMap<>(honest);
      future.put("openinference", current.replace("v=1;", "v=2;"));
      Map<String, String> undated = new HashMap<>(honest);
      undated.put("openinference", current.replaceFirst("t=[0-9]+", "t=soon"));

      for (Map<String, String> headers : Arrays.asList(unversioned, future, undated)) {
        SpanData work = serve(propagator(KEY), headers);
        assertThat(work.getAttributes().get(SESSION_ID)).as("%s", headers).isNull();
        assertThat(work.getAttributes().get(USER_ID)).as("%s", headers).isNull();
      }
      assertThat(warnings.warnings())
          .hasSize(3)
          .anySatisfy(w -> assertThat(w).contains("it has no version (v=1)").contains("upgrade"))
          .anySatisfy(w -> assertThat(w).contains("its version is not 1"))
          .anySatisfy(w -> assertThat(w).contains("no valid issue time"));
    }
  }

  /**
   * Every way an inbound value can be rejected, each carrying text that must not reach the log: no
   * record of the propagation package, at any level, holds it.
   */
  @Test
  void noInboundValueTextAppearsInAnyLogRecord() {
    String marker = "PERSONAL-DATA-7f3a";
    TestClock clock = TestClock.create(T0);
    Map<String, String> honest = injectToward(propagatorAt(clock, KEY), "tools.internal");
    String traceparent = honest.get("traceparent");
    String now = "v=1;t=" + T0.getEpochSecond();
    List<String> hostile =
        Arrays.asList(
            now + ",session.id=" + marker + ";sig=Zm9yZ2VkLXNpZ25hdHVyZS1ieS1tYWxsb3J5LXh4eHg",
            now + ",user.id=" + marker,
            now + "," + marker + "=" + marker + ";sig=abc",
            now + ",session.id=" + marker + "%00;sig=abc",
            now + ",session.id=a;sig=x,session.id=" + marker + ";sig=y",
            marker + ",session.id=" + marker,
            "v=" + marker + ";t=1,session.id=" + marker,
            "v=1;t=" + marker + ",session.id=" + marker,
            new String(new char[5000]).replace("\0", marker));
    List<String> records = new ArrayList<>();
    Logger logger = Logger.getLogger("dev.openinference.processor.propagation");
    Level level = logger.getLevel();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record.getLevel() + " " + record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    try (WarningCapture warnings = new WarningCapture()) {
      logger.setLevel(Level.ALL);
      logger.addHandler(handler);
      OpenInferencePropagator receiving =
          OpenInferencePropagator.builder()
              .addKey(KEY)
              .setFields("session.id")
              .setClock(clock)
              .build();
      OpenInferencePropagator keyless = OpenInferencePropagator.builder().build();
      for (String header : hostile) {
        Map<String, String> headers = new HashMap<>();
        headers.put("traceparent", traceparent);
        headers.put("openinference", header);
        for (OpenInferencePropagator propagator : Arrays.asList(receiving, keyless)) {
          OpenInferencePropagator.logger.reset();
          assertThat(ContextValues.fromContext(propagator.extract(Context.root(), headers, GETTER)))
              .isNull();
        }
        // Without a trace to check against.
        headers.remove("traceparent");
        OpenInferencePropagator.logger.reset();
        receiving.extract(Context.root(), headers, GETTER);
      }
      // A signed value this service does not accept, and an expired one.
      OpenInferencePropagator.logger.reset();
      Map<String, String> signed =
          injectToward(propagatorAt(clock, KEY), "tools.internal", 80, marker, marker);
      receiving.extract(Context.root(), signed, GETTER);
      clock.advance(Duration.ofHours(1));
      receiving.extract(Context.root(), signed, GETTER);

      assertThat(records).hasSizeGreaterThan(20);
      assertThat(records).noneSatisfy(r -> assertThat(r).contains(marker));
      assertThat(records).noneSatisfy(r -> assertThat(r).containsIgnoringCase("personal"));
      assertThat(warnings.warnings()).isNotEmpty();
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(level);
    }
  }

  @Test
  void equalValuesGetEqualFingerprintsSoRejectionsCanBeCorrelated() {
    try (WarningCapture warnings = new WarningCapture()) {
      Map<String, String> headers = injectToward(propagator(KEY), "tools.internal");
      headers.put(
          "openinference",
          headers.get("openinference").replaceAll("sig=[A-Za-z0-9_-]+", "sig=AAAA"));
      serve(propagator(KEY), headers);
      OpenInferencePropagator.logger.reset();
      serve(propagator(KEY), headers);
      List<String> seen = warnings.warnings();
      assertThat(seen).hasSize(4);
      String fingerprint = seen.get(0).replaceAll(".*fingerprint ([0-9a-f]{8}).*", "$1");
      assertThat(fingerprint).hasSize(8);
      assertThat(seen.get(2)).contains("fingerprint " + fingerprint);
      assertThat(seen.get(1)).doesNotContain("fingerprint " + fingerprint);
    }
  }
}
