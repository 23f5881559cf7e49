/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

/**
 * Work that returns nothing and may throw {@code E}, for {@link OpenInferenceSpanBuilder#run}.
 *
 * @param <E> the checked exception it may throw
 */
@FunctionalInterface
public interface CheckedRunnable<E extends Throwable> {

  /**
   * Does the work.
   *
   * @throws E whatever the work throws; the span records it and it is rethrown unchanged
   */
  void run() throws E;
}
