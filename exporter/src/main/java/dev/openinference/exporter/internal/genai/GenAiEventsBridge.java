/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;

/**
 * Joins GenAI content that instrumentation emits as log-record events ({@code gen_ai.user.message},
 * {@code gen_ai.choice}, ...: the OpenTelemetry OpenAI instrumentation does this) onto the span
 * they belong to. As a {@link LogRecordProcessor} it keeps each such record, keyed by its span,
 * until the span's export takes them ({@link #take}).
 *
 * <p>Memory is bounded whatever the load: at most {@value #MAX_SPANS} spans are held, at most
 * {@value #MAX_EVENTS_PER_SPAN} events each, and none for longer than {@value #MAX_AGE_MINUTES}
 * minutes; past a bound the oldest go first. Records of unsampled spans, which are never exported,
 * are not kept at all. The records still reach the other log processors as they are.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class GenAiEventsBridge implements LogRecordProcessor {

  static final int MAX_SPANS = 4096;
  static final int MAX_EVENTS_PER_SPAN = 256;
  static final long MAX_AGE_MINUTES = 10;
  private static final int MAX_BODY_DEPTH = 32;
  private static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");

  private static final GenAiEventsBridge SHARED =
      new GenAiEventsBridge(System::nanoTime, MAX_SPANS);

  private final LongSupplier nanoClock;
  private final int maxSpans;
  private final long maxAgeNanos = TimeUnit.MINUTES.toNanos(MAX_AGE_MINUTES);
  // Insertion order is age order, so the eldest entry is the first to evict.
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();

  private GenAiEventsBridge(LongSupplier nanoClock, int maxSpans) {
    this.nanoClock = nanoClock;
    this.maxSpans = maxSpans;
  }

  /**
   * Returns the process-wide bridge. Records are keyed by span id, so every SDK in the process can
   * share it: the logs pipeline feeds it and the span exporter reads it.
   */
  public static GenAiEventsBridge shared() {
    return SHARED;
  }

  /** Returns a bridge of its own, for tests. */
  static GenAiEventsBridge create(LongSupplier nanoClock, int maxSpans) {
    return new GenAiEventsBridge(nanoClock, maxSpans);
  }

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    try {
      SpanContext spanContext = logRecord.getSpanContext();
      if (!spanContext.isValid() || !spanContext.isSampled()) {
        return;
      }
      String name = logRecord.getEventName();
      if (name == null) {
        name = logRecord.getAttribute(EVENT_NAME);
      }
      if (!GenAiEvent.isContentEvent(name)) {
        return;
      }
      GenAiEvent event =
          GenAiEvent.create(
              name,
              logRecord.getInstrumentationScopeInfo().getName(),
              toJava(logRecord.getBodyValue(), 0),
              logRecord.getAttributes());
      add(spanContext, event);
    } catch (RuntimeException e) {
      // A record we cannot read is left to the other processors; the span is exported without it.
    }
  }

  void add(SpanContext spanContext, GenAiEvent event) {
    long now = nanoClock.getAsLong();
    synchronized (pending) {
      String key = spanContext.getSpanId();
      Pending entry = pending.get(key);
      if (entry == null || !entry.traceId.equals(spanContext.getTraceId())) {
        entry = new Pending(spanContext.getTraceId(), now);
        pending.remove(key);
        pending.put(key, entry);
      }
      if (entry.events.size() < MAX_EVENTS_PER_SPAN) {
        entry.events.add(event);
      }
      evict(now);
    }
  }

  private void evict(long now) {
    Iterator<Pending> eldest = pending.values().iterator();
    while (eldest.hasNext()) {
      Pending entry = eldest.next();
      if (pending.size() <= maxSpans && now - entry.createdNanos <= maxAgeNanos) {
        return;
      }
      eldest.remove();
    }
  }

  /** Removes and returns the events held for {@code spanContext}'s span; empty when none. */
  public List<GenAiEvent> take(SpanContext spanContext) {
    synchronized (pending) {
      if (pending.isEmpty()) {
        return Collections.emptyList();
      }
      Pending entry = pending.get(spanContext.getSpanId());
      if (entry == null || !entry.traceId.equals(spanContext.getTraceId())) {
        return Collections.emptyList();
      }
      pending.remove(spanContext.getSpanId());
      return entry.events;
    }
  }

  /** Returns how many spans have events waiting. */
  int pendingSpans() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /** Returns a log body as plain Java values (see {@link #toJava}). */
  @Nullable
  public static Object bodyAsJava(@Nullable Value<?> body) {
    try {
      return toJava(body, 0);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A log body as plain Java values: objects as maps, arrays as lists, bytes as base64. */
  @Nullable
  static Object toJava(@Nullable Value<?> value, int depth) {
    if (value == null) {
      return null;
    }
    if (depth > MAX_BODY_DEPTH) {
      return value.asString();
    }
    switch (value.getType()) {
      case STRING:
      case BOOLEAN:
      case LONG:
      case DOUBLE:
        return value.getValue();
      case BYTES:
        ByteBuffer bytes = ((ByteBuffer) value.getValue()).duplicate();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return Base64.getEncoder().encodeToString(array);
      case ARRAY:
        List<?> elements = (List<?>) value.getValue();
        List<Object> list = new ArrayList<>(elements.size());
        for (Object element : elements) {
          Object converted = toJava((Value<?>) element, depth + 1);
          list.add(converted == null ? Json.NULL : converted);
        }
        return list;
      case KEY_VALUE_LIST:
        List<?> members = (List<?>) value.getValue();
        Map<String, Object> map = new LinkedHashMap<>();
        for (Object member : members) {
          KeyValue keyValue = (KeyValue) member;
          Object converted = toJava(keyValue.getValue(), depth + 1);
          map.put(keyValue.getKey(), converted == null ? Json.NULL : converted);
        }
        return map;
      default:
        return value.asString();
    }
  }

  @Override
  public String toString() {
    return "GenAiEventsBridge{pendingSpans=" + pendingSpans() + ", maxSpans=" + maxSpans + "}";
  }

  private static final class Pending {
    final String traceId;
    final long createdNanos;
    final List<GenAiEvent> events = new ArrayList<>(4);

    Pending(String traceId, long createdNanos) {
      this.traceId = traceId;
      this.createdNanos = createdNanos;
    }
  }
}
