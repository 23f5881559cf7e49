/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

/**
 * Work that is handed its span, returns nothing and may throw {@code E}, for {@link
 * OpenInferenceSpanBuilder#run(SpanRunnable)}.
 *
 * @param <E> the checked exception it may throw
 */
@FunctionalInterface
public interface SpanRunnable<E extends Throwable> {

  /**
   * Does the work inside {@code span}.
   *
   * @param span the span the work runs in, current for its duration
   * @throws E whatever the work throws; the span records it and it is rethrown unchanged
   */
  void run(OpenInferenceSpan span) throws E;
}
