/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import dev.openinference.semconv.SemanticConventions;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * {@code gen_ai.usage.*} to {@code llm.token_count.*}. A count must be a whole, non-negative number
 * (a string spelling one counts, as Micrometer-based instrumentation records strings); anything
 * else is skipped with a warning, and so is a total that would overflow.
 */
final class TokenCounts {

  static void translate(Map<String, Object> span, boolean embedding, Map<String, Object> out) {
    Long prompt = count(span, "gen_ai.usage.input_tokens");
    if (prompt == null) {
      prompt = count(span, "gen_ai.usage.prompt_tokens");
    }
    Long completion = embedding ? null : count(span, "gen_ai.usage.output_tokens");
    if (completion == null && !embedding) {
      completion = count(span, "gen_ai.usage.completion_tokens");
    }
    put(out, SemanticConventions.LLM_TOKEN_COUNT_PROMPT.getKey(), prompt);
    put(out, SemanticConventions.LLM_TOKEN_COUNT_COMPLETION.getKey(), completion);
    // A total goes with the counts the span will carry, and the application's own counts win.
    Object ownPrompt = span.get(SemanticConventions.LLM_TOKEN_COUNT_PROMPT.getKey());
    if (ownPrompt instanceof Long) {
      prompt = (Long) ownPrompt;
    }
    Object ownCompletion = span.get(SemanticConventions.LLM_TOKEN_COUNT_COMPLETION.getKey());
    if (ownCompletion instanceof Long) {
      completion = (Long) ownCompletion;
    }
    Long total =
        span.containsKey("gen_ai.usage.total_tokens")
            ? count(span, "gen_ai.usage.total_tokens")
            : null;
    if (total != null) {
      // the instrumentation's own total
    } else if (prompt != null && completion != null) {
      if (prompt > Long.MAX_VALUE - completion) {
        GenAiTranslator.warn(
            "Token counts " + prompt + " + " + completion + " overflow; no total is recorded");
      } else {
        total = prompt + completion;
      }
    } else if (embedding) {
      total = prompt;
    }
    put(out, SemanticConventions.LLM_TOKEN_COUNT_TOTAL.getKey(), total);
    put(
        out,
        SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ.getKey(),
        count(span, "gen_ai.usage.cache_read.input_tokens"));
    put(
        out,
        SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE.getKey(),
        count(span, "gen_ai.usage.cache_creation.input_tokens"));
    put(
        out,
        SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING.getKey(),
        count(span, "gen_ai.usage.reasoning.output_tokens"));
  }

  @Nullable
  private static Long count(Map<String, Object> span, String key) {
    Object value = span.get(key);
    if (value == null) {
      return null;
    }
    Number number = GenAiTranslator.number(value);
    if (number instanceof Long && number.longValue() >= 0) {
      return (Long) number;
    }
    if (number instanceof Double) {
      double d = number.doubleValue();
      if (d >= 0 && d == Math.rint(d) && d < 9.0e15) {
        return (long) d;
      }
    }
    GenAiTranslator.warn(
        "Token count " + key + "=" + value + " is not a whole non-negative number; skipped it");
    return null;
  }

  private static void put(Map<String, Object> out, String key, @Nullable Long value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private TokenCounts() {}
}
