/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;

import dev.openinference.context.OpenInference;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Session keys in, at start: where a span with no session gets one from. */
class SessionKeysInTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider provider;
  private Tracer tracer;

  /** How OpenInference is installed; subclasses run every test in another mode. */
  StampingMode mode() {
    return StampingMode.PROCESSOR;
  }

  private void use(OpenInferenceSpanProcessor processor) {
    provider =
        mode()
            .install(SdkTracerProvider.builder(), processor)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    tracer = provider.get("test");
  }

  SessionKeysInTest() {
    use(OpenInferenceSpanProcessor.create());
  }

  @AfterEach
  void tearDown() {
    provider.close();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  private SpanData spanIn(Map<String, ?> metadata) {
    try (Scope m = OpenInference.usingMetadata(metadata)) {
      tracer.spanBuilder("span").startSpan().end();
    }
    return last();
  }

  private SpanData last() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    return spans.get(spans.size() - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"session_id", "thread_id", "conversation_id"})
  void eachMetadataKeyGivesTheSession(String key) {
    assertThat(spanIn(Collections.singletonMap(key, "t-1"))).hasAttribute(SESSION_ID, "t-1");
  }

  @Test
  void sessionIdBeatsThreadIdWhichBeatsConversationId() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("conversation_id", "c");
    metadata.put("thread_id", "t");
    assertThat(spanIn(metadata)).hasAttribute(SESSION_ID, "t");
    metadata.put("session_id", "s");
    assertThat(spanIn(metadata)).hasAttribute(SESSION_ID, "s");
  }

  @Test
  void aNumericThreadIdIsItsDigits() {
    assertThat(spanIn(Collections.singletonMap("thread_id", 42))).hasAttribute(SESSION_ID, "42");
  }

  @Test
  void blankObjectAndBooleanValuesNameNoSessionAndTheNextKeyIsTried() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("session_id", "  ");
    metadata.put("thread_id", Collections.singletonMap("id", "x"));
    metadata.put("conversation_id", true);
    assertThat(spanIn(metadata).getAttributes().get(SESSION_ID)).isNull();
    metadata.put("conversation_id", "c-\"quoted\"\n");
    assertThat(spanIn(metadata)).hasAttribute(SESSION_ID, "c-\"quoted\"\n");
  }

  @Test
  void otherMetadataKeysNameNoSession() {
    assertThat(spanIn(Collections.singletonMap("sessionId", "x")).getAttributes().get(SESSION_ID))
        .isNull();
  }

  @Test
  void aScopeSessionWinsOverTheMetadata() {
    try (Scope s = OpenInference.usingSession("scope");
        Scope m = OpenInference.usingMetadata(Collections.singletonMap("thread_id", "meta"))) {
      tracer.spanBuilder("span").startSpan().end();
    }
    assertThat(last()).hasAttribute(SESSION_ID, "scope");
  }

  @Test
  void anInnerScopeMetadataKeyNamesTheSessionOfItsSpansOnly() {
    try (Scope outer = OpenInference.usingMetadata(Collections.singletonMap("team", "ml"))) {
      try (Scope inner = OpenInference.usingMetadata(Collections.singletonMap("thread_id", "t"))) {
        tracer.spanBuilder("inner").startSpan().end();
      }
      tracer.spanBuilder("outer").startSpan().end();
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans.get(0)).hasAttribute(SESSION_ID, "t");
    assertThat(spans.get(1).getAttributes().get(SESSION_ID)).isNull();
  }

  @Test
  void theSpansOwnSessionIdIsKept() {
    try (Scope m = OpenInference.usingMetadata(Collections.singletonMap("thread_id", "meta"))) {
      tracer.spanBuilder("span").setAttribute(SESSION_ID, "own").startSpan().end();
    }
    assertThat(last()).hasAttribute(SESSION_ID, "own");
  }

  @Test
  void theSpansConversationIdBeatsTheMetadata() {
    try (Scope m = OpenInference.usingMetadata(Collections.singletonMap("thread_id", "meta"))) {
      tracer.spanBuilder("span").setAttribute(GEN_AI_CONVERSATION_ID, "conv").startSpan().end();
    }
    assertThat(last()).hasAttribute(SESSION_ID, "conv");
  }

  @Test
  void aProcessLevelSessionWinsOverScopeMetadataAndProcessMetadataNamesOneOtherwise() {
    use(OpenInferenceSpanProcessor.builder().setSessionId("process").build());
    assertThat(spanIn(Collections.singletonMap("thread_id", "meta")))
        .hasAttribute(SESSION_ID, "process");

    use(
        OpenInferenceSpanProcessor.builder()
            .setMetadata(Collections.singletonMap("thread_id", "nightly"))
            .build());
    tracer.spanBuilder("outside").startSpan().end();
    assertThat(last()).hasAttribute(SESSION_ID, "nightly");
    // Scope metadata replaces the process metadata, so its keys decide.
    assertThat(spanIn(Collections.singletonMap("team", "ml")).getAttributes().get(SESSION_ID))
        .isNull();
  }
}
