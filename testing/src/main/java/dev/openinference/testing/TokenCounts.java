/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.sdk.trace.data.SpanData;
import javax.annotation.Nullable;

/**
 * LLM token counts ({@code llm.token_count.prompt}, {@code .completion}, {@code .total}) of a span
 * or summed over several.
 */
public final class TokenCounts {

  private static final TokenCounts NONE = new TokenCounts(0, 0, 0, false);

  private final long prompt;
  private final long completion;
  private final long total;
  private final boolean present;

  private TokenCounts(long prompt, long completion, long total, boolean present) {
    this.prompt = prompt;
    this.completion = completion;
    this.total = total;
    this.present = present;
  }

  static TokenCounts none() {
    return NONE;
  }

  static TokenCounts of(SpanData span) {
    Long prompt = span.getAttributes().get(OpenInferenceKeys.TOKEN_COUNT_PROMPT);
    Long completion = span.getAttributes().get(OpenInferenceKeys.TOKEN_COUNT_COMPLETION);
    Long total = span.getAttributes().get(OpenInferenceKeys.TOKEN_COUNT_TOTAL);
    if (prompt == null && completion == null && total == null) {
      return NONE;
    }
    long p = orZero(prompt);
    long c = orZero(completion);
    return new TokenCounts(p, c, total != null ? total : p + c, true);
  }

  TokenCounts plus(TokenCounts other) {
    if (!other.present) {
      return this;
    }
    if (!present) {
      return other;
    }
    return new TokenCounts(
        prompt + other.prompt, completion + other.completion, total + other.total, true);
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  /**
   * Prompt (input) tokens; 0 when not reported.
   *
   * @return the prompt token count as the spans reported it
   */
  public long getPrompt() {
    return prompt;
  }

  /**
   * Completion (output) tokens; 0 when not reported.
   *
   * @return the completion token count as the spans reported it
   */
  public long getCompletion() {
    return completion;
  }

  /**
   * Total tokens: {@code llm.token_count.total}, or prompt + completion when it is missing.
   *
   * @return the total token count
   */
  public long getTotal() {
    return total;
  }

  /**
   * Whether any token count was reported.
   *
   * @return {@code true} when at least one of the counts was present on a span
   */
  public boolean isPresent() {
    return present;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TokenCounts)) {
      return false;
    }
    TokenCounts that = (TokenCounts) o;
    return prompt == that.prompt
        && completion == that.completion
        && total == that.total
        && present == that.present;
  }

  @Override
  public int hashCode() {
    return (int) (31 * (31 * (31 * prompt + completion) + total)) + (present ? 1 : 0);
  }

  /** For example {@code 150 (prompt 100, completion 50)}, or {@code none}. */
  @Override
  public String toString() {
    if (!present) {
      return "none";
    }
    return total + " (prompt " + prompt + ", completion " + completion + ")";
  }
}
