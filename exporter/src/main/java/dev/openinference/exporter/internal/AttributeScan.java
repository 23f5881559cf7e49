/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import io.opentelemetry.api.common.AttributeKey;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * One pass over a span's attributes that records, without allocating, what {@link
 * SpanTransformer} needs to decide whether the span must change: how many attributes the masking
 * rules touch, which GenAI values are there and which OpenInference values already are. Reused
 * span after span by one thread.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class AttributeScan implements BiConsumer<AttributeKey<?>, Object> {

  private final AttributeMasker masker;

  int maskedCount;
  @Nullable Object spanKind;
  boolean hasModelName;
  boolean hasRequestModelName;
  boolean hasResponseModelName;
  boolean hasProvider;
  boolean hasSystem;
  @Nullable Object promptTokens;
  @Nullable Object completionTokens;
  boolean hasTotalTokens;
  boolean hasCacheRead;
  boolean hasCacheWrite;
  boolean hasReasoning;
  boolean hasSessionId;
  boolean hasToolName;
  boolean hasToolDescription;
  boolean hasAgentName;
  boolean hasInvocationParameters;

  @Nullable Object operationName;
  @Nullable Object requestModel;
  @Nullable Object responseModel;
  @Nullable Object providerName;
  @Nullable Object system;
  @Nullable Object inputTokens;
  @Nullable Object deprecatedPromptTokens;
  @Nullable Object outputTokens;
  @Nullable Object deprecatedCompletionTokens;
  @Nullable Object genAiTotalTokens;
  @Nullable Object cacheReadTokens;
  @Nullable Object cacheCreationTokens;
  @Nullable Object reasoningTokens;
  @Nullable Object conversationId;
  @Nullable Object toolName;
  @Nullable Object toolDescription;
  @Nullable Object agentName;
  int requestParameterCount;

  AttributeScan(AttributeMasker masker) {
    this.masker = masker;
  }

  void reset() {
    maskedCount = 0;
    spanKind = null;
    hasModelName = false;
    hasRequestModelName = false;
    hasResponseModelName = false;
    hasProvider = false;
    hasSystem = false;
    promptTokens = null;
    completionTokens = null;
    hasTotalTokens = false;
    hasCacheRead = false;
    hasCacheWrite = false;
    hasReasoning = false;
    hasSessionId = false;
    hasToolName = false;
    hasToolDescription = false;
    hasAgentName = false;
    hasInvocationParameters = false;
    operationName = null;
    requestModel = null;
    responseModel = null;
    providerName = null;
    system = null;
    inputTokens = null;
    deprecatedPromptTokens = null;
    outputTokens = null;
    deprecatedCompletionTokens = null;
    genAiTotalTokens = null;
    cacheReadTokens = null;
    cacheCreationTokens = null;
    reasoningTokens = null;
    conversationId = null;
    toolName = null;
    toolDescription = null;
    agentName = null;
    requestParameterCount = 0;
  }

  /** Records one attribute; called by {@code Attributes.forEach}. */
  @Override
  public void accept(AttributeKey<?> key, Object value) {
    String name = key.getKey();
    if (masker.actionFor(name, value) != AttributeMasker.KEEP) {
      maskedCount++;
    }
    if (name.startsWith("gen_ai.")) {
      acceptGenAi(name, value);
    } else {
      acceptOpenInference(name, value);
    }
  }

  private void acceptGenAi(String name, Object value) {
    switch (name) {
      case "gen_ai.operation.name":
        operationName = value;
        return;
      case "gen_ai.request.model":
        requestModel = value;
        requestParameterCount++;
        return;
      case "gen_ai.response.model":
        responseModel = value;
        return;
      case "gen_ai.provider.name":
        providerName = value;
        return;
      case "gen_ai.system":
        system = value;
        return;
      case "gen_ai.usage.input_tokens":
        inputTokens = value;
        return;
      case "gen_ai.usage.prompt_tokens":
        deprecatedPromptTokens = value;
        return;
      case "gen_ai.usage.output_tokens":
        outputTokens = value;
        return;
      case "gen_ai.usage.completion_tokens":
        deprecatedCompletionTokens = value;
        return;
      case "gen_ai.usage.total_tokens":
        genAiTotalTokens = value;
        return;
      case "gen_ai.usage.cache_read.input_tokens":
        cacheReadTokens = value;
        return;
      case "gen_ai.usage.cache_creation.input_tokens":
        cacheCreationTokens = value;
        return;
      case "gen_ai.usage.reasoning.output_tokens":
        reasoningTokens = value;
        return;
      case "gen_ai.conversation.id":
        conversationId = value;
        return;
      case "gen_ai.tool.name":
        toolName = value;
        return;
      case "gen_ai.tool.description":
        toolDescription = value;
        return;
      case "gen_ai.agent.name":
        agentName = value;
        return;
      default:
        if (InvocationParameters.isRequestParameter(name)) {
          requestParameterCount++;
        }
    }
  }

  private void acceptOpenInference(String name, Object value) {
    switch (name) {
      case "openinference.span.kind":
        spanKind = value;
        return;
      case "llm.model_name":
        hasModelName = true;
        return;
      case "llm.request.model_name":
        hasRequestModelName = true;
        return;
      case "llm.response.model_name":
        hasResponseModelName = true;
        return;
      case "llm.provider":
        hasProvider = true;
        return;
      case "llm.system":
        hasSystem = true;
        return;
      case "llm.token_count.prompt":
        promptTokens = value;
        return;
      case "llm.token_count.completion":
        completionTokens = value;
        return;
      case "llm.token_count.total":
        hasTotalTokens = true;
        return;
      case "llm.token_count.prompt_details.cache_read":
        hasCacheRead = true;
        return;
      case "llm.token_count.prompt_details.cache_write":
        hasCacheWrite = true;
        return;
      case "llm.token_count.completion_details.reasoning":
        hasReasoning = true;
        return;
      case "session.id":
        hasSessionId = true;
        return;
      case "tool.name":
        hasToolName = true;
        return;
      case "tool.description":
        hasToolDescription = true;
        return;
      case "agent.name":
        hasAgentName = true;
        return;
      case "llm.invocation_parameters":
        hasInvocationParameters = true;
        return;
      default:
        // not an attribute the exporter reads
    }
  }

  @Override
  public String toString() {
    return "AttributeScan{maskedCount=" + maskedCount + "}";
  }
}
