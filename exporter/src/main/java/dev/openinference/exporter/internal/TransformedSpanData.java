/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/** A span whose attributes or events were masked or completed; the rest is the original's. */
final class TransformedSpanData extends DelegatingSpanData {

  private final Attributes attributes;
  private final int totalAttributeCount;
  private final List<EventData> events;

  TransformedSpanData(
      SpanData delegate, Attributes attributes, int totalAttributeCount, List<EventData> events) {
    super(delegate);
    this.attributes = attributes;
    this.totalAttributeCount = totalAttributeCount;
    this.events = events;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributeCount;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }
}
