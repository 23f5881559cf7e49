/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import javax.annotation.Nullable;

/**
 * A scripted answer for the next {@code POST /v1/chat/completions} a {@link FakeOpenAiServer}
 * receives: a text answer, a tool call, or an OpenAI-style error. Queue it with {@link
 * FakeOpenAiServer#enqueue(FakeOpenAiResponse)} or {@link
 * FakeOpenAiServerBuilder#enqueue(FakeOpenAiResponse)}. Immutable.
 */
public final class FakeOpenAiResponse {

  enum Kind {
    TEXT,
    TOOL_CALL,
    ERROR
  }

  private final Kind kind;
  private final String text;
  @Nullable private final String toolCallId;
  @Nullable private final String functionName;
  private final int status;

  private FakeOpenAiResponse(
      Kind kind,
      String text,
      @Nullable String toolCallId,
      @Nullable String functionName,
      int status) {
    this.kind = kind;
    this.text = text;
    this.toolCallId = toolCallId;
    this.functionName = functionName;
    this.status = status;
  }

  /**
   * An assistant message with this content and {@code finish_reason} {@code stop}.
   *
   * @param content the assistant's text, sent as is
   * @return an immutable scripted answer
   */
  public static FakeOpenAiResponse text(String content) {
    return new FakeOpenAiResponse(Kind.TEXT, nonNull(content, "content"), null, null, 200);
  }

  /**
   * An assistant message with one {@code tool_calls} entry of type {@code function}, no content,
   * and {@code finish_reason} {@code tool_calls}.
   *
   * @param id the tool call id the client must echo in its {@code tool} message
   * @param functionName the function to call
   * @param argumentsJson the arguments, a JSON object as a string (sent as is)
   * @return an immutable scripted answer
   */
  public static FakeOpenAiResponse toolCall(String id, String functionName, String argumentsJson) {
    return new FakeOpenAiResponse(
        Kind.TOOL_CALL,
        nonNull(argumentsJson, "argumentsJson"),
        nonNull(id, "id"),
        nonNull(functionName, "functionName"),
        200);
  }

  /**
   * An error answer: this HTTP status with an OpenAI error body {@code {"error": {"message": ...,
   * "type": ..., "code": ...}}}.
   *
   * @param httpStatus the HTTP status to answer with, 400 to 599
   * @param message the error message of the body
   * @return an immutable scripted answer
   * @throws IllegalArgumentException if {@code httpStatus} is not in 400..599
   */
  public static FakeOpenAiResponse error(int httpStatus, String message) {
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be in 400..599: " + httpStatus);
    }
    return new FakeOpenAiResponse(Kind.ERROR, nonNull(message, "message"), null, null, httpStatus);
  }

  private static String nonNull(@Nullable String value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  Kind kind() {
    return kind;
  }

  /** The content, the arguments JSON of a tool call, or the error message. */
  String text() {
    return text;
  }

  @Nullable
  String toolCallId() {
    return toolCallId;
  }

  @Nullable
  String functionName() {
    return functionName;
  }

  int status() {
    return status;
  }

  @Override
  public String toString() {
    switch (kind) {
      case TOOL_CALL:
        return "FakeOpenAiResponse{toolCall id="
            + toolCallId
            + ", function="
            + functionName
            + ", arguments="
            + text
            + "}";
      case ERROR:
        return "FakeOpenAiResponse{error " + status + ": " + text + "}";
      default:
        return "FakeOpenAiResponse{text=" + text + "}";
    }
  }
}
