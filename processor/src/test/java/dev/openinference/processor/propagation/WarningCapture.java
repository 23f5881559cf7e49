/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the warnings of the propagation package (and the provider under it) while open, keeping
 * them off the console; resets the rate limits first.
 */
final class WarningCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("dev.openinference.processor.propagation");
  private final List<String> warnings = new ArrayList<>();
  private final boolean useParentHandlers;

  WarningCapture() {
    OpenInferencePropagator.logger.reset();
    OpenInferencePropagatorBuilder.logger.reset();
    useParentHandlers = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      warnings.add(record.getMessage());
    }
  }

  synchronized List<String> warnings() {
    return new ArrayList<>(warnings);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(useParentHandlers);
  }
}
