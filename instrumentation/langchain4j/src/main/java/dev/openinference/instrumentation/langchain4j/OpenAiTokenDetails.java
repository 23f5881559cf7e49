/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * The token details only {@code langchain4j-open-ai} reports: cached prompt tokens ({@code
 * llm.token_count.prompt_details.cache_read}) and reasoning tokens ({@code
 * llm.token_count.completion_details.reasoning}).
 *
 * <p>Touched only for a usage whose class is {@code OpenAiTokenUsage}, so an application without
 * {@code langchain4j-open-ai} never loads this class's reference to it.
 */
final class OpenAiTokenDetails {

  static final String USAGE_CLASS = "dev.langchain4j.model.openai.OpenAiTokenUsage";

  static void write(AttributesBuilder attributes, TokenUsage usage) {
    OpenAiTokenUsage openAi = (OpenAiTokenUsage) usage;
    if (openAi.inputTokensDetails() != null && openAi.inputTokensDetails().cachedTokens() != null) {
      attributes.put(
          LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ,
          openAi.inputTokensDetails().cachedTokens().longValue());
    }
    if (openAi.outputTokensDetails() != null
        && openAi.outputTokensDetails().reasoningTokens() != null) {
      attributes.put(
          LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING,
          openAi.outputTokensDetails().reasoningTokens().longValue());
    }
  }

  private OpenAiTokenDetails() {}
}
