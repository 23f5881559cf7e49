/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

/**
 * Well-known values of {@link SemanticConventions#MESSAGE_CONTENT_TYPE}, the type of one content
 * part of a message; see {@link MessageContentKeys#type()}.
 */
public final class MessageContentType {

  /** Text, in {@code message_content.text}. */
  public static final String TEXT = "text";

  /** An image, in {@code message_content.image.image.url}. */
  public static final String IMAGE = "image";

  /** Audio, in {@code message_content.audio.audio.*}. */
  public static final String AUDIO = "audio";

  /** A video, in {@code message_content.video.video.url}. */
  public static final String VIDEO = "video";

  /** Reasoning or thinking content, visible text in {@code message_content.text}. */
  public static final String REASONING = "reasoning";

  /** A tool call returned as an ordered content part, in {@code tool_call.*}. */
  public static final String TOOL_USE = "tool_use";

  private MessageContentType() {}
}
