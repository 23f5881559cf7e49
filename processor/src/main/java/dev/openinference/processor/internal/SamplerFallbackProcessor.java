/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import dev.openinference.processor.OpenInferenceSpanProcessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * {@link OpenInferenceSpanProcessor} for a tracer provider whose sampler autoconfigure wrapped with
 * {@link OpenInferenceSampler}: it stamps only while that sampler has never run, that is when
 * something set another sampler after the wrapping (a tracer provider customizer calling {@code
 * setSampler}, as some vendor extensions do). Either the sampler or the processor stamps, never
 * both; with the sampler in place a span start costs this processor one field read.
 *
 * <p>The sampler runs in {@code SdkSpanBuilder.startSpan} just before the processors' {@code
 * onStart} of the same span on the same thread, so this processor sees the sampler's flag for the
 * very first span.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class SamplerFallbackProcessor implements SpanProcessor {

  private final OpenInferenceSpanProcessor processor;
  private final OpenInferenceSampler sampler;

  private SamplerFallbackProcessor(
      OpenInferenceSpanProcessor processor, OpenInferenceSampler sampler) {
    this.processor = processor;
    this.sampler = sampler;
  }

  /**
   * Returns a processor that runs {@code processor} for as long as {@code sampler} has not run.
   *
   * @param processor the processor with the same settings as {@code sampler}
   * @param sampler the sampler set on the same tracer provider
   * @return a new processor, never null
   */
  public static SamplerFallbackProcessor create(
      OpenInferenceSpanProcessor processor, OpenInferenceSampler sampler) {
    return new SamplerFallbackProcessor(processor, sampler);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (!sampler.isInUse()) {
      processor.onStart(parentContext, span);
    }
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
    return processor.shutdown();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return processor.forceFlush();
  }

  @Override
  public String toString() {
    return "SamplerFallbackProcessor{stampedBy="
        + (sampler.isInUse() ? "sampler" : "processor")
        + ", processor="
        + processor
        + "}";
  }
}
