/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a logger (and the loggers below it) writes while open, instead of printing it, so a
 * test can assert on the warnings it provokes and a green run stays quiet.
 *
 * <pre>{@code
 * try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
 *   ...
 *   assertThat(logs.warnings()).containsExactly("...");
 * }
 * }</pre>
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

  private final Logger logger;
  private final boolean usedParentHandlers;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private CapturedLogs(Logger logger) {
    this.logger = logger;
    this.usedParentHandlers = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  /** Captures the logger named {@code loggerName} and its children, for example a package. */
  public static CapturedLogs of(String loggerName) {
    return new CapturedLogs(Logger.getLogger(loggerName));
  }

  /** The messages of the records at {@link Level#WARNING} or above, in order. */
  public List<String> warnings() {
    List<String> messages = new ArrayList<>();
    for (LogRecord record : records) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        messages.add(record.getMessage());
      }
    }
    return messages;
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
    logger.setUseParentHandlers(usedParentHandlers);
  }

  @Override
  public String toString() {
    return "CapturedLogs{logger=" + logger.getName() + ", records=" + records.size() + "}";
  }
}
