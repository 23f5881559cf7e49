/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.video.Video;
import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.semconv.MessageContentKeys;
import dev.openinference.semconv.MessageContentType;
import dev.openinference.semconv.MessageKeys;
import dev.openinference.semconv.ToolCallKeys;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Writes LangChain4j chat messages as OpenInference messages ({@code llm.input_messages.<i>.*},
 * {@code llm.output_messages.<i>.*}) and as the OpenAI-shaped JSON of {@code input.value} / {@code
 * output.value}.
 *
 * <p>Roles follow OpenAI: {@code system}, {@code user}, {@code assistant}, {@code tool}; a {@link
 * CustomMessage} gets the role {@code custom} and its attributes as JSON content. User content
 * parts map to {@code text}, {@code image}, {@code audio} and {@code video} parts, inline data as a
 * {@code data:} URL (the exporter's masking shortens or hides those); PDF parts have no
 * OpenInference type and are left out. An assistant message's thinking becomes a {@code reasoning}
 * part before its text.
 */
final class ChatMessages {

  private static final RateLimitedLogger logger = RateLimitedLogger.create(ChatMessages.class);

  /** Writes one message under {@code keys}; a message that cannot be read is skipped. */
  static void write(AttributesBuilder attributes, MessageKeys keys, @Nullable ChatMessage message) {
    try {
      if (message instanceof SystemMessage) {
        attributes.put(keys.role(), "system");
        putIfNotNull(attributes, keys.content(), ((SystemMessage) message).text());
      } else if (message instanceof UserMessage) {
        writeUser(attributes, keys, (UserMessage) message);
      } else if (message instanceof AiMessage) {
        writeAi(attributes, keys, (AiMessage) message);
      } else if (message instanceof ToolExecutionResultMessage) {
        ToolExecutionResultMessage result = (ToolExecutionResultMessage) message;
        attributes.put(keys.role(), "tool");
        putIfNotNull(attributes, keys.toolCallId(), result.id());
        putIfNotNull(attributes, keys.name(), result.toolName());
        putIfNotNull(attributes, keys.content(), text(result.contents()));
      } else if (message instanceof CustomMessage) {
        attributes.put(keys.role(), "custom");
        attributes.put(keys.content(), JsonEncoder.toJson(((CustomMessage) message).attributes()));
      } else if (message != null) {
        attributes.put(keys.role(), String.valueOf(message.type()).toLowerCase(Locale.ROOT));
      }
    } catch (RuntimeException | LinkageError e) {
      logger.warning(
          "OpenInference could not read the LangChain4j chat message "
              + RateLimitedLogger.describe(message)
              + " for "
              + keys.prefix()
              + "; what was read of it is kept: "
              + e);
    }
  }

  private static void writeUser(AttributesBuilder attributes, MessageKeys keys, UserMessage user) {
    attributes.put(keys.role(), "user");
    putIfNotNull(attributes, keys.name(), user.name());
    if (user.hasSingleText()) {
      putIfNotNull(attributes, keys.content(), user.singleText());
      return;
    }
    int part = 0;
    for (Content content : user.contents()) {
      if (writePart(attributes, keys.contents(part), content)) {
        part++;
      }
    }
  }

  private static boolean writePart(
      AttributesBuilder attributes, MessageContentKeys keys, Content content) {
    if (content instanceof TextContent) {
      attributes.put(keys.type(), MessageContentType.TEXT);
      putIfNotNull(attributes, keys.text(), ((TextContent) content).text());
      return true;
    }
    if (content instanceof ImageContent) {
      Image image = ((ImageContent) content).image();
      attributes.put(keys.type(), MessageContentType.IMAGE);
      putIfNotNull(
          attributes, keys.imageUrl(), url(image.url(), image.base64Data(), image.mimeType()));
      return true;
    }
    if (content instanceof AudioContent) {
      Audio audio = ((AudioContent) content).audio();
      attributes.put(keys.type(), MessageContentType.AUDIO);
      putIfNotNull(
          attributes, keys.audioUrl(), url(audio.url(), audio.base64Data(), audio.mimeType()));
      putIfNotNull(attributes, keys.audioMimeType(), audio.mimeType());
      return true;
    }
    if (content instanceof VideoContent) {
      Video video = ((VideoContent) content).video();
      attributes.put(keys.type(), MessageContentType.VIDEO);
      putIfNotNull(
          attributes, keys.videoUrl(), url(video.url(), video.base64Data(), video.mimeType()));
      return true;
    }
    return false;
  }

  private static void writeAi(AttributesBuilder attributes, MessageKeys keys, AiMessage ai) {
    attributes.put(keys.role(), "assistant");
    String thinking = ai.thinking();
    if (thinking != null && !thinking.isEmpty()) {
      attributes.put(keys.contents(0).type(), MessageContentType.REASONING);
      attributes.put(keys.contents(0).text(), thinking);
      if (ai.text() != null) {
        attributes.put(keys.contents(1).type(), MessageContentType.TEXT);
        attributes.put(keys.contents(1).text(), ai.text());
      }
    } else {
      putIfNotNull(attributes, keys.content(), ai.text());
    }
    List<ToolExecutionRequest> requests = ai.toolExecutionRequests();
    if (requests == null) {
      return;
    }
    int index = 0;
    for (ToolExecutionRequest request : requests) {
      if (request == null) {
        continue;
      }
      ToolCallKeys call = keys.toolCalls(index++);
      putIfNotNull(attributes, call.id(), request.id());
      putIfNotNull(attributes, call.functionName(), request.name());
      putIfNotNull(attributes, call.functionArguments(), request.arguments());
    }
  }

  /** Returns the messages as an OpenAI-shaped JSON array, for {@code input.value}. */
  static String toJson(List<ChatMessage> messages) {
    List<Object> list = new ArrayList<>(messages.size());
    for (ChatMessage message : messages) {
      list.add(toMap(message));
    }
    return JsonEncoder.toJson(list);
  }

  /** Returns one message as an OpenAI-shaped JSON object. */
  static String toJson(ChatMessage message) {
    return JsonEncoder.toJson(toMap(message));
  }

  private static Object toMap(@Nullable ChatMessage message) {
    Map<String, Object> map = new LinkedHashMap<>();
    try {
      if (message instanceof SystemMessage) {
        map.put("role", "system");
        map.put("content", ((SystemMessage) message).text());
      } else if (message instanceof UserMessage) {
        UserMessage user = (UserMessage) message;
        map.put("role", "user");
        if (user.name() != null) {
          map.put("name", user.name());
        }
        map.put("content", user.hasSingleText() ? user.singleText() : partsToList(user.contents()));
      } else if (message instanceof AiMessage) {
        AiMessage ai = (AiMessage) message;
        map.put("role", "assistant");
        map.put("content", ai.text());
        if (ai.thinking() != null) {
          map.put("reasoning", ai.thinking());
        }
        if (ai.hasToolExecutionRequests()) {
          List<Object> calls = new ArrayList<>();
          for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", request.name());
            function.put("arguments", request.arguments());
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("id", request.id());
            call.put("type", "function");
            call.put("function", function);
            calls.add(call);
          }
          map.put("tool_calls", calls);
        }
      } else if (message instanceof ToolExecutionResultMessage) {
        ToolExecutionResultMessage result = (ToolExecutionResultMessage) message;
        map.put("role", "tool");
        map.put("tool_call_id", result.id());
        map.put("name", result.toolName());
        map.put("content", text(result.contents()));
      } else if (message instanceof CustomMessage) {
        map.put("role", "custom");
        map.put("content", ((CustomMessage) message).attributes());
      } else {
        return message == null ? null : String.valueOf(message);
      }
    } catch (RuntimeException | LinkageError e) {
      // Keep what was read; the attribute form of the same message logs the warning.
      map.put("error", "unreadable message: " + e);
    }
    return map;
  }

  private static List<Object> partsToList(List<Content> contents) {
    List<Object> parts = new ArrayList<>(contents.size());
    for (Content content : contents) {
      Map<String, Object> part = new LinkedHashMap<>();
      if (content instanceof TextContent) {
        part.put("type", "text");
        part.put("text", ((TextContent) content).text());
      } else if (content instanceof ImageContent) {
        Image image = ((ImageContent) content).image();
        part.put("type", "image_url");
        part.put(
            "image_url", singleton("url", url(image.url(), image.base64Data(), image.mimeType())));
      } else if (content instanceof AudioContent) {
        Audio audio = ((AudioContent) content).audio();
        part.put("type", "audio");
        part.put("url", url(audio.url(), audio.base64Data(), audio.mimeType()));
      } else if (content instanceof VideoContent) {
        Video video = ((VideoContent) content).video();
        part.put("type", "video");
        part.put("url", url(video.url(), video.base64Data(), video.mimeType()));
      } else if (content != null) {
        part.put("type", String.valueOf(content.type()).toLowerCase(Locale.ROOT));
      }
      parts.add(part);
    }
    return parts;
  }

  private static Map<String, Object> singleton(String key, @Nullable Object value) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(key, value);
    return map;
  }

  /** Returns the text of tool-result contents: the text parts joined, others left out. */
  @Nullable
  static String text(@Nullable List<Content> contents) {
    if (contents == null || contents.isEmpty()) {
      return null;
    }
    if (contents.size() == 1 && contents.get(0) instanceof TextContent) {
      return ((TextContent) contents.get(0)).text();
    }
    StringBuilder sb = new StringBuilder();
    for (Content content : contents) {
      if (content instanceof TextContent) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(((TextContent) content).text());
      }
    }
    return sb.toString();
  }

  @Nullable
  private static String url(@Nullable URI url, @Nullable String base64, @Nullable String mimeType) {
    if (url != null) {
      return url.toString();
    }
    if (base64 == null) {
      return null;
    }
    return "data:"
        + (mimeType == null ? "application/octet-stream" : mimeType)
        + ";base64,"
        + base64;
  }

  private static void putIfNotNull(
      AttributesBuilder attributes, AttributeKey<String> key, @Nullable String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }

  private ChatMessages() {}
}
