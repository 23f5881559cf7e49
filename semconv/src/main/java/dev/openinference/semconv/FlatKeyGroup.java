/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What every group of flattened keys ({@link MessageKeys}, {@link DocumentKeys}, ...) shares: the
 * prefix they hang under, or null when a negative index made them invalid.
 */
abstract class FlatKeyGroup {

  @Nullable final String prefix;

  FlatKeyGroup(@Nullable String prefix) {
    this.prefix = prefix;
  }

  /**
   * Returns the prefix of these keys, for example {@code "retrieval.documents.0"}, or the empty
   * string when a negative index made them invalid.
   *
   * @return the dotted prefix without a trailing dot, never null; empty when invalid
   */
  public final String prefix() {
    return FlatKeys.display(prefix);
  }

  /**
   * Returns whether these keys have names, that is no index on their path was negative.
   *
   * @return {@code true} when the keys have non-empty names and OpenTelemetry will record them
   */
  public final boolean isValid() {
    return prefix != null;
  }

  // getClass, not instanceof: groups of two different kinds are never equal, even with one prefix.
  @SuppressWarnings("EqualsGetClass")
  @Override
  public final boolean equals(@Nullable Object o) {
    return o != null
        && o.getClass() == getClass()
        && Objects.equals(prefix, ((FlatKeyGroup) o).prefix);
  }

  @Override
  public final int hashCode() {
    return Objects.hashCode(prefix);
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "{prefix=" + prefix() + "}";
  }
}
