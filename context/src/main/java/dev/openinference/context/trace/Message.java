/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import dev.openinference.context.internal.RateLimitedLogger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * One message of a model call, recorded by {@link OpenInferenceSpan#addInputMessage} and {@link
 * OpenInferenceSpan#addOutputMessage} as {@code llm.input_messages.<i>.message.*} or {@code
 * llm.output_messages.<i>.message.*}. Immutable; the {@code with} methods return a copy.
 *
 * <pre>{@code
 * span.addInputMessage(Message.system("You are terse."));
 * span.addInputMessage(Message.user("Weather in Paris?"));
 * span.addOutputMessage(
 *     Message.assistant(null).withToolCalls(ToolCall.create("call_1", "weather", "{\"city\":\"Paris\"}")));
 * }</pre>
 */
public final class Message {

  @Nullable private final String role;
  @Nullable private final String content;
  @Nullable private final String name;
  @Nullable private final String toolCallId;
  private final List<ToolCall> toolCalls;

  private Message(
      @Nullable String role,
      @Nullable String content,
      @Nullable String name,
      @Nullable String toolCallId,
      List<ToolCall> toolCalls) {
    this.role = role;
    this.content = content;
    this.name = name;
    this.toolCallId = toolCallId;
    this.toolCalls = toolCalls;
  }

  /**
   * Returns a message with a role ({@code system}, {@code user}, {@code assistant}, {@code tool} or
   * what the provider uses) and text content, which may be null (an assistant message that only
   * calls tools).
   *
   * @param role the sender's role, as the provider names it; null leaves {@code message.role}
   *     unset, with a warning
   * @param content the text content, or null
   * @return a new immutable message, never null
   */
  public static Message create(String role, @Nullable String content) {
    if (role == null) {
      SpanValues.logger.warning(
          "Message.create: null role for content "
              + RateLimitedLogger.describe(content)
              + "; the message is recorded without message.role.");
    }
    return new Message(role, content, null, null, Collections.<ToolCall>emptyList());
  }

  /**
   * Returns a {@code system} message.
   *
   * @param content the instructions, or null
   * @return a new immutable message, never null
   */
  public static Message system(@Nullable String content) {
    return create("system", content);
  }

  /**
   * Returns a {@code user} message.
   *
   * @param content what the user said, or null
   * @return a new immutable message, never null
   */
  public static Message user(@Nullable String content) {
    return create("user", content);
  }

  /**
   * Returns an {@code assistant} message; content may be null when it only calls tools.
   *
   * @param content the model's text, or null
   * @return a new immutable message, never null; add its tool calls with {@link #withToolCalls}
   */
  public static Message assistant(@Nullable String content) {
    return create("assistant", content);
  }

  /**
   * Returns a {@code tool} message: the result of the tool call {@code toolCallId}.
   *
   * @param toolCallId the id of the call this answers, as the model gave it, or null
   * @param content the tool's result as text, or null
   * @return a new immutable message, never null
   */
  public static Message tool(@Nullable String toolCallId, @Nullable String content) {
    return create("tool", content).withToolCallId(toolCallId);
  }

  /**
   * Returns a copy with {@code message.name} set.
   *
   * @param name the sender's name (a participant or a function), or null to unset it
   * @return a new message; this one is unchanged
   */
  public Message withName(@Nullable String name) {
    return new Message(role, content, name, toolCallId, toolCalls);
  }

  /**
   * Returns a copy with {@code message.tool_call_id} set (on a tool result message).
   *
   * @param toolCallId the id of the call this message answers, or null to unset it
   * @return a new message; this one is unchanged
   */
  public Message withToolCallId(@Nullable String toolCallId) {
    return new Message(role, content, name, toolCallId, toolCalls);
  }

  /**
   * Returns a copy with these tool calls after any it already has; nulls are dropped.
   *
   * @param calls the calls the model made, in order; null adds none, with a warning
   * @return the message with the calls added; this one is unchanged
   */
  public Message withToolCalls(ToolCall... calls) {
    return withToolCalls(calls == null ? null : Arrays.asList(calls));
  }

  /**
   * Returns a copy with these tool calls after any it already has; nulls are dropped.
   *
   * @param calls the calls the model made, in order; null adds none, with a warning
   * @return the message with the calls added; this one is unchanged
   */
  public Message withToolCalls(List<ToolCall> calls) {
    if (calls == null) {
      SpanValues.logger.warning("Message.withToolCalls: ignored a null list of tool calls.");
      return this;
    }
    List<ToolCall> all = new ArrayList<>(toolCalls);
    int dropped = 0;
    for (ToolCall call : calls) {
      if (call == null) {
        dropped++;
      } else {
        all.add(call);
      }
    }
    if (dropped > 0) {
      SpanValues.logger.warning(
          "Message.withToolCalls: dropped " + dropped + " null tool call(s) of " + calls);
    }
    return new Message(role, content, name, toolCallId, Collections.unmodifiableList(all));
  }

  /**
   * Returns the role, or null.
   *
   * @return the role, for example {@code "user"}, or null when none was given
   */
  @Nullable
  public String getRole() {
    return role;
  }

  /**
   * Returns the text content, or null.
   *
   * @return the text content, or null (for example a tool-calling assistant message)
   */
  @Nullable
  public String getContent() {
    return content;
  }

  /**
   * Returns the name, or null.
   *
   * @return the sender's name, or null when none was set
   */
  @Nullable
  public String getName() {
    return name;
  }

  /**
   * Returns the id of the tool call this message answers, or null.
   *
   * @return the answered tool call's id, or null when none was set
   */
  @Nullable
  public String getToolCallId() {
    return toolCallId;
  }

  /**
   * Returns the tool calls, in order; never null.
   *
   * @return an unmodifiable list of the tool calls, empty when there are none
   */
  public List<ToolCall> getToolCalls() {
    return toolCalls;
  }

  @Override
  public String toString() {
    return "Message{role="
        + role
        + ", content="
        + RateLimitedLogger.describe(content)
        + (name == null ? "" : ", name=" + name)
        + (toolCallId == null ? "" : ", toolCallId=" + toolCallId)
        + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls)
        + "}";
  }
}
