/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the terminal readable: the OTel SDK, gRPC and the OpenInference set-up log at INFO, which
 * the examples hide unless run with {@code -Ddemo.verbose=true}. Warnings still show, so a failed
 * export is never silent.
 */
final class ExampleLogging {

  // JUL holds loggers weakly: a level set on a collected logger would be lost.
  private static final List<Logger> QUIETED =
      List.of(
          Logger.getLogger("io.opentelemetry"),
          Logger.getLogger("io.grpc"),
          Logger.getLogger("dev.openinference"));

  static void configure() {
    if (Boolean.getBoolean("demo.verbose")) {
      return;
    }
    for (Logger logger : QUIETED) {
      logger.setLevel(Level.WARNING);
    }
  }

  private ExampleLogging() {}
}
