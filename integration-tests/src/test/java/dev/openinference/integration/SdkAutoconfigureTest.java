/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drop-in promise for SDK autoconfigure: with the processor jar on the class path, {@code
 * AutoConfiguredOpenTelemetrySdk} and the real OTLP exporter deliver OpenInference values to a
 * collector, configured only through {@code otel.openinference.*}.
 */
class SdkAutoconfigureTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  private static AutoConfiguredOpenTelemetrySdk sdk(Map<String, String> settings) {
    return Autoconfigure.sdk(otlp.getHttpTracesEndpoint(), settings);
  }

  private static SpanData byName(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No span " + name + " in " + spans));
  }

  @Test
  void scopedValuesArriveOnEverySpanOverOtlp() {
    AutoConfiguredOpenTelemetrySdk sdk = sdk(Collections.emptyMap());
    try {
      Tracer tracer = sdk.getOpenTelemetrySdk().getTracer("test");
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("team", "ml");
      metadata.put("attempt", 3);
      try (Scope session = OpenInference.usingSession("session-1");
          Scope user = OpenInference.usingUser("user-1");
          Scope tags = OpenInference.usingTags("beta", "eval");
          Scope meta = OpenInference.usingMetadata(metadata)) {
        Span parent = tracer.spanBuilder("agent-run").startSpan();
        try (Scope current = parent.makeCurrent()) {
          tracer.spanBuilder("llm-call").startSpan().end();
        } finally {
          parent.end();
        }
      }
      tracer.spanBuilder("outside").startSpan().end();
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    List<SpanData> spans = otlp.awaitSpans(3, TIMEOUT);
    for (String name : new String[] {"agent-run", "llm-call"}) {
      assertThat(byName(spans, name))
          .hasAttribute(SESSION_ID, "session-1")
          .hasAttribute(USER_ID, "user-1")
          .hasAttribute(TAG_TAGS, List.of("beta", "eval"))
          .hasAttribute(METADATA, "{\"team\":\"ml\",\"attempt\":3}")
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    }
    assertThat(byName(spans, "llm-call").getParentSpanId())
        .isEqualTo(byName(spans, "agent-run").getSpanId());
    assertThat(byName(spans, "outside").getAttributes().get(SESSION_ID)).isNull();
    assertThat(byName(spans, "outside").getAttributes().get(USER_ID)).isNull();
  }

  @Test
  void processorIsFirstSoUserProcessorsSeeTheValuesAtStart() {
    List<String> seenAtStart = Collections.synchronizedList(new ArrayList<>());
    SpanProcessor userProcessor = new SessionRecorder(seenAtStart);
    AutoConfiguredOpenTelemetrySdk sdk =
        Autoconfigure.sdk(
            otlp.getHttpTracesEndpoint(),
            Collections.emptyMap(),
            builder ->
                builder.addTracerProviderCustomizer(
                    (tracerProvider, config) -> tracerProvider.addSpanProcessor(userProcessor)));
    String processors;
    try {
      processors = Autoconfigure.processorsInOrder(sdk);
      try (Scope session = OpenInference.usingSession("seen-by-user-processor")) {
        sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
      }
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    assertThat(seenAtStart).containsExactly("seen-by-user-processor");
    assertThat(processors).contains("OpenInferenceSpanProcessor", "BatchSpanProcessor");
    assertThat(processors.indexOf("OpenInferenceSpanProcessor"))
        .isLessThan(processors.indexOf("BatchSpanProcessor"))
        .isLessThan(processors.indexOf("SessionRecorder"));
    assertThat(otlp.awaitSpans(1, TIMEOUT).get(0))
        .hasAttribute(SESSION_ID, "seen-by-user-processor");
  }

  @Test
  void projectNameBecomesAResourceAttribute() {
    AutoConfiguredOpenTelemetrySdk sdk =
        sdk(Map.of("otel.openinference.project.name", "support-bot"));
    try {
      sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    SpanData span = otlp.awaitSpans(1, TIMEOUT).get(0);
    assertThat(span.getResource().getAttribute(PROJECT_NAME)).isEqualTo("support-bot");
    assertThat(otlp.getRequests().get(0).getResources())
        .anySatisfy(
            resource -> assertThat(resource.getAttribute(PROJECT_NAME)).isEqualTo("support-bot"));
  }

  @Test
  void processLevelValuesStampSpansWithoutAScopeAndAScopeOverridesThemFieldByField() {
    AutoConfiguredOpenTelemetrySdk sdk =
        sdk(
            Map.of(
                "otel.openinference.session.id", "nightly-run",
                "otel.openinference.user.id", "batch-user",
                "otel.openinference.tags", "nightly,eval",
                "otel.openinference.metadata", "team=ml,commit=abc%2Cdef"));
    try {
      Tracer tracer = sdk.getOpenTelemetrySdk().getTracer("test");
      tracer.spanBuilder("unscoped").startSpan().end();
      try (Scope session = OpenInference.usingSession("interactive")) {
        tracer.spanBuilder("scoped").startSpan().end();
      }
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    List<SpanData> spans = otlp.awaitSpans(2, TIMEOUT);
    assertThat(byName(spans, "unscoped"))
        .hasAttribute(SESSION_ID, "nightly-run")
        .hasAttribute(USER_ID, "batch-user")
        .hasAttribute(TAG_TAGS, List.of("nightly", "eval"))
        .hasAttribute(METADATA, "{\"team\":\"ml\",\"commit\":\"abc,def\"}");
    assertThat(byName(spans, "scoped"))
        .hasAttribute(SESSION_ID, "interactive")
        .hasAttribute(USER_ID, "batch-user")
        .hasAttribute(TAG_TAGS, List.of("nightly", "eval"));
  }

  @Test
  void disabledInstallsNothing() {
    AutoConfiguredOpenTelemetrySdk sdk =
        sdk(
            Map.of(
                "otel.openinference.enabled", "false",
                "otel.openinference.session.id", "process-session",
                "otel.openinference.project.name", "ignored-project"));
    String processors;
    try {
      processors = Autoconfigure.processorsInOrder(sdk);
      try (Scope session = OpenInference.usingSession("scoped-session")) {
        sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
      }
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    assertThat(processors).doesNotContain("OpenInference");
    SpanData span = otlp.awaitSpans(1, TIMEOUT).get(0);
    assertThat(span.getAttributes().get(SESSION_ID)).isNull();
    assertThat(span.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isNull();
    assertThat(span.getResource().getAttribute(PROJECT_NAME)).isNull();
  }

  @Test
  void badValuesAreNamedInAWarningAndTheSdkStillStarts() {
    AutoConfiguredOpenTelemetrySdk sdk;
    List<String> warnings;
    try (WarningCapture capture = new WarningCapture("dev.openinference")) {
      sdk = sdk(Map.of("otel.openinference.span.kind.default", "WIZARD"));
      warnings = capture.records();
    }
    try {
      try (Scope session = OpenInference.usingSession("still-works")) {
        sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
      }
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    assertThat(warnings).anyMatch(w -> w.startsWith("WARNING") && w.contains("\"WIZARD\""));
    assertThat(otlp.awaitSpans(1, TIMEOUT).get(0))
        .hasAttribute(SESSION_ID, "still-works")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
  }

  @Test
  void worksWithoutTheDeclarativeConfigArtifacts() {
    // This run has the stable artifacts only, as most applications do.
    assertThatThrownBy(
            () ->
                Class.forName("io.opentelemetry.api.incubator.config.DeclarativeConfigProperties"))
        .isInstanceOf(ClassNotFoundException.class);
    // Loading every ComponentProvider, as SDK code may, still works with ours among them.
    List<String> names = new ArrayList<>();
    for (ComponentProvider provider : ServiceLoader.load(ComponentProvider.class)) {
      names.add(provider.getName());
    }
    assertThat(names).contains("openinference");

    AutoConfiguredOpenTelemetrySdk sdk = sdk(Collections.emptyMap());
    try {
      try (Scope session = OpenInference.usingSession("no-incubator")) {
        sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
      }
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }
    assertThat(otlp.awaitSpans(1, TIMEOUT).get(0)).hasAttribute(SESSION_ID, "no-incubator");
  }

  /** A user's processor that records the session id a span has when it starts. */
  private static final class SessionRecorder implements SpanProcessor {
    private final List<String> seen;

    SessionRecorder(List<String> seen) {
      this.seen = seen;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      seen.add(String.valueOf(span.getAttribute(SESSION_ID)));
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "SessionRecorder";
    }
  }
}
