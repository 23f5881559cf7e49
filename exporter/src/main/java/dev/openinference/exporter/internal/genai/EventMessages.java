/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Reads the GenAI content events of one span into the message shape of {@code
 * gen_ai.input.messages} / {@code gen_ai.output.messages}, so one translation serves attributes and
 * events alike. It understands:
 *
 * <ul>
 *   <li>the per-message events {@code gen_ai.system.message}, {@code gen_ai.user.message}, {@code
 *       gen_ai.assistant.message}, {@code gen_ai.tool.message} and {@code gen_ai.choice}, whose
 *       content is in the log record's body (or, as span events, in their attributes);
 *   <li>{@code gen_ai.client.inference.operation.details}, whose attributes are the span's content
 *       attributes ({@code gen_ai.input.messages} and the like);
 *   <li>the deprecated span events {@code gen_ai.content.prompt} / {@code
 *       gen_ai.content.completion} with {@code gen_ai.prompt} / {@code gen_ai.completion}.
 * </ul>
 *
 * <p>Each instrumentation spells the per-message bodies its own way; {@link EventDialect} names
 * those spellings, one constant per instrumentation, and every body is read through the dialect of
 * the scope its event came from. A malformed event is skipped and the rest kept.
 */
final class EventMessages {

  final List<Object> input = new ArrayList<>();
  final List<Object> output = new ArrayList<>();
  final List<String> finishReasons = new ArrayList<>();

  /** Attribute values from operation-details and deprecated content events, first one wins. */
  final Map<String, Object> attributes = new LinkedHashMap<>();

  private EventMessages() {}

  static EventMessages read(List<GenAiEvent> events) {
    EventMessages messages = new EventMessages();
    for (GenAiEvent event : events) {
      try {
        messages.add(event);
      } catch (RuntimeException e) {
        // A malformed event must not cost the others; it is simply not translated.
      }
    }
    return messages;
  }

  boolean isEmpty() {
    return input.isEmpty() && output.isEmpty() && attributes.isEmpty();
  }

  private void add(GenAiEvent event) {
    EventDialect dialect = EventDialect.of(event.getScopeName());
    Map<?, ?> body = body(event, dialect);
    switch (event.getName()) {
      case "gen_ai.system.message":
        input.add(message("system", body, dialect));
        return;
      case "gen_ai.user.message":
        input.add(message("user", body, dialect));
        return;
      case "gen_ai.assistant.message":
        input.add(message("assistant", body, dialect));
        return;
      case "gen_ai.tool.message":
        input.add(toolMessage(body, dialect));
        return;
      case "gen_ai.choice":
        choice(body, dialect);
        return;
      case "gen_ai.client.inference.operation.details":
      case "gen_ai.content.prompt":
      case "gen_ai.content.completion":
        event
            .getAttributes()
            .forEach(
                (key, value) -> {
                  if (!attributes.containsKey(key.getKey())) {
                    attributes.put(key.getKey(), value);
                  }
                });
        return;
      default:
        // another GenAI event (an evaluation result, say): nothing to translate
    }
  }

  /** The event's body, or for a span event its attributes, as a map. */
  private static Map<?, ?> body(GenAiEvent event, EventDialect dialect) {
    Object body = event.getBody();
    if (body instanceof Map) {
      return (Map<?, ?>) body;
    }
    if (body instanceof String) {
      Object parsed = Json.parse((String) body);
      if (parsed instanceof Map) {
        return (Map<?, ?>) parsed;
      }
      Map<String, Object> text = new LinkedHashMap<>();
      text.put("content", body);
      return text;
    }
    return attributesAsBody(event.getAttributes(), dialect);
  }

  // Span events spell the body's members as attributes; nested members arrive as JSON text.
  private static Map<String, Object> attributesAsBody(Attributes attributes, EventDialect dialect) {
    Map<String, Object> body = new LinkedHashMap<>();
    attributes.forEach(
        (key, value) -> {
          String name = key.getKey();
          if (name.equals(dialect.toolCalls()) || name.equals(dialect.choiceMessage())) {
            Object parsed = value instanceof String ? Json.parse((String) value) : null;
            body.put(name, parsed != null ? parsed : value);
          } else {
            body.put(name, value);
          }
        });
    return body;
  }

