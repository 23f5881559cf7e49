/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The OpenInference attributes that a span's GenAI attributes, span events and joined log-record
 * events translate to (see {@link GenAiTranslator} for the rules and the documented differences
 * from the reference converter).
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class GenAiTranslation {

  private final Map<String, Object> attributes;
  @Nullable private final OpenInferenceSpanKind kind;

  private GenAiTranslation(Map<String, Object> attributes, @Nullable OpenInferenceSpanKind kind) {
    this.attributes = attributes;
    this.kind = kind;
  }

  /**
   * Translates a span's {@code attributes}, its {@code spanEvents} and the {@code logEvents} joined
   * to it. Values in the result are Strings, Longs, Doubles, Booleans or Lists of Strings.
   */
  public static GenAiTranslation translate(
      Attributes attributes, List<EventData> spanEvents, List<GenAiEvent> logEvents) {
    Map<String, Object> span = new LinkedHashMap<>(attributes.size() * 2);
    attributes.forEach((key, value) -> span.put(key.getKey(), value));
    EventMessages events = null;
    List<GenAiEvent> contentEvents = contentEvents(spanEvents, logEvents);
    if (!contentEvents.isEmpty()) {
      events = EventMessages.read(contentEvents);
    }
    GenAiTranslator.Result result = GenAiTranslator.translate(span, events);
    return new GenAiTranslation(result.attributes, result.kind);
  }

  /**
   * The kind a span's name alone gives it (a framework's dialect, see {@code
   * QuarkusLangChain4jDialect}), or null when the name says nothing.
   */
  @Nullable
  public static OpenInferenceSpanKind kindOfSpanName(String spanName) {
    return QuarkusLangChain4jDialect.kindOfName(spanName);
  }

  /** Whether a span event of this name carries GenAI content. */
  public static boolean isContentEvent(String name) {
    return GenAiEvent.isContentEvent(name);
  }

  private static List<GenAiEvent> contentEvents(
      List<EventData> spanEvents, List<GenAiEvent> logEvents) {
    List<GenAiEvent> events = null;
    for (EventData event : spanEvents) {
      if (GenAiEvent.isContentEvent(event.getName())) {
        if (events == null) {
          events = new ArrayList<>(spanEvents.size() + logEvents.size());
        }
        events.add(GenAiEvent.create(event.getName(), null, event.getAttributes()));
      }
    }
    if (events == null) {
      return logEvents.isEmpty() ? Collections.<GenAiEvent>emptyList() : logEvents;
    }
    events.addAll(logEvents);
    return events;
  }

  /** The translated attributes by name, in the reference's order. */
  public Map<String, Object> getAttributes() {
    return attributes;
  }

  /** The kind the GenAI content gives the span, or null when it says nothing about the kind. */
  @Nullable
  public OpenInferenceSpanKind getKind() {
    return kind;
  }

  @Override
  public String toString() {
    return "GenAiTranslation{kind=" + kind + ", attributes=" + attributes.size() + "}";
  }
}
