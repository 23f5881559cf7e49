/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor;

import dev.openinference.processor.internal.OpenInferenceSampler;
import dev.openinference.processor.internal.SamplerFallbackProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/** How a test's tracer provider gets OpenInference, with the settings of a processor. */
public enum StampingMode {
  /** A hand-built SDK: the processor alone, stamping in {@code onStart}. */
  PROCESSOR,
  /**
   * What autoconfigure builds: the configured sampler (here parent-based always-on) wrapped with
   * {@link OpenInferenceSampler}, which stamps, and the processor behind {@link
   * SamplerFallbackProcessor}, which then stamps nothing.
   */
  SAMPLER;

  /**
   * Returns a builder with OpenInference installed in this mode, with {@code processor}'s settings.
   */
  public SdkTracerProviderBuilder install(
      SdkTracerProviderBuilder builder, OpenInferenceSpanProcessor processor) {
    if (this == PROCESSOR) {
      return builder.addSpanProcessor(processor);
    }
    OpenInferenceSampler sampler = processor.samplerOver(Sampler.parentBased(Sampler.alwaysOn()));
    return builder
        .setSampler(sampler)
        .addSpanProcessor(SamplerFallbackProcessor.create(processor, sampler));
  }
}
