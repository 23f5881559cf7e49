/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_FUNCTION_ARGUMENTS;
import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_FUNCTION_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_REASONING_SIGNATURE;

import io.opentelemetry.api.common.AttributeKey;
import javax.annotation.Nullable;

/**
 * The flattened keys of one tool call, {@code <message>.message.tool_calls.<j>} (or a {@code
 * tool_use} content part); obtain them from {@link MessageKeys#toolCalls(int)} or {@link
 * MessageContentKeys#toolCall()}.
 *
 * <p>Instances are immutable. A negative index anywhere on the path makes every key empty-named,
 * and OpenTelemetry drops attributes with an empty name.
 */
public final class ToolCallKeys extends FlatKeyGroup {

  ToolCallKeys(@Nullable String prefix) {
    super(prefix);
  }

  /**
   * Returns {@code <prefix>.tool_call.id}.
   *
   * @return the string key of the provider's call identifier, which the tool result echoes;
   *     empty-named when an index was negative
   */
  public AttributeKey<String> id() {
    return FlatKeys.leaf(prefix, TOOL_CALL_ID);
  }

  /**
   * Returns {@code <prefix>.tool_call.function.name}.
   *
   * @return the string key of the called function's name; empty-named when an index was negative
   */
  public AttributeKey<String> functionName() {
    return FlatKeys.leaf(prefix, TOOL_CALL_FUNCTION_NAME);
  }

  /**
   * Returns {@code <prefix>.tool_call.function.arguments}, a JSON string.
   *
   * @return the string key of the call's arguments as a JSON object string; empty-named when an
   *     index was negative
   */
  public AttributeKey<String> functionArguments() {
    return FlatKeys.leaf(prefix, TOOL_CALL_FUNCTION_ARGUMENTS);
  }

  /**
   * Returns {@code <prefix>.tool_call.reasoning_signature}.
   *
   * @return the string key of the provider's reasoning signature for the call; empty-named when an
   *     index was negative
   */
  public AttributeKey<String> reasoningSignature() {
    return FlatKeys.leaf(prefix, TOOL_CALL_REASONING_SIGNATURE);
  }
}
