/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SDK autoconfigure with a sampler the user configured: OpenInference wraps it, the wrapper stamps
 * the context values when spans start, the decisions stay the configured sampler's, and the
 * processor stamps only when something replaced the sampler afterwards.
 */
class AutoconfigureSamplerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  /** Records the session each span has when a processor after ours sees it start. */
  private static final class AtStart implements SpanProcessor {
    final List<String> sessions = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      sessions.add(String.valueOf(span.getAttribute(SESSION_ID)));
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
    public String toString() {
      return "AtStart";
    }
  }

  /** Starts a span in a session scope and ends it after the scope closed. */
  private static void spanOutlivingItsScope(AutoConfiguredOpenTelemetrySdk sdk) {
    Span span;
    try (Scope session = OpenInference.usingSession("s-1");
        Scope user = OpenInference.usingUser("u-1")) {
      span =
          sdk.getOpenTelemetrySdk()
              .getTracer("test")
              .spanBuilder("tool")
              .setAttribute("gen_ai.operation.name", "execute_tool")
              .startSpan();
    }
    span.end();
  }

  private static void assertStampedAtStart(SpanData span) {
    assertThat(span)
        .hasAttribute(SESSION_ID, "s-1")
        .hasAttribute(USER_ID, "u-1")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL");
  }

  @Test
  void theConfiguredSamplerIsWrappedAndItsWrapperAloneStampsAtStart() {
    AtStart atStart = new AtStart();
    AutoConfiguredOpenTelemetrySdk sdk =
        Autoconfigure.sdk(
            otlp.getHttpTracesEndpoint(),
            Map.of(
                "otel.traces.sampler", "parentbased_traceidratio",
                "otel.traces.sampler.arg", "1.0"),
            builder ->
                builder.addTracerProviderCustomizer(
                    (tracerProvider, config) -> tracerProvider.addSpanProcessor(atStart)));
    String processors;
    String sampler;
    try {
      spanOutlivingItsScope(sdk);
      Autoconfigure.flush(sdk);
      processors = Autoconfigure.processorsInOrder(sdk);
      sampler = sdk.getOpenTelemetrySdk().getSdkTracerProvider().getSampler().getDescription();
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    assertThat(sampler)
        .startsWith("OpenInferenceSampler{ParentBased{root:TraceIdRatioBased{1.000000}");
    assertThat(atStart.sessions).containsExactly("s-1");
    // One OpenInference processor, standing by: the sampler stamped.
    assertThat(processors.split("OpenInferenceSpanProcessor\\{", -1)).hasSize(2);
    assertThat(processors).contains("SamplerFallbackProcessor{stampedBy=sampler");
    assertStampedAtStart(otlp.awaitSpans(1, TIMEOUT).get(0));
  }

  @Test
  void ratioSamplingSamplesExactlyTheTracesTheConfiguredSamplerSamples() {
    Sampler configured = Sampler.parentBased(Sampler.traceIdRatioBased(0.5));
    AutoConfiguredOpenTelemetrySdk sdk =
        Autoconfigure.sdk(
            otlp.getHttpTracesEndpoint(),
            Map.of(
                "otel.traces.sampler", "parentbased_traceidratio",
                "otel.traces.sampler.arg", "0.5"));
    List<String> expected = new ArrayList<>();
    try {
      Tracer tracer = sdk.getOpenTelemetrySdk().getTracer("test");
      try (Scope session = OpenInference.usingSession("sampled")) {
        for (int i = 0; i < 200; i++) {
          Span root = tracer.spanBuilder("root").startSpan();
          String traceId = root.getSpanContext().getTraceId();
          boolean sample =
              configured
                      .shouldSample(
                          Context.root(),
                          traceId,
                          "root",
                          SpanKind.INTERNAL,
                          Attributes.empty(),
                          List.of())
                      .getDecision()
                  == SamplingDecision.RECORD_AND_SAMPLE;
          assertThat(root.getSpanContext().isSampled()).isEqualTo(sample);
          if (sample) {
            expected.add(traceId);
          }
          root.end();
        }
      }
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    assertThat(expected).hasSizeBetween(40, 160);
    List<SpanData> spans = otlp.awaitSpans(expected.size(), TIMEOUT);
    Set<String> exported = spans.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
    assertThat(exported).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(spans).allSatisfy(span -> assertThat(span).hasAttribute(SESSION_ID, "sampled"));
  }

  @Test
  void whenACustomizerReplacesTheSamplerTheProcessorStampsInstead() {
    AutoConfiguredOpenTelemetrySdk sdk =
        Autoconfigure.sdk(
            otlp.getHttpTracesEndpoint(),
            Map.of(),
            builder ->
                builder.addTracerProviderCustomizer(
                    (tracerProvider, config) -> tracerProvider.setSampler(Sampler.alwaysOn())));
    String processors;
    try {
      spanOutlivingItsScope(sdk);
      Autoconfigure.flush(sdk);
      processors = Autoconfigure.processorsInOrder(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }

    assertThat(processors).contains("SamplerFallbackProcessor{stampedBy=processor");
    assertStampedAtStart(otlp.awaitSpans(1, TIMEOUT).get(0));
  }
}
