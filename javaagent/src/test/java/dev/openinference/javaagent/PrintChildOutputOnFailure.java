/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the child JVM's command line and output when a test about its run fails. */
final class PrintChildOutputOnFailure implements TestWatcher {

  private final Supplier<AppRun> run;

  PrintChildOutputOnFailure(Supplier<AppRun> run) {
    this.run = run;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    AppRun failed = run.get();
    if (failed != null) {
      System.err.println(
          context.getDisplayName() + " failed; " + failed + "\n" + failed.describe());
    }
  }

  @Override
  public String toString() {
    return "PrintChildOutputOnFailure";
  }
}
