/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Typed writes onto the span that Micrometer tracing opened for one observation.
 *
 * <p>The span is taken from the observation's {@link TracingObservationHandler.TracingContext}, not
 * from {@code Span.current()}: an observation handler runs before the tracing handler makes the
 * span current ({@code onStart}) and after it has closed that scope ({@code onStop}), so the
 * current span there is the parent. Writing through Micrometer's {@link Span} keeps the attribute
 * types (its OpenTelemetry bridge maps {@code tag(String, long)} to a long attribute) and works
 * with any tracer bridge.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class SpanAttributes {

  private final Span span;

  private SpanAttributes(Span span) {
    this.span = span;
  }

  /**
   * Returns the writer for the span of {@code context}, or {@code null} when no tracing handler has
   * opened one (tracing off, or the observation not sampled into a real span).
   */
  @Nullable
  public static SpanAttributes of(Observation.Context context) {
    TracingObservationHandler.TracingContext tracing =
        context.get(TracingObservationHandler.TracingContext.class);
    if (tracing == null) {
      return null;
    }
    Span span = tracing.getSpan();
    if (span == null || span.isNoop()) {
      return null;
    }
    return new SpanAttributes(span);
  }

  /** Writes {@code value} under {@code key}; a null value or an empty-named key writes nothing. */
  @SuppressWarnings("unchecked")
  public <T> void put(AttributeKey<T> key, @Nullable T value) {
    String name = key.getKey();
    if (value == null || name.isEmpty()) {
      return;
    }
    switch (key.getType()) {
      case STRING:
        span.tag(name, (String) value);
        break;
      case LONG:
        span.tag(name, ((Number) value).longValue());
        break;
      case DOUBLE:
        span.tag(name, ((Number) value).doubleValue());
        break;
      case BOOLEAN:
        span.tag(name, (Boolean) value);
        break;
      case STRING_ARRAY:
        span.tagOfStrings(name, (List<String>) value);
        break;
      case LONG_ARRAY:
        span.tagOfLongs(name, (List<Long>) value);
        break;
      case DOUBLE_ARRAY:
        span.tagOfDoubles(name, (List<Double>) value);
        break;
      case BOOLEAN_ARRAY:
        span.tagOfBooleans(name, (List<Boolean>) value);
        break;
      default:
        span.tag(name, String.valueOf(value));
    }
  }

  /** Writes a count, skipping null. */
  public void putCount(AttributeKey<Long> key, @Nullable Number value) {
    if (value != null) {
      put(key, value.longValue());
    }
  }

  @Override
  public String toString() {
    return "SpanAttributes{span=" + span + "}";
  }
}
