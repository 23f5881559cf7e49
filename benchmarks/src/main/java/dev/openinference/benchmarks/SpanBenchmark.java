/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;

import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.processor.internal.OpenInferenceSampler;
import dev.openinference.processor.internal.SamplerFallbackProcessor;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.contrib.baggage.processor.BaggageSpanProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one span (start and end) on the application thread, per pipeline, side by side.
 *
 * <p>Every benchmark starts its span with {@code setParent(context)} on a context built once in
 * setup ({@link Workload#parentContext()}: a remote parent span, plus the values where the variant
 * reads them from the context), so no variant pays for opening a scope and all find their parent
 * the same way. Every pipeline uses the same sampler ({@code alwaysOn}), span limits and resource,
 * reuses one {@link Tracer}, and ends in a {@link KeeperSpanProcessor}. Each benchmark runs in its
 * own fork (JMH's default) and builds only its own pipeline, so the JIT profiles of one do not leak
 * into another.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpanBenchmark {

  /** A tracer, its pipeline and the parent context of every span. */
  abstract static class Pipeline {
    Tracer tracer;
    Context parent;
    KeeperSpanProcessor keeper;
    private SdkTracerProvider provider;

    void build(@Nullable SpanProcessor first, Context parent) {
      build(Sampler.alwaysOn(), first, parent);
    }

    void build(Sampler sampler, @Nullable SpanProcessor first, Context parent) {
      keeper = KeeperSpanProcessor.create();
      provider = Workload.tracerProvider(sampler, first, keeper);
      tracer = provider.get("dev.openinference.benchmarks");
      this.parent = parent;
    }

    @TearDown
    public void shutDown() {
      provider.close();
    }
  }

  /** The bare SDK: only the keeper; the parent context has no values. */
  @State(Scope.Benchmark)
  public static class Bare extends Pipeline {
    @Setup
    public void setUp() {
      build(null, Workload.parentContext());
    }
  }

  /** The bare SDK; the four values are set on each span builder by the caller. */
  @State(Scope.Benchmark)
  public static class ByHand extends Pipeline {
    String sessionId;
    String userId;
    String metadataJson;
    List<String> tags;

    @Setup
    public void setUp() {
      build(null, Workload.parentContext());
      sessionId = Workload.SESSION_ID;
      userId = Workload.USER_ID;
      metadataJson = Workload.metadataJson();
      tags = Workload.TAGS;
    }
  }

  /** {@link OpenInferenceSpanProcessor} with defaults; the parent context has no values. */
  @State(Scope.Benchmark)
  public static class OpenInferenceNoContext extends Pipeline {
    @Setup
    public void setUp() {
      build(OpenInferenceSpanProcessor.create(), Workload.parentContext());
    }
  }

  /** A processor that does nothing on start (but asks to be called); no values. */
  @State(Scope.Benchmark)
  public static class EmptyProcessor extends Pipeline {
    @Setup
    public void setUp() {
      build(EmptyStartProcessor.create(), Workload.parentContext());
    }
  }

  /** {@link OpenInferenceSpanProcessor} without a default kind; the context has the four values. */
  @State(Scope.Benchmark)
  public static class OpenInferenceFourValuesNoKind extends Pipeline {
    @Setup
    public void setUp() {
      build(
          OpenInferenceSpanProcessor.builder().setDefaultSpanKind(null).build(),
          Workload.openInferenceContext());
    }
  }

  /** {@link OpenInferenceSpanProcessor} with defaults; the parent context has the four values. */
  @State(Scope.Benchmark)
  public static class OpenInferenceFourValues extends Pipeline {
    @Setup
    public void setUp() {
      build(OpenInferenceSpanProcessor.create(), Workload.openInferenceContext());
    }
  }

  /** {@link SameCallsProcessor}: the span calls of ours with four values, and nothing else. */
  @State(Scope.Benchmark)
  public static class SameCalls extends Pipeline {
    @Setup
    public void setUp() {
      build(
          SameCallsProcessor.create(
              Workload.SESSION_ID, Workload.USER_ID, Workload.metadataJson(), Workload.TAGS),
          Workload.parentContext());
    }
  }

  /**
   * What autoconfigure installs: {@code alwaysOn} wrapped with {@link OpenInferenceSampler}, which
   * stamps, and {@link SamplerFallbackProcessor} first, which then only checks that the sampler
   * ran.
   */
  abstract static class SamplerPipeline extends Pipeline {
    void build(Context parent) {
      OpenInferenceSampler sampler =
          OpenInferenceSampler.create(Sampler.alwaysOn(), null, OpenInferenceSpanKind.CHAIN, null);
      build(
          sampler,
          SamplerFallbackProcessor.create(OpenInferenceSpanProcessor.create(), sampler),
          parent);
    }
  }

  /** {@link SamplerPipeline}; the parent context has no values. */
  @State(Scope.Benchmark)
  public static class SamplerNoContext extends SamplerPipeline {
    @Setup
    public void setUp() {
      build(Workload.parentContext());
    }
  }

  /** {@link SamplerPipeline}; the parent context has the four values. */
  @State(Scope.Benchmark)
  public static class SamplerFourValues extends SamplerPipeline {
    @Setup
    public void setUp() {
      build(Workload.openInferenceContext());
    }
  }

  /**
   * The contrib {@link BaggageSpanProcessor}; the parent context has the four values in baggage.
   */
  @State(Scope.Benchmark)
  public static class ContribBaggage extends Pipeline {
    @Setup
    public void setUp() {
      build(BaggageSpanProcessor.allowAllBaggageKeys(), Workload.baggageContext());
    }
  }

  /** Baseline: start and end a span on the bare SDK. */
  @Benchmark
  public Span bareSdk(Bare p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  /** The same with {@link OpenInferenceSpanProcessor} installed and no OpenInference scope. */
  @Benchmark
  public Span openInferenceNoContext(OpenInferenceNoContext p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  /** The floor for any processor in front of the keeper: one that does nothing on start. */
  @Benchmark
  public Span emptyProcessor(EmptyProcessor p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  /** {@link OpenInferenceSpanProcessor} stamping the four values and no span kind. */
  @Benchmark
  public Span openInferenceFourValuesNoKind(OpenInferenceFourValuesNoKind p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  /** {@link OpenInferenceSpanProcessor} stamping session, user, metadata and tags. */
  @Benchmark
  public Span openInferenceFourValues(OpenInferenceFourValues p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  /** The same four values set by hand on the span builder, on the bare SDK. */
  @Benchmark
  public Span byHandFourValues(ByHand p) {
    Span span =
        p.tracer
            .spanBuilder(Workload.SPAN_NAME)
            .setParent(p.parent)
            .setAttribute(SESSION_ID, p.sessionId)
            .setAttribute(USER_ID, p.userId)
            .setAttribute(METADATA, p.metadataJson)
            .setAttribute(TAG_TAGS, p.tags)
            .startSpan();
    span.end();
    return span;
  }

  /** The floor for {@code openInferenceFourValues} through the public SDK API: the same calls. */
  @Benchmark
  public Span sameSdkCallsFourValues(SameCalls p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  /** {@link OpenInferenceSampler} (as autoconfigure installs it) with no OpenInference scope. */
  @Benchmark
  public Span samplerNoContext(SamplerNoContext p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  /** {@link OpenInferenceSampler} (as autoconfigure installs it) stamping the four values. */
  @Benchmark
  public Span samplerFourValues(SamplerFourValues p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  /** The contrib {@link BaggageSpanProcessor} copying the same four values from baggage. */
  @Benchmark
  public Span contribBaggageFourValues(ContribBaggage p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }
}
