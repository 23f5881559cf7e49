/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import io.opentelemetry.context.Scope;

/**
 * A scope that closes its delegate at most once and never throws: closing it twice, out of order
 * or on another thread is a caller bug that must not break the application.
 */
final class SafeScope implements Scope {

  private final Scope delegate;
  private final String method;
  private boolean closed;

  SafeScope(Scope delegate, String method) {
    this.delegate = delegate;
    this.method = method;
  }

  @Override
  public void close() {
    // Plain field: a scope belongs to the thread that opened it; a racing second close from
    // another thread is caught below by the storage's own checks.
    if (closed) {
      return;
    }
    closed = true;
    try {
      delegate.close();
    } catch (RuntimeException e) {
      Inputs.warn(
          "Closing the scope of OpenInference." + method + " failed and was ignored: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "OpenInferenceScope{" + method + (closed ? ", closed}" : "}");
  }
}
