/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.api.common.Attributes;
import javax.annotation.Nullable;

/**
 * One log record an {@link OtlpReceiver} received over OTLP/HTTP ({@code POST /v1/logs}), decoded
 * from protobuf. Immutable.
 */
public final class ReceivedLogRecord {

  private final String eventName;
  private final String traceId;
  private final String spanId;
  private final Attributes attributes;
  @Nullable private final String body;

  ReceivedLogRecord(
      String eventName,
      String traceId,
      String spanId,
      Attributes attributes,
      @Nullable String body) {
    this.eventName = eventName;
    this.traceId = traceId;
    this.spanId = spanId;
    this.attributes = attributes;
    this.body = body;
  }

  /**
   * Returns the record's event name.
   *
   * @return the event name, for example {@code gen_ai.evaluation.result}; empty when it has none
   */
  public String getEventName() {
    return eventName;
  }

  /**
   * Returns the trace id of the record's span context.
   *
   * @return 32 lowercase hex digits; empty when the record has no span context
   */
  public String getTraceId() {
    return traceId;
  }

  /**
   * Returns the span id of the record's span context.
   *
   * @return 16 lowercase hex digits; empty when the record has no span context
   */
  public String getSpanId() {
    return spanId;
  }

  /**
   * Returns the record's attributes.
   *
   * @return the attributes as sent, never null
   */
  public Attributes getAttributes() {
    return attributes;
  }

  /**
   * Returns the record's body.
   *
   * @return a string body as it is, any other body as JSON; null when there is none
   */
  @Nullable
  public String getBody() {
    return body;
  }

  @Override
  public String toString() {
    return "ReceivedLogRecord{eventName="
        + eventName
        + ", traceId="
        + traceId
        + ", spanId="
        + spanId
        + ", attributes="
        + attributes
        + "}";
  }
}
