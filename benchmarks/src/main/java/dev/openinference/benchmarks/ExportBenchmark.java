/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Export-side cost per span of {@link OpenInferenceSpanExporter}, off the application thread: a
 * typical LLM span as Spring AI ends it (GenAI attributes, messages as OpenInference keys), one
 * span per export call, into an exporter that only hands the batch to a {@link Blackhole}.
 *
 * <ul>
 *   <li>{@code delegateOnly}: the delegate alone, the baseline;
 *   <li>{@code passThrough}: a span that needs nothing (kind and model already set);
 *   <li>{@code translateLlmSpan}: GenAI translation (kind, model, provider, tokens, parameters);
 *   <li>{@code translateAndMaskInputs}: the same with {@code hideInputs}.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class ExportBenchmark {

  List<SpanData> genAiSpan;
  List<SpanData> finishedSpan;
  BlackholeExporter delegate;
  SpanExporter translating;
  SpanExporter masking;

  /** Hands every batch to the blackhole, so the JIT keeps the prepared spans. */
  static final class BlackholeExporter implements SpanExporter {
    Blackhole blackhole;
    SpanData last;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      blackhole.consume(spans);
      for (SpanData span : spans) {
        blackhole.consume(span.getAttributes());
        last = span;
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Setup
  public void setUp(Blackhole blackhole) {
    delegate = new BlackholeExporter();
    delegate.blackhole = blackhole;
    translating = OpenInferenceSpanExporter.wrap(delegate, TraceConfig.builder().build());
    masking =
        OpenInferenceSpanExporter.wrap(delegate, TraceConfig.builder().setHideInputs(true).build());
    genAiSpan = Collections.singletonList(llmSpan(false));
    finishedSpan = Collections.singletonList(llmSpan(true));
  }

  /** An LLM span as Spring AI ends it; {@code translated} adds what translation would add. */
  static SpanData llmSpan(boolean translated) {
    KeeperSpanProcessor keeper = KeeperSpanProcessor.create();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(keeper).build()) {
      Span span = provider.get("bench").spanBuilder("chat gpt-4o").startSpan();
      span.setAttribute("session.id", Workload.SESSION_ID);
      span.setAttribute("user.id", Workload.USER_ID);
      span.setAttribute("input.value", "How do I reset my password?");
      span.setAttribute("output.value", "Open Settings > Security and choose Reset password.");
      span.setAttribute("llm.input_messages.0.message.role", "user");
      span.setAttribute("llm.input_messages.0.message.content", "How do I reset my password?");
      span.setAttribute("llm.output_messages.0.message.role", "assistant");
      span.setAttribute(
          "llm.output_messages.0.message.content",
          "Open Settings > Security and choose Reset password.");
      span.setAttribute("gen_ai.operation.name", "chat");
      span.setAttribute("gen_ai.provider.name", "openai");
      span.setAttribute("gen_ai.request.model", "gpt-4o");
      span.setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06");
      span.setAttribute("gen_ai.request.temperature", 0.2);
      span.setAttribute("gen_ai.request.max_tokens", 512L);
      span.setAttribute("gen_ai.usage.input_tokens", 42L);
      span.setAttribute("gen_ai.usage.output_tokens", 17L);
      if (translated) {
        span.setAttribute("openinference.span.kind", "LLM");
        span.setAttribute("llm.model_name", "gpt-4o-2024-08-06");
        span.setAttribute("llm.request.model_name", "gpt-4o");
        span.setAttribute("llm.response.model_name", "gpt-4o-2024-08-06");
        span.setAttribute("llm.provider", "openai");
        span.setAttribute("llm.system", "openai");
        span.setAttribute("llm.token_count.prompt", 42L);
        span.setAttribute("llm.token_count.completion", 17L);
        span.setAttribute("llm.token_count.total", 59L);
        span.setAttribute("llm.invocation_parameters", "{\"temperature\":0.2,\"max_tokens\":512}");
      }
      span.end();
    }
    return keeper.last().toSpanData();
  }

  @Benchmark
  public CompletableResultCode delegateOnly() {
    return delegate.export(genAiSpan);
  }

  @Benchmark
  public CompletableResultCode passThrough() {
    return translating.export(finishedSpan);
  }

  @Benchmark
  public CompletableResultCode translateLlmSpan() {
    return translating.export(genAiSpan);
  }

  @Benchmark
  public CompletableResultCode translateAndMaskInputs() {
    return masking.export(genAiSpan);
  }
}
