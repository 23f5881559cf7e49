/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Collects the warnings of this package's loggers while open, and keeps them off the console, so a
 * test can assert on the warnings it expects and a green run prints none.
 */
final class WarningCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("dev.openinference.instrumentation.langchain4j");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final boolean useParentHandlers;

  WarningCapture() {
    useParentHandlers = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      records.add(record);
    }
  }

  List<String> warnings() {
    return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(useParentHandlers);
  }
}
