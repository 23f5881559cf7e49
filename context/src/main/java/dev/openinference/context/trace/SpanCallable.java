/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

/**
 * Work that is handed its span, returns a value and may throw {@code E}, for {@link
 * OpenInferenceSpanBuilder#call(SpanCallable)}: use the span to record what only the work knows
 * (token counts, messages, the model that answered).
 *
 * @param <T> the result
 * @param <E> the checked exception it may throw
 */
@FunctionalInterface
public interface SpanCallable<T, E extends Throwable> {

  /**
   * Does the work inside {@code span}.
   *
   * @param span the span the work runs in, current for its duration
   * @return the work's result, recorded as the span's output; may be null
   * @throws E whatever the work throws; the span records it and it is rethrown unchanged
   */
  T call(OpenInferenceSpan span) throws E;
}
