/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitedLoggerTest {

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Logger julLogger = Logger.getLogger(RateLimitedLoggerTest.class.getName());
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void capture() {
    julLogger.setUseParentHandlers(false);
    julLogger.addHandler(handler);
  }

  @AfterEach
  void release() {
    julLogger.removeHandler(handler);
    julLogger.setUseParentHandlers(true);
  }

  @Test
  void lastWarningOfTheWindowSaysFurtherWarningsAreSuppressedAndForHowLong() {
    RateLimitedLogger logger = RateLimitedLogger.create(RateLimitedLoggerTest.class);
    for (int i = 1; i <= 8; i++) {
      logger.warning("bad value " + i);
    }

    assertThat(records).hasSize(5);
    for (int i = 0; i < 4; i++) {
      assertThat(records.get(i).getMessage()).isEqualTo("bad value " + (i + 1));
    }
    assertThat(records.get(4).getMessage())
        .matches("bad value 5 \\(further warnings suppressed for ([1-9]|[1-5][0-9]|60) s\\)");
  }

  @Test
  void warningsNameTheCallingClassAndMethodNotTheRateLimiter() {
    RateLimitedLogger.create(RateLimitedLoggerTest.class).warning("named");

    assertThat(records)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getSourceClassName())
                  .isEqualTo(RateLimitedLoggerTest.class.getName());
              assertThat(record.getSourceMethodName())
                  .isEqualTo("warningsNameTheCallingClassAndMethodNotTheRateLimiter");
              assertThat(record.getLoggerName()).isEqualTo(RateLimitedLoggerTest.class.getName());
            });
  }

  @Test
  void aThrowableTravelsWithItsWarning() {
    IllegalStateException problem = new IllegalStateException("boom");
    RateLimitedLogger.create(RateLimitedLoggerTest.class).warning("with cause", problem);

    assertThat(records).singleElement().satisfies(r -> assertThat(r.getThrown()).isSameAs(problem));
  }
}
