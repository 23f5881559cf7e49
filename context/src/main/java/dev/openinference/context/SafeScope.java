/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import dev.openinference.context.internal.ContextValues;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A scope that never throws and never leaves its context behind: closing twice is ignored, closing
 * on another thread is ignored (the owner can still close it), and closing out of order puts the
 * thread back into the context that was current when the scope opened.
 *
 * <p>OTel's own scopes ignore an out-of-order close, so after {@code outer.close(); inner.close();}
 * the thread stays in the outer context for good: on a pooled thread the next, unrelated request
 * would run in a stale session. Restoring the opening context instead is what the caller meant by
 * closing.
 */
final class SafeScope implements Scope {

  private final Scope delegate;
  private final Context before;
  private final Context attached;
  private final String method;
  private final Thread owner = Thread.currentThread();
  // Only the owner thread reads or writes it.
  private boolean closed;

  SafeScope(Scope delegate, Context before, Context attached, String method) {
    this.delegate = delegate;
    this.before = before;
    this.attached = attached;
    this.method = method;
  }

  @Override
  public void close() {
    try {
      closeOnce();
    } catch (Throwable t) {
      Inputs.failed("Closing the scope of " + method, t, "was ignored");
    }
  }

  private void closeOnce() {
    Thread current = Thread.currentThread();
    if (current != owner) {
      // The context is attached to the owner's thread; detaching it from here is impossible, and
      // marking the scope closed would stop the owner from detaching it later.
      Inputs.warn(
          "The scope of "
              + method
              + " was closed on thread \""
              + current.getName()
              + "\" but opened on thread \""
              + owner.getName()
              + "\"; ignored. Close a scope on the thread that opened it.");
      return;
    }
    if (closed) {
      return;
    }
    closed = true;
    try {
      delegate.close();
      // OTel ignores the close of a scope that is not the innermost one; then this scope's values
      // would stay current. Compare values, not contexts: under the javaagent every
      // Context.current() is a fresh wrapper.
      if (isInside(Context.current())) {
        Inputs.warn(
            "The scope of "
                + method
                + " was closed while a scope opened inside it was still open; the context from"
                + " before it opened was restored. Close scopes in reverse order of opening"
                + " (try-with-resources does).");
        // Deliberately never closed: it stands for the caller's own, already closed scope.
        @SuppressWarnings({"MustBeClosedChecker", "unused"})
        Scope restored = before.makeCurrent();
      }
    } catch (Throwable t) {
      Inputs.failed("Closing the scope of " + method, t, "was ignored");
    }
  }

  /** Returns whether {@code now} still holds the values this scope put in place. */
  // Identity, not equality: a scope asks whether the very values it attached are still in place.
  @SuppressWarnings("ReferenceEquality")
  private boolean isInside(Context now) {
    ContextValues ours = attached.get(ContextValues.KEY);
    if (ours == null || ours == before.get(ContextValues.KEY)) {
      return false;
    }
    ContextValues current = now.get(ContextValues.KEY);
    // The usual case, an in-order close, is settled without walking the chain.
    return current != null && current != before.get(ContextValues.KEY) && current.isWithin(ours);
  }

  @Override
  public String toString() {
    return "OpenInferenceScope{" + method + (closed ? ", closed}" : "}");
  }
}
