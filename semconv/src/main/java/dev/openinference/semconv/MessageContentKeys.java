/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.AUDIO_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.AUDIO_TRANSCRIPT;
import static dev.openinference.semconv.SemanticConventions.AUDIO_URL;
import static dev.openinference.semconv.SemanticConventions.IMAGE_URL;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_AUDIO;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_DATA;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_ENCRYPTED_CONTENT;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_ID;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_IMAGE;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_SIGNATURE;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_TEXT;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_TYPE;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_VIDEO;
import static dev.openinference.semconv.SemanticConventions.VIDEO_URL;

import io.opentelemetry.api.common.AttributeKey;
import javax.annotation.Nullable;

/**
 * The flattened keys of one content part of a message, {@code <message>.message.contents.<j>};
 * obtain them from {@link MessageKeys#contents(int)}.
 *
 * <p>Instances are immutable. A negative index anywhere on the path makes every key empty-named,
 * and OpenTelemetry drops attributes with an empty name.
 */
public final class MessageContentKeys extends FlatKeyGroup {

  MessageContentKeys(@Nullable String prefix) {
    super(prefix);
  }

  /**
   * Returns {@code <prefix>.message_content.type}; see {@link MessageContentType}.
   *
   * @return the string key of the part's type, for example {@code "text"} or {@code "image"};
   *     empty-named when an index was negative
   */
  public AttributeKey<String> type() {
    return FlatKeys.leaf(prefix, MESSAGE_CONTENT_TYPE);
  }

  /**
   * Returns {@code <prefix>.message_content.text}.
   *
   * @return the string key of a text part's text; empty-named when an index was negative
   */
  public AttributeKey<String> text() {
    return FlatKeys.leaf(prefix, MESSAGE_CONTENT_TEXT);
  }

  /**
   * Returns {@code <prefix>.message_content.image.image.url}.
   *
   * @return the string key of an image part's URL (http(s) or {@code data:} URI); empty-named when
   *     an index was negative
   */
  public AttributeKey<String> imageUrl() {
    return FlatKeys.leaf(FlatKeys.child(prefix, MESSAGE_CONTENT_IMAGE), IMAGE_URL);
  }

  /**
   * Returns {@code <prefix>.message_content.audio.audio.url}.
   *
   * @return the string key of an audio part's URL; empty-named when an index was negative
   */
  public AttributeKey<String> audioUrl() {
    return FlatKeys.leaf(FlatKeys.child(prefix, MESSAGE_CONTENT_AUDIO), AUDIO_URL);
  }

  /**
   * Returns {@code <prefix>.message_content.audio.audio.mime_type}.
   *
   * @return the string key of an audio part's MIME type, for example {@code "audio/wav"};
   *     empty-named when an index was negative
   */
  public AttributeKey<String> audioMimeType() {
    return FlatKeys.leaf(FlatKeys.child(prefix, MESSAGE_CONTENT_AUDIO), AUDIO_MIME_TYPE);
  }

  /**
   * Returns {@code <prefix>.message_content.audio.audio.transcript}.
   *
   * @return the string key of an audio part's transcript text; empty-named when an index was
   *     negative
   */
  public AttributeKey<String> audioTranscript() {
    return FlatKeys.leaf(FlatKeys.child(prefix, MESSAGE_CONTENT_AUDIO), AUDIO_TRANSCRIPT);
  }

  /**
   * Returns {@code <prefix>.message_content.video.video.url}.
   *
   * @return the string key of a video part's URL; empty-named when an index was negative
   */
  public AttributeKey<String> videoUrl() {
    return FlatKeys.leaf(FlatKeys.child(prefix, MESSAGE_CONTENT_VIDEO), VIDEO_URL);
  }

  /**
   * Returns {@code <prefix>.message_content.id}.
   *
   * @return the string key of the provider's identifier of the part; empty-named when an index was
   *     negative
   */
  public AttributeKey<String> id() {
    return FlatKeys.leaf(prefix, MESSAGE_CONTENT_ID);
  }

  /**
   * Returns {@code <prefix>.message_content.signature}.
   *
   * @return the string key of a reasoning part's provider signature; empty-named when an index was
   *     negative
   */
  public AttributeKey<String> signature() {
    return FlatKeys.leaf(prefix, MESSAGE_CONTENT_SIGNATURE);
  }

  /**
   * Returns {@code <prefix>.message_content.data}.
   *
   * @return the string key of a part's opaque provider data; empty-named when an index was negative
   */
  public AttributeKey<String> data() {
    return FlatKeys.leaf(prefix, MESSAGE_CONTENT_DATA);
  }

  /**
   * Returns {@code <prefix>.message_content.encrypted_content}.
   *
   * @return the string key of a reasoning part's encrypted content; empty-named when an index was
   *     negative
   */
  public AttributeKey<String> encryptedContent() {
    return FlatKeys.leaf(prefix, MESSAGE_CONTENT_ENCRYPTED_CONTENT);
  }

  /**
   * Returns the tool-call keys of a {@code tool_use} content part, {@code <prefix>.tool_call.*},
   * used when a provider returns a tool call as an ordered content part.
   *
   * @return the tool-call keys under this part, never null; invalid when an index was negative
   */
  public ToolCallKeys toolCall() {
    return new ToolCallKeys(prefix);
  }
}
