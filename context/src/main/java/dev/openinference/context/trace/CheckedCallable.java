/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

/**
 * Work that returns a value and may throw {@code E}, for {@link OpenInferenceSpanBuilder#call}. A
 * lambda that throws no checked exception infers {@code E} as {@code RuntimeException}, so the
 * caller need not catch anything.
 *
 * @param <T> the result
 * @param <E> the checked exception it may throw
 */
@FunctionalInterface
public interface CheckedCallable<T, E extends Throwable> {

  /**
   * Does the work.
   *
   * @return the work's result, recorded as the span's output; may be null
   * @throws E whatever the work throws; the span records it and it is rethrown unchanged
   */
  T call() throws E;
}
