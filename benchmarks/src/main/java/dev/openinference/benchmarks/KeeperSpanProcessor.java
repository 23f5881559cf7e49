/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import javax.annotation.Nullable;

/**
 * The last processor of every benchmarked pipeline: it stands in for an exporting processor by
 * asking for {@code onEnd} and publishing the ended span, so the JIT can neither skip the SDK's end
 * path nor drop the attributes written on the span.
 */
final class KeeperSpanProcessor implements SpanProcessor {

  private static final VarHandle LAST;

  static {
    try {
      LAST =
          MethodHandles.lookup()
              .findVarHandle(KeeperSpanProcessor.class, "last", ReadableSpan.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Nullable private volatile ReadableSpan last;

  private KeeperSpanProcessor() {}

  static KeeperSpanProcessor create() {
    return new KeeperSpanProcessor();
  }

  /** Returns the span that ended last, or null before the first. */
  @Nullable
  ReadableSpan last() {
    return last;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    // A release store is a plain move on x86, unlike a volatile store's fence, so it adds the
    // same few cycles to every pipeline, yet the JIT must perform it.
    LAST.setRelease(this, span);
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "KeeperSpanProcessor";
  }
}