  private static Map<String, Object> message(
      String defaultRole, Map<?, ?> body, EventDialect dialect) {
    Object role = body.get("role");
    List<Object> parts = new ArrayList<>();
    Object content = body.get("content");
    if (!(dialect.emptyContentIsNoText() && "".equals(content))) {
      addContentParts(content, parts);
    }
    Object toolCalls = body.get(dialect.toolCalls());
    if (toolCalls instanceof List) {
      for (Object call : (List<?>) toolCalls) {
        if (call instanceof Map) {
          parts.add(toolCallPart((Map<?, ?>) call, dialect));
        }
      }
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", role instanceof String ? role : defaultRole);
    message.put("parts", parts);
    return message;
  }

  private static Map<String, Object> toolMessage(Map<?, ?> body, EventDialect dialect) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("type", "tool_call_response");
    Object id = body.get("id");
    if (id == null && dialect.toolMessageAlternateId() != null) {
      id = body.get(dialect.toolMessageAlternateId());
    }
    if (id != null) {
      part.put("id", id);
    }
    Object content = body.get("content");
    if (content != null) {
      part.put("response", content);
    }
    List<Object> parts = new ArrayList<>(1);
    parts.add(part);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "tool");
    message.put("parts", parts);
    return message;
  }

  private void choice(Map<?, ?> body, EventDialect dialect) {
    Object message = dialect.choiceMessage() == null ? null : body.get(dialect.choiceMessage());
    Map<?, ?> content = message instanceof Map ? (Map<?, ?>) message : body;
    Map<String, Object> out = message("assistant", content, dialect);
    Object index = body.get("index");
    int position = index instanceof Number ? ((Number) index).intValue() : output.size();
    if (position < 0 || position > 1024) {
      position = output.size();
    }
    while (output.size() < position) {
      output.add(Json.NULL);
    }
    if (position < output.size()) {
      output.set(position, out);
    } else {
      output.add(out);
    }
    Object finishReason = body.get("finish_reason");
    if (finishReason instanceof String) {
      finishReasons.add((String) finishReason);
    }
  }

  /** Adds the parts for a message's content: a string, or a list of OpenAI-style content parts. */
  private static void addContentParts(@Nullable Object content, List<Object> parts) {
    if (content == null || content == Json.NULL) {
      return;
    }
    if (!(content instanceof List)) {
      parts.add(textPart(content));
      return;
    }
    for (Object element : (List<?>) content) {
      if (!(element instanceof Map)) {
        if (element != null && element != Json.NULL) {
          parts.add(textPart(element));
        }
        continue;
      }
      Map<?, ?> item = (Map<?, ?>) element;
      Object type = item.get("type");
      if (item.get("text") != null && (type == null || "text".equals(type))) {
        parts.add(textPart(item.get("text")));
      } else if ("image_url".equals(type) && item.get("image_url") instanceof Map) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "uri");
        part.put("modality", "image");
        part.put("uri", ((Map<?, ?>) item.get("image_url")).get("url"));
        parts.add(part);
      } else if (type != null) {
        parts.add(item); // already a GenAI part, or one we keep whole
      }
    }
  }

  private static Map<String, Object> textPart(Object content) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("type", "text");
    part.put("content", content);
    return part;
  }

  private static Map<String, Object> toolCallPart(Map<?, ?> call, EventDialect dialect) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("type", "tool_call");
    if (call.get("id") != null) {
      part.put("id", call.get("id"));
    }
    Object function =
        dialect.toolCallFunction() == null ? null : call.get(dialect.toolCallFunction());
    Map<?, ?> fn = function instanceof Map ? (Map<?, ?>) function : call;
    if (fn.get("name") != null) {
      part.put("name", fn.get("name"));
    }
    if (fn.get("arguments") != null) {
      part.put("arguments", fn.get("arguments"));
    }
    return part;
  }
}
