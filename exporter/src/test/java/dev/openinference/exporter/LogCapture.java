/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects the java.util.logging messages of one logger while open. */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    // Captured, not printed: a green run shows no expected warning.
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  static LogCapture of(Class<?> type) {
    return named(type.getName());
  }

  static LogCapture named(String loggerName) {
    return new LogCapture(Logger.getLogger(loggerName));
  }

  List<String> messages() {
    return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  List<java.util.logging.Level> levels() {
    return records.stream().map(LogRecord::getLevel).collect(Collectors.toList());
  }

  List<Throwable> thrown() {
    return records.stream()
        .map(LogRecord::getThrown)
        .filter(java.util.Objects::nonNull)
        .collect(Collectors.toList());
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(true);
  }
}
