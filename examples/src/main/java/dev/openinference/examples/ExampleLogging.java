/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
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

  /**
   * Collects the reports of failed exports, which the OpenInference exporter writes to the logger
   * {@code dev.openinference.exporter.ExportFailures} (each names the endpoint), so an example can
   * say it failed instead of claiming it sent its spans.
   */
  static FailedExports watchFailedExports() {
    return new FailedExports();
  }

  /** The export failures reported since {@link #watchFailedExports()}. */
  static final class FailedExports extends Handler {
    private static final Logger REPORTS =
        Logger.getLogger("dev.openinference.exporter.ExportFailures");
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private FailedExports() {
      REPORTS.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        messages.add(record.getMessage());
      }
    }

    /** The first failure's report, or null if every export went through. */
    String first() {
      return messages.isEmpty() ? null : messages.get(0);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      REPORTS.removeHandler(this);
    }
  }

  private ExampleLogging() {}
}
