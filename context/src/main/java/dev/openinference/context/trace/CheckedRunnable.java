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

  /** Does the work. */
  void run() throws E;
}
