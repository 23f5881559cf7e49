/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * A {@link Logger} front that lets at most a few warnings through per minute, so that a bad value
 * repeated on every span cannot flood the application's log.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class RateLimitedLogger {

  private static final int PERMITS_PER_WINDOW = 5;
  private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Logger logger;
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicLong usedInWindow = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();

  private RateLimitedLogger(Logger logger) {
    this.logger = logger;
  }

  /** Returns a rate-limited front for the logger named after {@code type}. */
  public static RateLimitedLogger forClass(Class<?> type) {
    return new RateLimitedLogger(Logger.getLogger(type.getName()));
  }

  /** Logs {@code message} at WARNING unless the rate limit has been reached. */
  public void warning(String message) {
    log(Level.WARNING, message, null);
  }

  /** Logs {@code message} and {@code error} at WARNING unless the rate limit has been reached. */
  public void warning(String message, @Nullable Throwable error) {
    log(Level.WARNING, message, error);
  }

  private void log(Level level, String message, @Nullable Throwable error) {
    if (!logger.isLoggable(level)) {
      return;
    }
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start >= WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
      usedInWindow.set(0);
      long dropped = suppressed.getAndSet(0);
      if (dropped > 0) {
        logger.log(level, "Suppressed " + dropped + " similar warning(s) in the last minute.");
      }
    }
    if (usedInWindow.incrementAndGet() > PERMITS_PER_WINDOW) {
      suppressed.incrementAndGet();
      return;
    }
    logger.log(level, message, error);
  }

  @Override
  public String toString() {
    return "RateLimitedLogger{" + logger.getName() + "}";
  }
}
