/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what one {@code java.util.logging} logger logs ("LEVEL message") while open. */
final class WarningCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<String> records = Collections.synchronizedList(new ArrayList<>());

  private final boolean usedParentHandlers;

  WarningCapture(String loggerName) {
    logger = Logger.getLogger(loggerName);
    usedParentHandlers = logger.getUseParentHandlers();
    // Captured, not printed: a green run shows no expected warning.
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  List<String> records() {
    synchronized (records) {
      return new ArrayList<>(records);
    }
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record.getLevel() + " " + record.getMessage());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(usedParentHandlers);
  }
}
