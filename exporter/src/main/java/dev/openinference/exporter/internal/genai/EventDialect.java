/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import javax.annotation.Nullable;

/**
 * How one instrumentation spells the bodies of its GenAI per-message events ({@code
 * gen_ai.user.message}, {@code gen_ai.assistant.message}, {@code gen_ai.tool.message}, {@code
 * gen_ai.choice}). Each constant is one instrumentation, recognised by the instrumentation scope
 * its events are emitted under; {@link EventMessages} reads every body through the dialect of its
 * event, so supporting another instrumentation is one more constant here.
 *
 * <p>Events from any other scope (and span events, which have no scope of their own) are read in
 * the spelling of the GenAI semantic conventions' event bodies, {@link #SEMCONV}.
 */
enum EventDialect {

  /**
   * The GenAI semantic conventions' event bodies: {@code tool_calls} of {@code {id, type, function:
   * {name, arguments}}}, a choice's message under {@code message}, a tool message's call id in
   * {@code id}.
   */
  SEMCONV(null, "tool_calls", "function", "message", "tool_call_id", false),

  /**
   * The OpenTelemetry OpenAI Java instrumentation ({@code openai-java} 1.1+), which writes the
   * conventions' spelling.
   */
  OPENAI(
      "io.opentelemetry.openai-java", "tool_calls", "function", "message", "tool_call_id", false),

  /**
   * The OpenTelemetry AWS SDK 2 instrumentation's Bedrock Runtime events (Converse, ConverseStream,
   * InvokeModel, InvokeModelWithResponseStream): {@code toolCalls} of flat {@code {id, type, name,
   * arguments}}, a choice's message members on the choice body itself, and an empty {@code content}
   * on a streamed message that had only tool calls.
   */
  BEDROCK("io.opentelemetry.aws-sdk-2.", "toolCalls", null, null, null, true);

  @Nullable private final String scopePrefix;
  private final String toolCalls;
  @Nullable private final String toolCallFunction;
  @Nullable private final String choiceMessage;
  @Nullable private final String toolMessageAlternateId;
  private final boolean emptyContentIsNoText;

  EventDialect(
      @Nullable String scopePrefix,
      String toolCalls,
      @Nullable String toolCallFunction,
      @Nullable String choiceMessage,
      @Nullable String toolMessageAlternateId,
      boolean emptyContentIsNoText) {
    this.scopePrefix = scopePrefix;
    this.toolCalls = toolCalls;
    this.toolCallFunction = toolCallFunction;
    this.choiceMessage = choiceMessage;
    this.toolMessageAlternateId = toolMessageAlternateId;
    this.emptyContentIsNoText = emptyContentIsNoText;
  }

  /** The dialect of events emitted under the instrumentation scope {@code scopeName}. */
  static EventDialect of(@Nullable String scopeName) {
    if (scopeName != null) {
      for (EventDialect dialect : values()) {
        if (dialect.scopePrefix != null && scopeName.startsWith(dialect.scopePrefix)) {
          return dialect;
        }
      }
    }
    return SEMCONV;
  }

  /** The body member that lists a message's tool calls. */
  String toolCalls() {
    return toolCalls;
  }

  /**
   * The member of a tool call that holds its name and arguments; null when they are on the call.
   */
  @Nullable
  String toolCallFunction() {
    return toolCallFunction;
  }

  /** The member of a choice body that holds its message; null when the body is the message. */
  @Nullable
  String choiceMessage() {
    return choiceMessage;
  }

  /** Where a tool message's call id is when it is not in {@code id}; null when nowhere else. */
  @Nullable
  String toolMessageAlternateId() {
    return toolMessageAlternateId;
  }

  /** Whether an empty {@code content} string means the message had no text rather than "". */
  boolean emptyContentIsNoText() {
    return emptyContentIsNoText;
  }
}
