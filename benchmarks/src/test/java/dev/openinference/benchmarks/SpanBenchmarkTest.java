/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Checks that each span benchmark measures what it says: the span it makes and what it carries. */
class SpanBenchmarkTest {

  private final SpanBenchmark benchmark = new SpanBenchmark();

  @Test
  void bareSdkSpanIsAChildOfTheParentSpanWithNoAttributes() {
    SpanBenchmark.Bare pipeline = new SpanBenchmark.Bare();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::bareSdk);
      assertThat(span.toSpanData())
          .hasName(Workload.SPAN_NAME)
          .hasEnded()
          .hasTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
          .hasParentSpanId("00f067aa0ba902b7");
      assertThat(span.toSpanData().getAttributes().isEmpty()).isTrue();
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void openInferenceWithoutContextAddsNoAttribute() {
    SpanBenchmark.OpenInferenceNoContext pipeline = new SpanBenchmark.OpenInferenceNoContext();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::openInferenceNoContext);
      assertThat(span.toSpanData().getAttributes().isEmpty()).isTrue();
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void emptyProcessorAddsNothing() {
    SpanBenchmark.EmptyProcessor pipeline = new SpanBenchmark.EmptyProcessor();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::emptyProcessor);
      assertThat(span.toSpanData().getAttributes().isEmpty()).isTrue();
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void openInferenceWithoutDefaultKindStampsOnlyTheFourValues() {
    SpanBenchmark.OpenInferenceFourValuesNoKind pipeline =
        new SpanBenchmark.OpenInferenceFourValuesNoKind();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::openInferenceFourValuesNoKind);
      assertThat(span.toSpanData())
          .hasAttributesSatisfyingExactly(
              equalTo(SESSION_ID, Workload.SESSION_ID),
              equalTo(USER_ID, Workload.USER_ID),
              equalTo(METADATA, "{\"tenant\":\"acme\",\"plan\":\"pro\"}"),
              equalTo(TAG_TAGS, Workload.TAGS));
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void openInferenceStampsTheFourValuesAndTheDefaultKind() {
    SpanBenchmark.OpenInferenceFourValues pipeline = new SpanBenchmark.OpenInferenceFourValues();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::openInferenceFourValues);
      assertThat(span.toSpanData())
          .hasAttributesSatisfyingExactly(
              equalTo(SESSION_ID, Workload.SESSION_ID),
              equalTo(USER_ID, Workload.USER_ID),
              equalTo(METADATA, "{\"tenant\":\"acme\",\"plan\":\"pro\"}"),
              equalTo(TAG_TAGS, Workload.TAGS),
              equalTo(OPENINFERENCE_SPAN_KIND, "CHAIN"));
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void byHandSetsTheSameFourValuesAsOpenInference() {
    SpanBenchmark.ByHand pipeline = new SpanBenchmark.ByHand();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::byHandFourValues);
      assertThat(span.toSpanData())
          .hasAttributesSatisfyingExactly(
              equalTo(SESSION_ID, Workload.SESSION_ID),
              equalTo(USER_ID, Workload.USER_ID),
              equalTo(METADATA, "{\"tenant\":\"acme\",\"plan\":\"pro\"}"),
              equalTo(TAG_TAGS, Workload.TAGS));
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void sameSdkCallsWriteWhatOpenInferenceWrites() {
    SpanBenchmark.SameCalls pipeline = new SpanBenchmark.SameCalls();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::sameSdkCallsFourValues);
      assertThat(span.toSpanData())
          .hasAttributesSatisfyingExactly(
              equalTo(SESSION_ID, Workload.SESSION_ID),
              equalTo(USER_ID, Workload.USER_ID),
              equalTo(METADATA, "{\"tenant\":\"acme\",\"plan\":\"pro\"}"),
              equalTo(TAG_TAGS, Workload.TAGS),
              equalTo(OPENINFERENCE_SPAN_KIND, "CHAIN"));
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void samplerWithoutContextAddsNoAttribute() {
    SpanBenchmark.SamplerNoContext pipeline = new SpanBenchmark.SamplerNoContext();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::samplerNoContext);
      assertThat(span.toSpanData().getAttributes().isEmpty()).isTrue();
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void samplerStampsWhatTheProcessorStamps() {
    SpanBenchmark.SamplerFourValues pipeline = new SpanBenchmark.SamplerFourValues();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::samplerFourValues);
      assertThat(span.toSpanData())
          .hasAttributesSatisfyingExactly(
              equalTo(SESSION_ID, Workload.SESSION_ID),
              equalTo(USER_ID, Workload.USER_ID),
              equalTo(METADATA, "{\"tenant\":\"acme\",\"plan\":\"pro\"}"),
              equalTo(TAG_TAGS, Workload.TAGS),
              equalTo(OPENINFERENCE_SPAN_KIND, "CHAIN"));
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void contribBaggageCopiesTheFourValuesAsStrings() {
    SpanBenchmark.ContribBaggage pipeline = new SpanBenchmark.ContribBaggage();
    pipeline.setUp();
    try {
      ReadableSpan span = run(pipeline, benchmark::contribBaggageFourValues);
      assertThat(span.toSpanData())
          .hasAttributesSatisfyingExactly(
              equalTo(SESSION_ID, Workload.SESSION_ID),
              equalTo(USER_ID, Workload.USER_ID),
              equalTo(METADATA, "{\"tenant\":\"acme\",\"plan\":\"pro\"}"),
              equalTo(AttributeKey.stringKey(TAG_TAGS.getKey()), "beta,support"));
    } finally {
      pipeline.shutDown();
    }
  }

  private static <P extends SpanBenchmark.Pipeline> ReadableSpan run(
      P pipeline, Function<P, Span> benchmarkMethod) {
    Span span = benchmarkMethod.apply(pipeline);
    assertThat(pipeline.keeper.last()).isSameAs(span);
    return (ReadableSpan) span;
  }
}
