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

  /** Does the work inside {@code span}. */
  void run(OpenInferenceSpan span) throws E;
}
