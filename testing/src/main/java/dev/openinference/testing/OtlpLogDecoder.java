/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

/** Decodes OTLP log records into {@link ReceivedLogRecord}s. */
final class OtlpLogDecoder {

  static List<ReceivedLogRecord> records(ExportLogsServiceRequest request) {
    List<ReceivedLogRecord> records = new ArrayList<>();
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        for (LogRecord record : scopeLogs.getLogRecordsList()) {
          AnyValue body = record.getBody();
          String text =
              record.hasBody()
                  ? body.hasStringValue() ? body.getStringValue() : OtlpSpanDecoder.json(body)
                  : null;
          records.add(
              new ReceivedLogRecord(
                  record.getEventName(),
                  OtlpSpanDecoder.hex(record.getTraceId()),
                  OtlpSpanDecoder.hex(record.getSpanId()),
                  OtlpSpanDecoder.attributes(record.getAttributesList()),
                  text));
        }
      }
    }
    return records;
  }

  private OtlpLogDecoder() {}
}
