/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GenAiEventsBridgeTest {

  private final AtomicLong now = new AtomicLong();
  private final GenAiEventsBridge bridge = GenAiEventsBridge.create(now::get, 3);

  private static SpanContext span(int n, boolean sampled) {
    return SpanContext.create(
        "0af7651916cd43dd8448eb211c80319c",
        String.format("%016x", n + 1),
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
        TraceState.getDefault());
  }

  private void emit(SpanContext spanContext, String eventName) {
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder().addLogRecordProcessor(bridge).build()) {
      Logger logger = provider.get("test");
      logger
          .logRecordBuilder()
          .setContext(Context.root().with(Span.wrap(spanContext)))
          .setEventName(eventName)
          .setBody(Value.of("hi"))
          .emit();
    }
  }

  @Test
  void keepsGenAiEventsOfSampledSpansUntilTaken() {
    emit(span(1, true), "gen_ai.user.message");
    emit(span(1, true), "gen_ai.choice");

    assertThat(bridge.take(span(1, true)))
        .extracting(GenAiEvent::getName)
        .containsExactly("gen_ai.user.message", "gen_ai.choice");
    assertThat(bridge.take(span(1, true))).isEmpty();
    assertThat(bridge.pendingSpans()).isZero();
  }

  @Test
  void ignoresOtherEventsUnsampledSpansAndRecordsWithoutASpan() {
    emit(span(1, true), "app.audit");
    emit(span(2, false), "gen_ai.user.message");
    emit(SpanContext.getInvalid(), "gen_ai.user.message");

    assertThat(bridge.pendingSpans()).isZero();
  }

  @Test
  void holdsAtMostMaxSpansDroppingTheOldest() {
    for (int i = 0; i < 10; i++) {
      emit(span(i, true), "gen_ai.user.message");
    }
    assertThat(bridge.pendingSpans()).isEqualTo(3);
    assertThat(bridge.take(span(0, true))).isEmpty();
    assertThat(bridge.take(span(9, true))).hasSize(1);
  }

  @Test
  void dropsEventsOlderThanTheMaximumAge() {
    emit(span(1, true), "gen_ai.user.message");
    now.addAndGet(TimeUnit.MINUTES.toNanos(GenAiEventsBridge.MAX_AGE_MINUTES) + 1);
    emit(span(2, true), "gen_ai.user.message");

    assertThat(bridge.take(span(1, true))).isEmpty();
    assertThat(bridge.take(span(2, true))).hasSize(1);
  }

  @Test
  void capsTheEventsOfOneSpan() {
    for (int i = 0; i < GenAiEventsBridge.MAX_EVENTS_PER_SPAN + 10; i++) {
      bridge.add(span(1, true), GenAiEvent.create("gen_ai.user.message", "x", Attributes.empty()));
    }
    assertThat(bridge.take(span(1, true))).hasSize(GenAiEventsBridge.MAX_EVENTS_PER_SPAN);
  }

  @Test
  void memoryStaysBoundedUnderAMillionEventsWhoseSpansNeverEnd() {
    GenAiEventsBridge shared =
        GenAiEventsBridge.create(System::nanoTime, GenAiEventsBridge.MAX_SPANS);
    for (int i = 0; i < 1_000_000; i++) {
      shared.add(span(i, true), GenAiEvent.create("gen_ai.user.message", "x", Attributes.empty()));
    }
    assertThat(shared.pendingSpans()).isEqualTo(GenAiEventsBridge.MAX_SPANS);
  }
}
