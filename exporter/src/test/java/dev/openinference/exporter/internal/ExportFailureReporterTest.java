/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportFailureReporterTest {

  private final Logger logger = Logger.getLogger(ExportFailureReporter.LOGGER_NAME);
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
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
  private final AtomicLong now = new AtomicLong();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ExportFailureReporter reporter =
      ExportFailureReporter.create(new NamedExporter(), now::get, new PrintStream(stderr, true));

  @BeforeEach
  void capture() {
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  @AfterEach
  void release() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(true);
  }

  private List<String> messages() {
    return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  @Test
  void laterFailuresAreCountedAndReportedAtMostOnceAMinute() {
    reporter.watch(CompletableResultCode.ofFailure(), 4);
    reporter.watch(CompletableResultCode.ofFailure(), 3);
    now.addAndGet(TimeUnit.SECONDS.toNanos(59));
    reporter.watch(CompletableResultCode.ofFailure(), 2);
    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    reporter.watch(CompletableResultCode.ofFailure(), 1);

    assertThat(messages()).hasSize(2);
    assertThat(messages().get(0))
        .startsWith(
            "Could not export 4 spans to http://collector.example:4318/v1/traces (NamedExporter)");
    assertThat(messages().get(1))
        .startsWith(
            "Still cannot export spans to http://collector.example:4318/v1/traces (NamedExporter):"
                + " 6 spans in 3 exports lost since the last report");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aSuccessAfterFailuresSaysSoOnceAndASuccessAloneSaysNothing() {
    reporter.watch(CompletableResultCode.ofSuccess(), 5);
    assertThat(messages()).isEmpty();

    reporter.watch(CompletableResultCode.ofFailure(), 4);
    reporter.watch(CompletableResultCode.ofFailure(), 3);
    reporter.watch(CompletableResultCode.ofSuccess(), 2);
    reporter.watch(CompletableResultCode.ofSuccess(), 2);

    assertThat(messages()).hasSize(2);
    assertThat(messages().get(1))
        .isEqualTo(
            "Spans reach http://collector.example:4318/v1/traces (NamedExporter) again; 3 more"
                + " spans were lost before that.");
  }

  @Test
  void anExporterWithoutAnEndpointIsNamedByItsClass() {
    SpanExporter plain = SpanExporter.composite();
    assertThat(ExportFailureReporter.describe(plain)).isEqualTo(plain.getClass().getSimpleName());
  }

  /** Describes itself as the OTLP exporters do. */
  private static final class NamedExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "NamedExporter{exporterName=otlp, type=span, endpoint=http://collector.example:4318/v1/traces, timeoutNanos=10}";
    }
  }
}
