/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.masking;

import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Masks the GenAI content log records ({@code gen_ai.user.message}, {@code gen_ai.choice}, ...) on
 * their way to a logs exporter, with the same flags as the spans they are joined onto: a record
 * whose messages are hidden is not exported, and hidden text or images in a body are redacted or
 * removed. Other records pass through as the same objects.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class MaskingLogRecordExporter implements LogRecordExporter {

  private static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");

  private final LogRecordExporter delegate;
  private final AttributeMasker masker;

  private MaskingLogRecordExporter(LogRecordExporter delegate, AttributeMasker masker) {
    this.delegate = delegate;
    this.masker = masker;
  }

  /** Returns {@code delegate} wrapped, or itself when {@code config} hides nothing. */
  public static LogRecordExporter wrap(LogRecordExporter delegate, TraceConfig config) {
    AttributeMasker masker = AttributeMasker.create(config);
    if (!masker.hidesAnything() || delegate instanceof MaskingLogRecordExporter) {
      return delegate;
    }
    return new MaskingLogRecordExporter(delegate, masker);
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    List<LogRecordData> masked = new ArrayList<>(logs.size());
    for (LogRecordData log : logs) {
      LogRecordData out = mask(log);
      if (out != null) {
        masked.add(out);
      }
    }
    return delegate.export(masked);
  }

  @Nullable
  private LogRecordData mask(LogRecordData log) {
    String name = log.getEventName();
    if (name == null) {
      // Some instrumentation (the AWS SDK's Bedrock events) names its events by attribute.
      name = log.getAttributes().get(EVENT_NAME);
    }
    EventMasker.Direction direction =
        name == null ? EventMasker.Direction.NONE : EventMasker.Direction.of(name);
    if (direction == EventMasker.Direction.NONE) {
      return log;
    }
    boolean output = direction == EventMasker.Direction.OUTPUT;
    if (output ? masker.hidesOutputMessages() : masker.hidesInputMessages()) {
      return null;
    }
    if (!masker.content().masksBodies(output)) {
      return log;
    }
    Object body = GenAiEventsBridge.bodyAsJava(log.getBodyValue());
    if (!(body instanceof Map)) {
      return log;
    }
    Map<String, Object> maskedBody = masker.content().maskBody((Map<?, ?>) body, output);
    return new MaskedLogRecordData(log, toValue(maskedBody));
  }

  @SuppressWarnings("unchecked")
  private static Value<?> toValue(@Nullable Object value) {
    if (value instanceof Map) {
      List<KeyValue> members = new ArrayList<>();
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) value).entrySet()) {
        members.add(KeyValue.of(entry.getKey(), toValue(entry.getValue())));
      }
      return Value.of(members.toArray(new KeyValue[0]));
    }
    if (value instanceof List) {
      List<Value<?>> elements = new ArrayList<>();
      for (Object element : (List<?>) value) {
        elements.add(toValue(element));
      }
      return Value.of(elements);
    }
    if (value instanceof Boolean) {
      return Value.of((Boolean) value);
    }
    if (value instanceof Long || value instanceof Integer) {
      return Value.of(((Number) value).longValue());
    }
    if (value instanceof Number) {
      return Value.of(((Number) value).doubleValue());
    }
    return Value.of(String.valueOf(value));
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "MaskingLogRecordExporter{delegate=" + delegate + ", masker=" + masker + "}";
  }

  /** A log record with a masked body; the rest is the original's. */
  private static final class MaskedLogRecordData implements LogRecordData {
    private final LogRecordData delegate;
    private final Value<?> body;

    MaskedLogRecordData(LogRecordData delegate, Value<?> body) {
      this.delegate = delegate;
      this.body = body;
    }

    @Override
    public io.opentelemetry.sdk.resources.Resource getResource() {
      return delegate.getResource();
    }

    @Override
    public io.opentelemetry.sdk.common.InstrumentationScopeInfo getInstrumentationScopeInfo() {
      return delegate.getInstrumentationScopeInfo();
    }

    @Override
    public long getTimestampEpochNanos() {
      return delegate.getTimestampEpochNanos();
    }

    @Override
    public long getObservedTimestampEpochNanos() {
      return delegate.getObservedTimestampEpochNanos();
    }

    @Override
    public io.opentelemetry.api.trace.SpanContext getSpanContext() {
      return delegate.getSpanContext();
    }

    @Override
    public io.opentelemetry.api.logs.Severity getSeverity() {
      return delegate.getSeverity();
    }

    @Override
    @Nullable
    public String getSeverityText() {
      return delegate.getSeverityText();
    }

    @Override
    @Deprecated
    public io.opentelemetry.sdk.logs.data.Body getBody() {
      // Named in full: importing the deprecated type would warn where nothing can replace it.
      return io.opentelemetry.sdk.logs.data.Body.string(body.asString());
    }

    @Override
    public Value<?> getBodyValue() {
      return body;
    }

    @Override
    public io.opentelemetry.api.common.Attributes getAttributes() {
      return delegate.getAttributes();
    }

    @Override
    public int getTotalAttributeCount() {
      return delegate.getTotalAttributeCount();
    }

    @Override
    @Nullable
    public String getEventName() {
      return delegate.getEventName();
    }
  }
}
