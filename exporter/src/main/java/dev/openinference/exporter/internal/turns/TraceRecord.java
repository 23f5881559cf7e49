/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.turns;

import java.util.HashMap;
import java.util.Map;

/** The spans of one trace exported before its root, by span id. */
final class TraceRecord {

  final long firstSeenNanos;
  final Map<String, SpanRecord> spans = new HashMap<>();
  long valueChars;

  TraceRecord(long firstSeenNanos) {
    this.firstSeenNanos = firstSeenNanos;
  }

  @Override
  public String toString() {
    return "TraceRecord{spans=" + spans.size() + ", valueChars=" + valueChars + "}";
  }
}
