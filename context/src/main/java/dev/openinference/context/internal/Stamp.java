/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import javax.annotation.Nullable;

/**
 * The attributes a span start receives from one {@link ContextValues}, already merged over the
 * process-level values: computed the first time a span starts in a scope, then only written.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class Stamp {

  static final Stamp EMPTY = new Stamp(null, new AttributeKey<?>[0], new Object[0]);

  /** The process-level values this was merged over, so a cached stamp is reused only for them. */
  @Nullable final ContextValues fallback;

  private final AttributeKey<?>[] keys;
  private final Object[] values;

  Stamp(@Nullable ContextValues fallback, AttributeKey<?>[] keys, Object[] values) {
    this.fallback = fallback;
    this.keys = keys;
    this.values = values;
  }

  /** Returns whether there is nothing to write. */
  public boolean isEmpty() {
    return keys.length == 0;
  }

  /** Writes every attribute on {@code span}, replacing any of the same name. */
  @SuppressWarnings("unchecked")
  public void writeTo(Span span) {
    AttributeKey<?>[] k = keys;
    Object[] v = values;
    for (int i = 0; i < k.length; i++) {
      span.setAttribute((AttributeKey<Object>) k[i], v[i]);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Stamp{");
    for (int i = 0; i < keys.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(keys[i].getKey()).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }
}
