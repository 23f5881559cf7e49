/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the span helpers' warnings while open, instead of printing them; resets their rate limit
 * first.
 */
final class TracerWarnings extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger(OpenInferenceTracer.class.getName());
  private final List<String> messages = new ArrayList<>();

  TracerWarnings() {
    SpanValues.logger.reset();
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      messages.add(record.getMessage());
    }
  }

  synchronized List<String> messages() {
    return new ArrayList<>(messages);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(true);
  }
}
