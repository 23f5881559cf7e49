/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/** Finished spans built directly, as an exporter receives them. */
final class TestSpans {

  static SpanData span(Attributes attributes) {
    return span("span", attributes, attributes.size());
  }

  static SpanData span(String name, Attributes attributes, int totalAttributeCount) {
    return TestSpanData.builder()
        .setName(name)
        .setKind(SpanKind.INTERNAL)
        .setSpanContext(
            SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault()))
        .setStartEpochNanos(1_000)
        .setEndEpochNanos(2_000)
        .setStatus(StatusData.unset())
        .setHasEnded(true)
        .setAttributes(attributes)
        .setTotalAttributeCount(totalAttributeCount)
        .build();
  }

  private TestSpans() {}
}
