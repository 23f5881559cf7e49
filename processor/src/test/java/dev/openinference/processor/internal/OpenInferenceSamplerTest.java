/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import dev.openinference.context.ContextAttributes;
import dev.openinference.context.OpenInference;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenInferenceSamplerTest {

  private static final Context SESSION =
      Context.root().with(ContextAttributes.builder().setSessionId("s").setUserId("u").build());

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final List<SdkTracerProvider> providers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    providers.forEach(SdkTracerProvider::close);
    assertThat(Context.current()).isSameAs(Context.root());
  }

  private static OpenInferenceSampler wrap(Sampler delegate) {
    return OpenInferenceSampler.create(delegate, null, OpenInferenceSpanKind.CHAIN, null);
  }

  private static SamplingResult sample(Sampler sampler, Context parent, String traceId) {
    return sampler.shouldSample(
        parent,
        traceId,
        "span",
        SpanKind.INTERNAL,
        Attributes.empty(),
        Collections.<LinkData>emptyList());
  }

  private static Context withParent(Context context, String traceId, boolean sampled) {
    SpanContext parent =
        SpanContext.createFromRemoteParent(
            traceId,
            "0102030405060708",
            sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
            TraceState.getDefault());
    return context.with(Span.wrap(parent));
  }

  @Test
  void parentBasedRatioSamplingDecidesExactlyAsTheConfiguredSamplerDoes() {
    Sampler configured = Sampler.parentBased(Sampler.traceIdRatioBased(0.25));
    OpenInferenceSampler sampler = wrap(configured);
    IdGenerator ids = IdGenerator.random();
    int sampled = 0;
    for (int i = 0; i < 4000; i++) {
      String traceId = ids.generateTraceId();
      Context parent =
          i % 3 == 0
              ? SESSION
              : withParent(i % 2 == 0 ? SESSION : Context.root(), traceId, i % 5 == 0);
      SamplingDecision expected = sample(configured, parent, traceId).getDecision();
      assertThat(sample(sampler, parent, traceId).getDecision()).isEqualTo(expected);
      if (expected == SamplingDecision.RECORD_AND_SAMPLE) {
        sampled++;
      }
    }
    // Both outcomes were exercised.
    assertThat(sampled).isBetween(200, 3800);
  }

  @Test
  void aDroppedSpanGetsTheConfiguredResultAsItIs() {
    OpenInferenceSampler sampler = wrap(Sampler.alwaysOff());
    assertThat(sample(sampler, SESSION, IdGenerator.random().generateTraceId()))
        .isSameAs(SamplingResult.drop());
  }

  @Test
  void aSpanOutsideAnyScopeGetsTheConfiguredResultAsItIs() {
    OpenInferenceSampler sampler = wrap(Sampler.alwaysOn());
    assertThat(sample(sampler, Context.root(), IdGenerator.random().generateTraceId()))
        .isSameAs(SamplingResult.recordAndSample());
  }

  @Test
  void theSpansOfOneScopeShareOneResultAndAnotherScopeGetsItsOwn() {
    OpenInferenceSampler sampler = wrap(Sampler.alwaysOn());
    SamplingResult first = sample(sampler, SESSION, "00000000000000000000000000000001");
    assertThat(first.getAttributes().asMap())
        .containsEntry(SESSION_ID, "s")
        .containsEntry(USER_ID, "u")
        .containsEntry(OPENINFERENCE_SPAN_KIND, "CHAIN")
        .hasSize(3);
    assertThat(sample(sampler, SESSION, "00000000000000000000000000000002")).isSameAs(first);
    Context other = Context.root().with(ContextAttributes.builder().setSessionId("t").build());
    assertThat(sample(sampler, other, "00000000000000000000000000000003").getAttributes())
        .isEqualTo(Attributes.of(SESSION_ID, "t", OPENINFERENCE_SPAN_KIND, "CHAIN"));
  }

  @Test
  void theConfiguredSamplersTraceStateAndAttributesAreKeptAndContextValuesWin() {
    TraceState updated = TraceState.builder().put("vendor", "x").build();
    Sampler custom =
        new Sampler() {
          @Override
          public SamplingResult shouldSample(
              Context parentContext,
              String traceId,
              String name,
              SpanKind spanKind,
              Attributes attributes,
              List<LinkData> parentLinks) {
            return new SamplingResult() {
              @Override
              public SamplingDecision getDecision() {
                return SamplingDecision.RECORD_ONLY;
              }

              @Override
              public Attributes getAttributes() {
                return Attributes.of(stringKey("sampler.rule"), "r1", SESSION_ID, "from-sampler");
              }

              @Override
              public TraceState getUpdatedTraceState(TraceState parentTraceState) {
                return updated;
              }
            };
          }

          @Override
          public String getDescription() {
            return "Custom";
          }
        };
    SamplingResult result = sample(wrap(custom), SESSION, "00000000000000000000000000000001");
    assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_ONLY);
    assertThat(result.getUpdatedTraceState(TraceState.getDefault())).isSameAs(updated);
    assertThat(result.getAttributes().asMap())
        .containsEntry(stringKey("sampler.rule"), "r1")
        .containsEntry(SESSION_ID, "s")
        .containsEntry(USER_ID, "u");
  }

  @Test
  void describesItselfAndTheSamplerItWraps() {
    OpenInferenceSampler sampler =
        OpenInferenceSampler.create(
            Sampler.parentBased(Sampler.traceIdRatioBased(0.5)),
            null,
            OpenInferenceSpanKind.CHAIN,
            Aliases.of(Collections.singletonList("genai"), "test"));
    assertThat(sampler.getDescription())
        .isEqualTo(
            "OpenInferenceSampler{ParentBased{root:TraceIdRatioBased{0.500000},"
                + "remoteParentSampled:AlwaysOnSampler,remoteParentNotSampled:AlwaysOffSampler,"
                + "localParentSampled:AlwaysOnSampler,localParentNotSampled:AlwaysOffSampler}}");
    assertThat(sampler.toString())
        .startsWith("OpenInferenceSampler{delegate=ParentBased{root:TraceIdRatioBased{0.500000}")
        .endsWith(", processValues={}, defaultSpanKind=CHAIN, aliases=[genai]}");
  }

  /** Records what the span has when the first processor's onStart sees it. */
  private static final class AtStart implements SpanProcessor {
    final Map<String, Attributes> seen = new ConcurrentHashMap<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      seen.put(span.getName(), span.getAttributes());
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
  }

  @Test
  void theValuesAreOnTheSpanBeforeAnyProcessorRuns() {
    AtStart atStart = new AtStart();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(wrap(Sampler.parentBased(Sampler.alwaysOn())))
            .addSpanProcessor(atStart)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    providers.add(provider);
    try (Scope s = OpenInference.usingSession("s-1")) {
      provider
          .get("test")
          .spanBuilder("chat")
          .setAttribute("gen_ai.operation.name", "chat")
          .startSpan()
          .end();
    }
    assertThat(atStart.seen.get("chat").asMap())
        .containsEntry(SESSION_ID, "s-1")
        .containsEntry(OPENINFERENCE_SPAN_KIND, "LLM");
  }

  /** A span that counts the calls made on it, for the fallback processor. */
  private static ReadWriteSpan countingSpan(List<String> calls) {
    return (ReadWriteSpan)
        Proxy.newProxyInstance(
            ReadWriteSpan.class.getClassLoader(),
            new Class<?>[] {ReadWriteSpan.class},
            (proxy, method, args) -> {
              calls.add(method.getName());
              return method.getReturnType() == boolean.class ? false : null;
            });
  }

  @Test
  void theFallbackProcessorStampsNothingOnceItsSamplerRunsAndEverythingBefore() {
    OpenInferenceSpanProcessor processor = OpenInferenceSpanProcessor.create();
    OpenInferenceSampler sampler = wrap(Sampler.alwaysOn());
    SamplerFallbackProcessor fallback = SamplerFallbackProcessor.create(processor, sampler);
    assertThat(fallback.toString()).startsWith("SamplerFallbackProcessor{stampedBy=processor");

    List<String> before = new ArrayList<>();
    fallback.onStart(SESSION, countingSpan(before));
    assertThat(before).contains("setAttribute");

    sample(sampler, SESSION, "00000000000000000000000000000001");
    List<String> after = new ArrayList<>();
    fallback.onStart(SESSION, countingSpan(after));
    assertThat(after).isEmpty();
    assertThat(fallback.toString()).startsWith("SamplerFallbackProcessor{stampedBy=sampler");
  }

  @Test
  void whenSomethingReplacesTheSamplerTheFallbackProcessorStamps() {
    OpenInferenceSpanProcessor processor = OpenInferenceSpanProcessor.create();
    OpenInferenceSampler replaced = wrap(Sampler.alwaysOn());
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(replaced)
            .setSampler(Sampler.alwaysOn()) // a later customizer's setSampler
            .addSpanProcessor(SamplerFallbackProcessor.create(processor, replaced))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    providers.add(provider);
    try (Scope s = OpenInference.usingSession("s-2")) {
      provider.get("test").spanBuilder("span").startSpan().end();
    }
    assertThat(exporter.getFinishedSpanItems().get(0))
        .hasAttributesSatisfying(
            equalTo(SESSION_ID, "s-2"), equalTo(OPENINFERENCE_SPAN_KIND, "CHAIN"));
    assertThat(replaced.isInUse()).isFalse();
  }
}
