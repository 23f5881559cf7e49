/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.turns;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/** A root span with the turn's input and output added; the rest is the original's. */
final class FilledRootSpanData extends DelegatingSpanData {

  private final Attributes attributes;
  private final int totalAttributeCount;

  FilledRootSpanData(SpanData delegate, Attributes attributes, int added) {
    super(delegate);
    this.attributes = attributes;
    this.totalAttributeCount =
        Math.max(delegate.getTotalAttributeCount() + added, attributes.size());
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
