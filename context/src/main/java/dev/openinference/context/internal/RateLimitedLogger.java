/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * A {@link java.util.logging.Logger} wrapper that logs at most a few warnings a minute, so a hot
 * loop fed bad input cannot flood the application's log.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class RateLimitedLogger {

  private static final int MAX_PER_WINDOW = 5;
  private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Logger logger;
  private final Object lock = new Object();
  private long windowStart;
  private int loggedInWindow;
  private long suppressed;

  private RateLimitedLogger(Logger logger) {
    this.logger = logger;
    this.windowStart = System.nanoTime();
  }

  /** Returns a rate-limited logger that writes to the logger named after {@code type}. */
  public static RateLimitedLogger create(Class<?> type) {
    return new RateLimitedLogger(Logger.getLogger(type.getName()));
  }

  /** Logs {@code message} at {@link Level#WARNING} unless the rate limit has been reached. */
  public void warning(String message) {
    log(Level.WARNING, message, null);
  }

  /** Logs {@code message} and {@code thrown} at {@link Level#WARNING}, rate-limited. */
  public void warning(String message, Throwable thrown) {
    log(Level.WARNING, message, thrown);
  }

  private void log(Level level, String message, @Nullable Throwable thrown) {
    // A handler or formatter the application installed may throw (even an Error, for instance on
    // a hostile exception's toString()); logging must never break the caller.
    try {
      if (!logger.isLoggable(level)) {
        return;
      }
      long suppressedBefore;
      long quietNanos = 0;
      synchronized (lock) {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
          windowStart = now;
          loggedInWindow = 0;
        }
        if (loggedInWindow >= MAX_PER_WINDOW) {
          suppressed++;
          return;
        }
        loggedInWindow++;
        if (loggedInWindow == MAX_PER_WINDOW) {
          quietNanos = windowStart + WINDOW_NANOS - now;
        }
        suppressedBefore = suppressed;
        suppressed = 0;
      }
      StringBuilder text = new StringBuilder(message);
      if (suppressedBefore > 0) {
        text.append(" (").append(suppressedBefore).append(" similar warnings were suppressed)");
      }
      if (quietNanos > 0) {
        // The last one of the window says so: silence afterwards is not mistaken for health.
        long seconds = Math.max(1, (quietNanos + 999_999_999L) / 1_000_000_000L);
        text.append(" (further warnings suppressed for ").append(seconds).append(" s)");
      }
      LogRecord record = new LogRecord(level, text.toString());
      record.setLoggerName(logger.getName());
      record.setThrown(thrown);
      StackTraceElement caller = caller();
      if (caller != null) {
        record.setSourceClassName(caller.getClassName());
        record.setSourceMethodName(caller.getMethodName());
      }
      logger.log(record);
    } catch (Throwable t) {
      // Nothing sensible is left to do with it.
    }
  }

  /** The first frame outside this class: whoever asked for the warning. At most 5 a minute. */
  @Nullable
  private static StackTraceElement caller() {
    StackTraceElement[] stack = new Throwable().getStackTrace();
    for (StackTraceElement frame : stack) {
      if (!frame.getClassName().equals(RateLimitedLogger.class.getName())) {
        return frame;
      }
    }
    return null;
  }

  /**
   * Returns {@code value} as it should appear in a log message: quoted, with control characters
   * escaped and long values cut, so a bad value is named without flooding the log.
   */
  public static String describe(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    String text;
    if (value instanceof java.util.Collection
        || value instanceof java.util.Map
        || value instanceof Iterable
        || value.getClass().isArray()) {
      // A container's own toString() may be exponential on shared parts or endless: encode it
      // within a small budget instead.
      JsonEncoder.Encoding encoding = JsonEncoder.encode(value, ContextLimits.current(), 200);
      return encoding.json() != null
          ? encoding.json()
          : "<" + value.getClass().getName() + ", too long to show>";
    }
    try {
      text = String.valueOf(value);
    } catch (Throwable t) {
      return "<"
          + value.getClass().getName()
          + " whose toString() threw "
          + describeThrowable(t)
          + ">";
    }
    if (text == null) {
      return "<" + value.getClass().getName() + " whose toString() returned null>";
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), 100) + 8).append('"');
    int limit = Math.min(text.length(), 100);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
    if (text.length() > limit) {
      sb.append("... (").append(text.length()).append(" chars)");
    }
    return sb.toString();
  }

  /**
   * Returns {@code t}'s class and message for a log message; a message that cannot be read (a
   * hostile {@code getMessage()}) is left out, never rethrown.
   */
  public static String describeThrowable(Throwable t) {
    String name = t.getClass().getName();
    try {
      String message = t.getMessage();
      return message == null ? name : name + ": " + describe(message);
    } catch (Throwable unreadable) {
      return name;
    }
  }

  /** Starts a new window with nothing logged and nothing suppressed; for tests. */
  public void reset() {
    synchronized (lock) {
      windowStart = System.nanoTime();
      loggedInWindow = 0;
      suppressed = 0;
    }
  }

  @Override
  public String toString() {
    return "RateLimitedLogger{logger="
        + logger.getName()
        + ", maxPerMinute="
        + MAX_PER_WINDOW
        + "}";
  }
}
