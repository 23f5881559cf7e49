/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.testing.SessionView;
import java.io.OutputStream;
import java.io.PrintStream;

/** What the examples' {@code main} methods share. */
final class Examples {

  /** Where a {@code --quiet} run prints its narrative. */
  static PrintStream nowhere() {
    return new PrintStream(OutputStream.nullOutputStream());
  }

  /** The session view's last line: "every span carries its session: N/M ...". */
  static String checkLine(SessionView view) {
    String[] lines = view.render().strip().split("\n", -1);
    return lines[lines.length - 1];
  }

  /**
   * Lets the JDK {@code HttpServer} (the receiver's OTLP endpoint and the examples' services)
   * answer without Nagle's delay: it writes a response's headers and body separately, and the body
   * would wait about 40 ms for the client's delayed ACK. The JDK reads this once, when its first
   * server starts, so every example calls it before starting one; a value the user set is kept.
   */
  static void disableNagleInJdkHttpServer() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private Examples() {}
}
