/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.masking;

import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.genai.Json;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Masks span events as {@link AttributeMasker} masks span attributes: an event attribute is masked
 * by the rule for its key, and the GenAI per-message events follow the message flags (dropped whole
 * when their messages are hidden, their content redacted when their text is).
 */
final class EventMasker {

  private static final AttributeKey<String> CONTENT = AttributeKey.stringKey("content");

  private final AttributeMasker masker;

  EventMasker(AttributeMasker masker) {
    this.masker = masker;
  }

  List<EventData> mask(List<EventData> events) {
    List<EventData> result = null;
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      EventData masked = maskEvent(event);
      if (masked != event && result == null) {
        result = new ArrayList<>(events.size());
        result.addAll(events.subList(0, i));
      }
      if (result != null && masked != null) {
        result.add(masked);
      }
    }
    return result == null ? events : result;
  }

  /** Returns the event itself when unchanged, a masked copy, or null to drop it. */
  @Nullable
  private EventData maskEvent(EventData event) {
    Direction direction = Direction.of(event.getName());
    if (direction == Direction.INPUT && masker.hidesInputMessages()) {
      return null;
    }
    if (direction == Direction.OUTPUT && masker.hidesOutputMessages()) {
      return null;
    }
    boolean output = direction == Direction.OUTPUT;
    boolean bodyMasking = direction != Direction.NONE && masker.content().masksBodies(output);
    Attributes attributes = event.getAttributes();
    if (!bodyMasking && !changes(attributes)) {
      return event;
    }
    AttributesBuilder builder = Attributes.builder();
    attributes.forEach(
        (key, value) -> {
          @SuppressWarnings("unchecked")
          AttributeKey<Object> typed = (AttributeKey<Object>) key;
          if (bodyMasking) {
            Object masked = maskBodyMember(key.getKey(), value, output);
            if (masked != value) {
              builder.put(AttributeKey.stringKey(key.getKey()), String.valueOf(masked));
              return;
            }
          }
          put(builder, typed, value);
        });
    return EventData.create(
        event.getEpochNanos(), event.getName(), builder.build(), event.getTotalAttributeCount());
  }

  private boolean changes(Attributes attributes) {
    boolean[] changes = {false};
    attributes.forEach(
        (key, value) -> {
          if (!changes[0] && masker.actionFor(key.getKey(), value) != AttributeMasker.KEEP) {
            changes[0] = true;
          }
        });
    return changes[0];
  }

  // A per-message span event spells its body as attributes: content, tool_calls, message.
  private Object maskBodyMember(String name, Object value, boolean output) {
    boolean hideText = output ? masker.hidesOutputText() : masker.hidesInputText();
    if (name.equals(CONTENT.getKey())) {
      if (hideText) {
        return TraceConfig.REDACTED_VALUE;
      }
      Object parsed = value instanceof String ? Json.parse((String) value) : null;
      if (parsed instanceof List) {
        return masker.content().mask(value, output, true);
      }
      return value;
    }
    if (name.equals("message")) {
      Object parsed = value instanceof String ? Json.parse((String) value) : null;
      if (parsed instanceof Map) {
        return Json.stringify(masker.content().maskBody((Map<?, ?>) parsed, output));
      }
      return hideText ? TraceConfig.REDACTED_VALUE : value;
    }
    return value;
  }

  private void put(AttributesBuilder builder, AttributeKey<Object> key, Object value) {
    String name = key.getKey();
    switch (masker.actionFor(name, value)) {
      case AttributeMasker.KEEP:
        builder.put(key, value);
        return;
      case AttributeMasker.REDACT:
        builder.put(stringKeyFor(key), TraceConfig.REDACTED_VALUE);
        return;
      case AttributeMasker.REWRITE:
        Object rewritten = masker.rewrite(name, value);
        if (rewritten != null) {
          builder.put(stringKeyFor(key), rewritten.toString());
        }
        return;
      default:
        // dropped
    }
  }

  @SuppressWarnings("unchecked")
  private static AttributeKey<String> stringKeyFor(AttributeKey<?> key) {
    return key.getType() == AttributeType.STRING
        ? (AttributeKey<String>) key
        : AttributeKey.stringKey(key.getKey());
  }

  /** Which messages a GenAI per-message event carries. */
  enum Direction {
    INPUT,
    OUTPUT,
    NONE;

    static Direction of(String eventName) {
      switch (eventName) {
        case "gen_ai.system.message":
        case "gen_ai.user.message":
        case "gen_ai.assistant.message":
        case "gen_ai.tool.message":
          return INPUT;
        case "gen_ai.choice":
          return OUTPUT;
        default:
          return NONE;
      }
    }
  }

  @Override
  public String toString() {
    return "EventMasker{}";
  }
}
