/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects the warnings of the context API while open; resets its rate limit first. */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger(OpenInference.class.getName());
  private final List<LogRecord> records = new ArrayList<>();
  private final boolean parentHandlers;

  LogCapture() {
    Inputs.logger.reset();
    parentHandlers = logger.getUseParentHandlers();
    // Captured warnings are asserted on, not printed: a green run prints no stray WARNING.
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      records.add(record);
    }
  }

  synchronized List<String> warnings() {
    return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(parentHandlers);
  }
}
