/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session keys in and out, end to end: {@code OpenInferenceOtel} configured through the environment
 * ({@code OTEL_OPENINFERENCE_ALIASES}), the real OTLP/HTTP exporter, and the spans as the loopback
 * receiver decoded them. Each direction is checked where the value is known at start (the processor
 * stamps it) and where it only arrives later (the exporter adds it).
 */
class SessionKeysEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  private static OpenTelemetrySdk sdk(String aliases) {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otlp.getHttpTracesEndpoint());
    if (aliases != null) {
      env.put("OTEL_OPENINFERENCE_ALIASES", aliases);
    }
    return OpenInferenceOtel.builder().setEnvironment(env).setRegisterShutdownHook(false).build();
  }

  /**
   * Sends, through an SDK with {@code aliases}: "early", a span whose values all come from scopes
   * (known at start), and "late", a span that gets its values after start.
   */
  private static Map<String, SpanData> sendEarlyAndLate(String aliases) {
    try (OpenTelemetrySdk sdk = sdk(aliases)) {
      Tracer tracer = sdk.getTracer("chat");
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("channel", "web");
      metadata.put("turn", 3);
      try (Scope s = OpenInference.usingSession("early-session");
          Scope u = OpenInference.usingUser("alice");
          Scope t = OpenInference.usingTags("support", "beta");
          Scope m = OpenInference.usingMetadata(metadata)) {
        tracer.spanBuilder("early").startSpan().end();
      }
      Span late = tracer.spanBuilder("late").startSpan();
      late.setAttribute(SESSION_ID, "late-session");
      late.setAttribute(USER_ID, "bob");
      late.setAttribute(TAG_TAGS, Arrays.asList("after"));
      late.setAttribute(METADATA, "{\"channel\":\"phone\",\"score\":0.5,\"ok\":true}");
      late.end();
      flush(sdk);
    }
    Map<String, SpanData> byName = new HashMap<>();
    for (SpanData span : otlp.awaitSpans(2, WAIT)) {
      byName.put(span.getName(), span);
    }
    assertThat(byName).containsOnlyKeys("early", "late");
    return byName;
  }

  private static void flush(OpenTelemetrySdk sdk) {
    assertThat(sdk.getSdkTracerProvider().forceFlush().join(20, TimeUnit.SECONDS).isSuccess())
        .isTrue();
  }

  private static List<String> aliasKeys(SpanData span) {
    List<String> keys = new ArrayList<>();
    span.getAttributes()
        .forEach(
            (key, value) -> {
              String name = key.getKey();
              if (name.startsWith("langfuse.")
                  || name.startsWith("langsmith.")
                  || name.equals(GEN_AI_CONVERSATION_ID.getKey())) {
                keys.add(name);
              }
            });
    return keys;
  }

  // Keys in

  @Test
  void aThreadIdInTheScopesMetadataArrivesAsTheSession() {
    try (OpenTelemetrySdk sdk = sdk(null)) {
      try (Scope m = OpenInference.usingMetadata(Collections.singletonMap("thread_id", "t-1"))) {
        sdk.getTracer("chat").spanBuilder("turn").startSpan().end();
      }
      flush(sdk);
    }
    SpanData span = otlp.awaitSpans(1, WAIT).get(0);
    assertThat(span).hasAttribute(SESSION_ID, "t-1");
    assertThat(aliasKeys(span)).isEmpty();
  }

  @Test
  void aSessionKeyInAMetadataAttributeSetAfterStartArrivesAsTheSessionAtExport() {
    try (OpenTelemetrySdk sdk = sdk(null)) {
      Tracer tracer = sdk.getTracer("chat");
      Span fromMetadata = tracer.spanBuilder("metadata").startSpan();
      fromMetadata.setAttribute(METADATA, "{\"conversation_id\":\"c-9\",\"team\":\"ml\"}");
      fromMetadata.end();
      Span explicit = tracer.spanBuilder("explicit").startSpan();
      explicit.setAttribute(METADATA, "{\"session_id\":\"meta\"}");
      explicit.setAttribute(SESSION_ID, "own");
      explicit.end();
      flush(sdk);
    }
    List<SpanData> spans = otlp.awaitSpans(2, WAIT);
    assertThat(spans)
        .anySatisfy(s -> assertThat(s).hasName("metadata").hasAttribute(SESSION_ID, "c-9"))
        .anySatisfy(s -> assertThat(s).hasName("explicit").hasAttribute(SESSION_ID, "own"));
  }

  @Test
  void aGenAiConversationIdSetAfterStartArrivesAsTheSessionAndBeatsTheMetadata() {
    try (OpenTelemetrySdk sdk = sdk(null)) {
      Span span = sdk.getTracer("chat").spanBuilder("chat gpt-4o").startSpan();
      span.setAttribute(METADATA, "{\"thread_id\":\"meta\"}");
      span.setAttribute(GEN_AI_CONVERSATION_ID, "conv-1");
      span.end();
      flush(sdk);
    }
    assertThat(otlp.awaitSpans(1, WAIT).get(0)).hasAttribute(SESSION_ID, "conv-1");
  }

  // Keys out, per backend

  @Test
  void byDefaultNoBackendKeysAreSent() {
    Map<String, SpanData> spans = sendEarlyAndLate(null);
    assertThat(aliasKeys(spans.get("early"))).isEmpty();
    assertThat(aliasKeys(spans.get("late"))).isEmpty();
  }

  @Test
  void genaiSendsTheConversationIdKnownAtStartAndAtExport() {
    Map<String, SpanData> spans = sendEarlyAndLate("genai");
    assertThat(spans.get("early")).hasAttribute(GEN_AI_CONVERSATION_ID, "early-session");
    assertThat(spans.get("late")).hasAttribute(GEN_AI_CONVERSATION_ID, "late-session");
    assertThat(aliasKeys(spans.get("early"))).containsExactly(GEN_AI_CONVERSATION_ID.getKey());
  }

  @Test
  void langfuseSendsItsSessionUserTagsAndMetadataKnownAtStartAndAtExport() {
    Map<String, SpanData> spans = sendEarlyAndLate("langfuse");
    assertThat(spans.get("early"))
        .hasAttributesSatisfying(
            equalTo(stringKey("langfuse.session.id"), "early-session"),
            equalTo(stringKey("langfuse.user.id"), "alice"),
            equalTo(stringArrayKey("langfuse.trace.tags"), Arrays.asList("support", "beta")),
            equalTo(stringKey("langfuse.trace.metadata.channel"), "web"),
            equalTo(stringKey("langfuse.trace.metadata.turn"), "3"));
    assertThat(spans.get("late"))
        .hasAttributesSatisfying(
            equalTo(stringKey("langfuse.session.id"), "late-session"),
            equalTo(stringKey("langfuse.user.id"), "bob"),
            equalTo(stringArrayKey("langfuse.trace.tags"), Arrays.asList("after")),
            equalTo(stringKey("langfuse.trace.metadata.channel"), "phone"),
            equalTo(stringKey("langfuse.trace.metadata.score"), "0.5"),
            equalTo(stringKey("langfuse.trace.metadata.ok"), "true"));
    assertThat(aliasKeys(spans.get("late"))).allMatch(key -> key.startsWith("langfuse."));
  }

  @Test
  void langsmithSendsTheThreadIdMetadataAndTagsKnownAtStartAndAtExport() {
    Map<String, SpanData> spans = sendEarlyAndLate("langsmith");
    assertThat(spans.get("early"))
        .hasAttributesSatisfying(
            equalTo(stringKey("langsmith.metadata.thread_id"), "early-session"),
            equalTo(stringKey("langsmith.span.tags"), "support,beta"),
            equalTo(stringKey("langsmith.metadata.channel"), "web"),
            equalTo(stringKey("langsmith.metadata.turn"), "3"));
    assertThat(spans.get("late"))
        .hasAttributesSatisfying(
            equalTo(stringKey("langsmith.metadata.thread_id"), "late-session"),
            equalTo(stringKey("langsmith.span.tags"), "after"),
            equalTo(stringKey("langsmith.metadata.channel"), "phone"));
    assertThat(aliasKeys(spans.get("late"))).allMatch(key -> key.startsWith("langsmith."));
  }

  @Test
  void aSessionChangedAfterStartReplacesTheAliasStampedAtStart() {
    try (OpenTelemetrySdk sdk = sdk("genai,langfuse,langsmith")) {
      try (Scope s = OpenInference.usingSession("at-start")) {
        Span span = sdk.getTracer("chat").spanBuilder("turn").startSpan();
        span.setAttribute(SESSION_ID, "changed");
        span.end();
      }
      flush(sdk);
    }
    SpanData span = otlp.awaitSpans(1, WAIT).get(0);
    assertThat(span)
        .hasAttributesSatisfying(
            equalTo(SESSION_ID, "changed"),
            equalTo(stringKey("langfuse.session.id"), "changed"),
            equalTo(stringKey("langsmith.metadata.thread_id"), "changed"));
    // genai keeps a conversation id the span has, even its own stamp from start.
    assertThat(span).hasAttribute(GEN_AI_CONVERSATION_ID, "at-start");
  }

  @Test
  void aSessionFoundInTheMetadataAtExportGetsItsAliases() {
    try (OpenTelemetrySdk sdk = sdk("langfuse, genai")) {
      Span span = sdk.getTracer("chat").spanBuilder("turn").startSpan();
      span.setAttribute(METADATA, "{\"thread_id\":\"t-5\"}");
      span.end();
      flush(sdk);
    }
    assertThat(otlp.awaitSpans(1, WAIT).get(0))
        .hasAttributesSatisfying(
            equalTo(SESSION_ID, "t-5"),
            equalTo(GEN_AI_CONVERSATION_ID, "t-5"),
            equalTo(stringKey("langfuse.session.id"), "t-5"),
            equalTo(stringKey("langfuse.trace.metadata.thread_id"), "t-5"));
  }
}
