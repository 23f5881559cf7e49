/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import dev.openinference.context.ContextAttributes;
import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What session aliases ({@code otel.openinference.aliases}) cost. On the application thread: one
 * span (start and end) in a context with the four values, as {@code
 * SpanBenchmark.openInferenceFourValues}, with aliases off and with each set on; and a span whose
 * session comes from a {@code thread_id} metadata key. At export: one finished span carrying the
 * values (and, with aliases on, the aliases stamped at start) through {@link
 * OpenInferenceSpanExporter}, aliases off and all on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AliasBenchmark {

  /** A tracer whose processor has {@link #aliases()}, and the parent context of every span. */
  abstract static class Pipeline {
    Tracer tracer;
    Context parent;
    KeeperSpanProcessor keeper;
    private SdkTracerProvider provider;

    abstract String[] aliases();

    Context context() {
      return Workload.openInferenceContext();
    }

    @Setup
    public void setUp() {
      keeper = KeeperSpanProcessor.create();
      provider =
          Workload.tracerProvider(
              OpenInferenceSpanProcessor.builder().setAliases(aliases()).build(), keeper);
      tracer = provider.get("dev.openinference.benchmarks");
      parent = context();
    }

    @TearDown
    public void shutDown() {
      provider.close();
    }
  }

  /** Aliases off: the default. */
  @State(Scope.Benchmark)
  public static class Off extends Pipeline {
    @Override
    String[] aliases() {
      return new String[0];
    }
  }

  /** {@code genai}: one more attribute. */
  @State(Scope.Benchmark)
  public static class GenAi extends Pipeline {
    @Override
    String[] aliases() {
      return new String[] {"genai"};
    }
  }

  /** {@code langfuse}: session, user, tags and two metadata keys. */
  @State(Scope.Benchmark)
  public static class Langfuse extends Pipeline {
    @Override
    String[] aliases() {
      return new String[] {"langfuse"};
    }
  }

  /** All three backends. */
  @State(Scope.Benchmark)
  public static class All extends Pipeline {
    @Override
    String[] aliases() {
      return new String[] {"genai", "langfuse", "langsmith"};
    }
  }

  /** Aliases off; the session comes from a {@code thread_id} in the metadata (keys in). */
  @State(Scope.Benchmark)
  public static class ThreadIdInMetadata extends Pipeline {
    @Override
    String[] aliases() {
      return new String[0];
    }

    @Override
    Context context() {
      return Workload.parentContext()
          .with(
              ContextAttributes.builder()
                  .setUserId(Workload.USER_ID)
                  .setMetadata(Collections.singletonMap("thread_id", Workload.SESSION_ID))
                  .setTags(Workload.TAGS)
                  .build());
    }
  }

  private static Span span(Pipeline p) {
    Span span = p.tracer.spanBuilder(Workload.SPAN_NAME).setParent(p.parent).startSpan();
    span.end();
    return span;
  }

  @Benchmark
  public Span startAliasesOff(Off p) {
    return span(p);
  }

  @Benchmark
  public Span startAliasesGenAi(GenAi p) {
    return span(p);
  }

  @Benchmark
  public Span startAliasesLangfuse(Langfuse p) {
    return span(p);
  }

  @Benchmark
  public Span startAliasesAll(All p) {
    return span(p);
  }

  @Benchmark
  public Span startSessionFromThreadId(ThreadIdInMetadata p) {
    return span(p);
  }

  /** Export of one finished span, as the processor of the same alias setting stamped it. */
  @State(Scope.Thread)
  public static class Export {
    List<SpanData> stampedWithout;
    List<SpanData> stampedWithAll;
    SpanExporter aliasesOff;
    SpanExporter aliasesAll;
    ExportBenchmark.BlackholeExporter delegate;

    @Setup
    public void setUp(Blackhole blackhole) {
      delegate = new ExportBenchmark.BlackholeExporter();
      delegate.blackhole = blackhole;
      TraceConfig nothingHidden = TraceConfig.builder().build();
      aliasesOff =
          OpenInferenceSpanExporter.builder(delegate).setTraceConfig(nothingHidden).build();
      aliasesAll =
          OpenInferenceSpanExporter.builder(delegate)
              .setTraceConfig(nothingHidden)
              .setAliases("genai", "langfuse", "langsmith")
              .build();
      stampedWithout = Collections.singletonList(finished(new Off()));
      stampedWithAll = Collections.singletonList(finished(new All()));
    }

    private static SpanData finished(Pipeline pipeline) {
      pipeline.setUp();
      try {
        span(pipeline);
        return pipeline.keeper.last().toSpanData();
      } finally {
        pipeline.shutDown();
      }
    }
  }

  @Benchmark
  public CompletableResultCode exportAliasesOff(Export e) {
    return e.aliasesOff.export(e.stampedWithout);
  }

  @Benchmark
  public CompletableResultCode exportAliasesAll(Export e) {
    return e.aliasesAll.export(e.stampedWithAll);
  }
}
