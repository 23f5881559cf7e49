/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import dev.openinference.context.internal.RateLimitedLogger;
import javax.annotation.Nullable;

/**
 * A tool call that a model asked for, recorded on an assistant {@link Message} as {@code
 * message.tool_calls.<i>.tool_call.*}. Immutable.
 */
public final class ToolCall {

  @Nullable private final String id;
  @Nullable private final String functionName;
  @Nullable private final String argumentsJson;

  private ToolCall(
      @Nullable String id, @Nullable String functionName, @Nullable String argumentsJson) {
    this.id = id;
    this.functionName = functionName;
    this.argumentsJson = argumentsJson;
  }

  /**
   * Returns a tool call.
   *
   * @param id the id the model gave the call ({@code tool_call.id}), or null
   * @param functionName the tool's name ({@code tool_call.function.name})
   * @param arguments the arguments ({@code tool_call.function.arguments}): a String is taken to be
   *     JSON already; maps, lists and records are encoded as JSON; null for none
   * @return a new immutable tool call, never null
   */
  public static ToolCall create(
      @Nullable String id, String functionName, @Nullable Object arguments) {
    if (functionName == null) {
      SpanValues.logger.warning(
          "ToolCall.create: null function name (id "
              + RateLimitedLogger.describe(id)
              + "); the call is recorded without tool_call.function.name.");
    }
    return new ToolCall(id, functionName, SpanValues.json(arguments));
  }

  /**
   * Returns the call's id, or null.
   *
   * @return the model's id for the call, or null when none was given
   */
  @Nullable
  public String getId() {
    return id;
  }

  /**
   * Returns the name of the function called, or null.
   *
   * @return the called tool's name, or null when none was given
   */
  @Nullable
  public String getFunctionName() {
    return functionName;
  }

  /**
   * Returns the arguments as a JSON string, or null.
   *
   * @return the arguments as a JSON string, or null when there were none
   */
  @Nullable
  public String getArgumentsJson() {
    return argumentsJson;
  }

  @Override
  public String toString() {
    return "ToolCall{id="
        + id
        + ", functionName="
        + functionName
        + ", arguments="
        + RateLimitedLogger.describe(argumentsJson)
        + "}";
  }
}
