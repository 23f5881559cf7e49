/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A processor that asks for {@code onStart} and does nothing there: what any processor in front of
 * the exporting one costs inside the SDK before it does work of its own (the SDK then dispatches
 * through its {@code MultiSpanProcessor}).
 */
final class EmptyStartProcessor implements SpanProcessor {

  private EmptyStartProcessor() {}

  static EmptyStartProcessor create() {
    return new EmptyStartProcessor();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public String toString() {
    return "EmptyStartProcessor";
  }
}
