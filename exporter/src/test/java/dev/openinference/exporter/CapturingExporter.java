/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the very collections and span objects it is given. */
final class CapturingExporter implements SpanExporter {

  final List<Collection<SpanData>> batches = new CopyOnWriteArrayList<>();
  volatile int flushes;
  volatile int shutdowns;

  List<SpanData> spans() {
    List<SpanData> all = new ArrayList<>();
    batches.forEach(all::addAll);
    return all;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    batches.add(spans);
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public synchronized CompletableResultCode flush() {
    flushes++;
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public synchronized CompletableResultCode shutdown() {
    shutdowns++;
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "CapturingExporter";
  }
}
