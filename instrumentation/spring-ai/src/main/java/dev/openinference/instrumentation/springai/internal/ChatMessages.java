/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import dev.openinference.semconv.MessageContentKeys;
import dev.openinference.semconv.MessageContentType;
import dev.openinference.semconv.MessageKeys;
import dev.openinference.semconv.ToolCallKeys;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import javax.annotation.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;

/**
 * Spring AI chat messages as OpenInference messages: flattened onto a span ({@code
 * llm.input_messages.<i>.message.*}) and as the JSON of {@code input.value} / {@code output.value},
 * in the OpenAI chat shape.
 *
 * <p>One Spring AI {@link ToolResponseMessage} holds the results of several tool calls; each
 * becomes a message of its own with role {@code tool}, as OpenInference and the OpenAI API have it.
 * Media parts become {@code message.contents} entries; when a message has media its text is the
 * first content part rather than {@code message.content}.
 */
final class ChatMessages {

  private ChatMessages() {}

  /** One OpenInference message. */
  record View(
      String role,
      @Nullable String text,
      List<MediaPart> media,
      List<AssistantMessage.ToolCall> toolCalls,
      @Nullable String toolCallId,
      @Nullable String name) {}

  /** One media part: its OpenInference content type and its URL ({@code data:} URL for bytes). */
  record MediaPart(String type, String url, @Nullable String mimeType) {}

  /** Expands Spring AI messages into OpenInference messages. */
  static List<View> views(@Nullable List<? extends Message> messages) {
    List<View> views = new ArrayList<>();
    if (messages == null) {
      return views;
    }
    for (Message message : messages) {
      if (message == null) {
        continue;
      }
      if (message instanceof ToolResponseMessage toolResponses) {
        for (ToolResponseMessage.ToolResponse response : toolResponses.getResponses()) {
          views.add(
              new View(
                  "tool",
                  response.responseData(),
                  List.of(),
                  List.of(),
                  response.id(),
                  response.name()));
        }
        continue;
      }
      List<AssistantMessage.ToolCall> toolCalls =
          message instanceof AssistantMessage assistant && assistant.hasToolCalls()
              ? assistant.getToolCalls()
              : List.of();
      List<MediaPart> media =
          message instanceof MediaContent withMedia ? mediaParts(withMedia.getMedia()) : List.of();
      String text = message.getText();
      if (text != null && text.isEmpty() && !toolCalls.isEmpty()) {
        // A tool-call turn has no text; OpenAI sends null content there, not "".
        text = null;
      }
      views.add(new View(message.getMessageType().getValue(), text, media, toolCalls, null, null));
    }
    return views;
  }

  /** Writes {@code views} under the keys {@code keys} gives for each index. */
  static void write(List<View> views, IntFunction<MessageKeys> keys, SpanAttributes out) {
    for (int i = 0; i < views.size(); i++) {
      View view = views.get(i);
      MessageKeys message = keys.apply(i);
      out.put(message.role(), view.role());
      if (view.media().isEmpty()) {
        out.put(message.content(), view.text());
      } else {
        int part = 0;
        if (view.text() != null && !view.text().isEmpty()) {
          MessageContentKeys content = message.contents(part++);
          out.put(content.type(), MessageContentType.TEXT);
          out.put(content.text(), view.text());
        }
        for (MediaPart media : view.media()) {
          MessageContentKeys content = message.contents(part++);
          out.put(content.type(), media.type());
          switch (media.type()) {
            case MessageContentType.IMAGE -> out.put(content.imageUrl(), media.url());
            case MessageContentType.AUDIO -> {
              out.put(content.audioUrl(), media.url());
              out.put(content.audioMimeType(), media.mimeType());
            }
            default -> out.put(content.videoUrl(), media.url());
          }
        }
      }
      out.put(message.toolCallId(), view.toolCallId());
      out.put(message.name(), view.name());
      for (int j = 0; j < view.toolCalls().size(); j++) {
        AssistantMessage.ToolCall call = view.toolCalls().get(j);
        ToolCallKeys toolCall = message.toolCalls(j);
        out.put(toolCall.id(), call.id());
        out.put(toolCall.functionName(), call.name());
        out.put(toolCall.functionArguments(), call.arguments());
      }
    }
  }

  /** Returns {@code views} as a JSON array of OpenAI-shaped chat messages. */
  static String toJson(List<View> views) {
    List<Object> messages = new ArrayList<>(views.size());
    for (View view : views) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", view.role());
      if (view.media().isEmpty()) {
        message.put("content", view.text());
      } else {
        List<Object> parts = new ArrayList<>();
        if (view.text() != null && !view.text().isEmpty()) {
          Map<String, Object> text = new LinkedHashMap<>();
          text.put("type", "text");
          text.put("text", view.text());
          parts.add(text);
        }
        for (MediaPart media : view.media()) {
          String type = media.type() + "_url";
          Map<String, Object> part = new LinkedHashMap<>();
          part.put("type", type);
          part.put(type, Map.of("url", media.url()));
          parts.add(part);
        }
        message.put("content", parts);
      }
      if (!view.toolCalls().isEmpty()) {
        List<Object> calls = new ArrayList<>();
        for (AssistantMessage.ToolCall call : view.toolCalls()) {
          Map<String, Object> function = new LinkedHashMap<>();
          function.put("name", call.name());
          function.put("arguments", call.arguments());
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("id", call.id());
          json.put("type", "function");
          json.put("function", function);
          calls.add(json);
        }
        message.put("tool_calls", calls);
      }
      if (view.toolCallId() != null) {
        message.put("tool_call_id", view.toolCallId());
      }
      if (view.name() != null) {
        message.put("name", view.name());
      }
      messages.add(message);
    }
    return Json.encode(messages);
  }

  private static List<MediaPart> mediaParts(@Nullable List<Media> media) {
    if (media == null || media.isEmpty()) {
      return List.of();
    }
    List<MediaPart> parts = new ArrayList<>(media.size());
    for (Media item : media) {
      MediaPart part = mediaPart(item);
      if (part != null) {
        parts.add(part);
      }
    }
    return parts;
  }

  @Nullable
  private static MediaPart mediaPart(@Nullable Media media) {
    if (media == null || media.getMimeType() == null) {
      return null;
    }
    String mimeType = media.getMimeType().toString();
    String type;
    switch (media.getMimeType().getType().toLowerCase(Locale.ROOT)) {
      case "image" -> type = MessageContentType.IMAGE;
      case "audio" -> type = MessageContentType.AUDIO;
      case "video" -> type = MessageContentType.VIDEO;
      default -> {
        // OpenInference has no content type for documents and other files.
        return null;
      }
    }
    Object data = media.getData();
    String url;
    if (data instanceof byte[] bytes) {
      url = "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    } else if (data instanceof URI || data instanceof URL || data instanceof CharSequence) {
      url = data.toString();
    } else {
      return null;
    }
    return new MediaPart(type, url, mimeType);
  }
}
