/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import dev.openinference.context.ContextAttributes;
import dev.openinference.context.OpenInference;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * What every span benchmark shares: the four values (session, user, metadata, tags), the parent
 * contexts that carry them, and tracer pipelines that differ only in the processor in front of the
 * {@link KeeperSpanProcessor}.
 */
final class Workload {

  static final String SPAN_NAME = "llm-call";
  static final String SESSION_ID = "session-8f2c1a7e";
  static final String USER_ID = "user-4242";
  static final List<String> TAGS = Arrays.asList("beta", "support");

  /** {@link #TAGS} as one baggage value: baggage only holds strings. */
  static final String TAGS_AS_STRING = "beta,support";

  static Map<String, Object> metadata() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("tenant", "acme");
    metadata.put("plan", "pro");
    return metadata;
  }

  /**
   * The metadata as the JSON string OpenInference writes, for the pipelines that set it by hand.
   */
  static String metadataJson() {
    return OpenInference.getAttributesFromContext(openInferenceContext())
        .get(SemanticConventions.METADATA);
  }

  /**
   * The context every benchmarked span starts in, before any values: one holding a sampled remote
   * parent span, as for most spans of a served request. Without a parent span the SDK treats a
   * parent of exactly {@link Context#root()} specially (it reuses a cached context instead of
   * adding a marker span to the parent, 32 bytes), which would favour the pipelines with no values
   * in their context.
   */
  static Context parentContext() {
    return Context.root()
        .with(
            Span.wrap(
                SpanContext.createFromRemoteParent(
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    TraceFlags.getSampled(),
                    TraceState.getDefault())));
  }

  /** {@link #parentContext()} with the four values set through the OpenInference context API. */
  static Context openInferenceContext() {
    return parentContext()
        .with(
            ContextAttributes.builder()
                .setSessionId(SESSION_ID)
                .setUserId(USER_ID)
                .setMetadata(metadata())
                .setTags(TAGS)
                .build());
  }

  /** {@link #parentContext()} with the four values in baggage, under their attribute names. */
  static Context baggageContext() {
    return parentContext()
        .with(
            Baggage.builder()
                .put(SemanticConventions.SESSION_ID.getKey(), SESSION_ID)
                .put(SemanticConventions.USER_ID.getKey(), USER_ID)
                .put(SemanticConventions.METADATA.getKey(), metadataJson())
                .put(SemanticConventions.TAG_TAGS.getKey(), TAGS_AS_STRING)
                .build());
  }

  /**
   * Returns a provider whose processors are {@code first} (when not null) then {@code keeper}, with
   * the same sampler, limits and resource for every pipeline.
   */
  static SdkTracerProvider tracerProvider(
      @Nullable SpanProcessor first, KeeperSpanProcessor keeper) {
    return tracerProvider(Sampler.alwaysOn(), first, keeper);
  }

  /** The same with {@code sampler} in place of {@code alwaysOn}. */
  static SdkTracerProvider tracerProvider(
      Sampler sampler, @Nullable SpanProcessor first, KeeperSpanProcessor keeper) {
    SdkTracerProviderBuilder builder =
        SdkTracerProvider.builder()
            .setSampler(sampler)
            .setSpanLimits(SpanLimits.getDefault())
            .setResource(Resource.empty());
    if (first != null) {
      builder.addSpanProcessor(first);
    }
    return builder.addSpanProcessor(keeper).build();
  }

  private Workload() {}
}
