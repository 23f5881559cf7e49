/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENTS;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_FUNCTION_CALL_ARGUMENTS_JSON;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_FUNCTION_CALL_NAME;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_NAME;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_ROLE;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_TOOL_CALLS;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_TOOL_CALL_ID;

import io.opentelemetry.api.common.AttributeKey;
import javax.annotation.Nullable;

/**
 * The flattened keys of one chat message, {@code llm.input_messages.<i>} or {@code
 * llm.output_messages.<i>}; obtain them from {@link SemanticConventions#llmInputMessage(int)} and
 * {@link SemanticConventions#llmOutputMessage(int)}.
 *
 * <pre>{@code
 * span.setAttribute(SemanticConventions.llmInputMessage(0).role(), "user");
 * span.setAttribute(SemanticConventions.llmInputMessage(0).content(), "Hello");
 * span.setAttribute(SemanticConventions.llmOutputMessage(0).toolCalls(0).functionName(), "f");
 * }</pre>
 *
 * <p>Instances are immutable. A negative index anywhere on the path makes every key empty-named,
 * and OpenTelemetry drops attributes with an empty name.
 */
public final class MessageKeys extends FlatKeyGroup {

  private MessageKeys(@Nullable String prefix) {
    super(prefix);
  }

  static MessageKeys create(String list, int index) {
    return new MessageKeys(FlatKeys.element(list, index));
  }

  /**
   * Returns {@code <prefix>.message.role}.
   *
   * @return the string key of the sender's role, for example {@code "user"} or {@code "assistant"};
   *     empty-named when the index was negative
   */
  public AttributeKey<String> role() {
    return FlatKeys.leaf(prefix, MESSAGE_ROLE);
  }

  /**
   * Returns {@code <prefix>.message.content}, the text of the message.
   *
   * @return the string key of the message text; empty-named when the index was negative
   */
  public AttributeKey<String> content() {
    return FlatKeys.leaf(prefix, MESSAGE_CONTENT);
  }

  /**
   * Returns {@code <prefix>.message.name}.
   *
   * @return the string key of the sender's name (for example a tool's or a participant's);
   *     empty-named when the index was negative
   */
  public AttributeKey<String> name() {
    return FlatKeys.leaf(prefix, MESSAGE_NAME);
  }

  /**
   * Returns {@code <prefix>.message.tool_call_id}.
   *
   * @return the string key of the tool call a tool-result message answers; empty-named when the
   *     index was negative
   */
  public AttributeKey<String> toolCallId() {
    return FlatKeys.leaf(prefix, MESSAGE_TOOL_CALL_ID);
  }

  /**
   * Returns {@code <prefix>.message.function_call_name}.
   *
   * @return the string key of a legacy function call's function name; empty-named when the index
   *     was negative
   */
  public AttributeKey<String> functionCallName() {
    return FlatKeys.leaf(prefix, MESSAGE_FUNCTION_CALL_NAME);
  }

  /**
   * Returns {@code <prefix>.message.function_call_arguments_json}.
   *
   * @return the string key of a legacy function call's arguments as JSON; empty-named when the
   *     index was negative
   */
  public AttributeKey<String> functionCallArgumentsJson() {
    return FlatKeys.leaf(prefix, MESSAGE_FUNCTION_CALL_ARGUMENTS_JSON);
  }

  /**
   * Returns the keys of content part {@code index}, under {@code <prefix>.message.contents}.
   *
   * @param index zero-based position of the part in the message; negative gives invalid keys
   * @return the content-part keys, never null; invalid when this or the given index is negative
   */
  public MessageContentKeys contents(int index) {
    return new MessageContentKeys(
        FlatKeys.element(FlatKeys.child(prefix, MESSAGE_CONTENTS), index));
  }

  /**
   * Returns the keys of tool call {@code index}, under {@code <prefix>.message.tool_calls}.
   *
   * @param index zero-based position of the call in the message; negative gives invalid keys
   * @return the tool-call keys, never null; invalid when this or the given index is negative
   */
  public ToolCallKeys toolCalls(int index) {
    return new ToolCallKeys(FlatKeys.element(FlatKeys.child(prefix, MESSAGE_TOOL_CALLS), index));
  }
}
