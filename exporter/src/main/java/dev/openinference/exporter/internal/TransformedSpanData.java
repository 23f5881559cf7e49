/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/** A span whose attributes were masked or completed; everything else is the original span's. */
final class TransformedSpanData extends DelegatingSpanData {

  private final Attributes attributes;
  private final int totalAttributeCount;

  TransformedSpanData(SpanData delegate, Attributes attributes, int totalAttributeCount) {
    super(delegate);
    this.attributes = attributes;
    this.totalAttributeCount = totalAttributeCount;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributeCount;
  }
}
