/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.turns;

import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.Locale;
import javax.annotation.Nullable;

/** Finished spans of one trace built directly, as the exporter receives them after masking. */
final class Spans {

  private final String traceId;
  private long nextId = 1;

  private Spans(String traceId) {
    this.traceId = traceId;
  }

  static Spans trace(long traceNumber) {
    return new Spans(String.format(Locale.ROOT, "%032x", traceNumber + 1));
  }

  String newSpanId() {
    return String.format(Locale.ROOT, "%016x", nextId++);
  }

  /** A span builder: {@code parent} null for a root, {@code remote} for a remote parent. */
  Builder span(String name, @Nullable String parentSpanId) {
    return new Builder(name, parentSpanId);
  }

  final class Builder {
    private final String name;
    @Nullable private final String parentSpanId;
    private final String spanId = newSpanId();
    private final AttributesBuilder attributes = Attributes.builder();
    private boolean remote;
    private long start = 1_000;
    private long end = 2_000;

    private Builder(String name, @Nullable String parentSpanId) {
      this.name = name;
      this.parentSpanId = parentSpanId;
    }

    String id() {
      return spanId;
    }

    Builder remoteParent() {
      remote = true;
      return this;
    }

    Builder kind(String kind) {
      attributes.put(SemanticConventions.OPENINFERENCE_SPAN_KIND, kind);
      return this;
    }

    Builder input(String value, String mimeType) {
      attributes.put(SemanticConventions.INPUT_VALUE, value);
      attributes.put(SemanticConventions.INPUT_MIME_TYPE, mimeType);
      return this;
    }

    Builder output(String value, String mimeType) {
      attributes.put(SemanticConventions.OUTPUT_VALUE, value);
      attributes.put(SemanticConventions.OUTPUT_MIME_TYPE, mimeType);
      return this;
    }

    Builder inputMessage(int index, String role, String content) {
      attributes.put("llm.input_messages." + index + ".message.role", role);
      attributes.put("llm.input_messages." + index + ".message.content", content);
      return this;
    }

    Builder outputMessage(int index, String role, String content) {
      attributes.put("llm.output_messages." + index + ".message.role", role);
      attributes.put("llm.output_messages." + index + ".message.content", content);
      return this;
    }

    Builder attribute(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    Builder time(long start, long end) {
      this.start = start;
      this.end = end;
      return this;
    }

    SpanData build() {
      SpanContext parent =
          parentSpanId == null
              ? SpanContext.getInvalid()
              : remote
                  ? SpanContext.createFromRemoteParent(
                      traceId, parentSpanId, TraceFlags.getSampled(), TraceState.getDefault())
                  : SpanContext.create(
                      traceId, parentSpanId, TraceFlags.getSampled(), TraceState.getDefault());
      Attributes built = attributes.build();
      return TestSpanData.builder()
          .setName(name)
          .setKind(SpanKind.INTERNAL)
          .setSpanContext(
              SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
          .setParentSpanContext(parent)
          .setStartEpochNanos(start)
          .setEndEpochNanos(end)
          .setStatus(StatusData.unset())
          .setHasEnded(true)
          .setAttributes(built)
          .setTotalAttributeCount(built.size())
          .build();
    }
  }
}
