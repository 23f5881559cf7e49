/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO;

import com.openai.models.completions.CompletionUsage;

/**
 * The token details only the OpenAI model reports, read from the native usage {@code
 * spring-ai-openai} keeps (the official OpenAI SDK's {@code CompletionUsage}): audio prompt and
 * completion tokens and reasoning tokens, which Spring AI's portable {@code Usage} leaves out.
 *
 * <p>Touched only for a native usage whose class is {@link #USAGE_CLASS}, so an application without
 * the OpenAI SDK never loads this class's reference to it.
 */
final class OpenAiUsageDetails {

  static final String USAGE_CLASS = "com.openai.models.completions.CompletionUsage";

  static void write(SpanAttributes out, Object nativeUsage) {
    CompletionUsage usage = (CompletionUsage) nativeUsage;
    usage
        .promptTokensDetails()
        .flatMap(CompletionUsage.PromptTokensDetails::audioTokens)
        .ifPresent(count -> out.putCount(LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO, count));
    usage
        .completionTokensDetails()
        .ifPresent(
            details -> {
              details
                  .audioTokens()
                  .ifPresent(
                      count -> out.putCount(LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO, count));
              details
                  .reasoningTokens()
                  .ifPresent(
                      count -> out.putCount(LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING, count));
            });
  }

  private OpenAiUsageDetails() {}
}
