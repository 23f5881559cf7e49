/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv.internal;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The OpenTelemetry GenAI semantic-convention keys that OpenInference reads, and how they map to
 * OpenInference.
 *
 * <p>Names and types are those of {@code opentelemetry-semconv-incubating} 1.43.0-alpha (a test
 * compares them), copied here so that the runtime does not depend on an alpha artifact. The keys in
 * the last group have the semconv type {@code any}, which that artifact does not generate; Java
 * instrumentations record them as JSON strings.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class GenAiAttributes {

  // Operation and identity

  /** {@code gen_ai.operation.name}: the operation, for example {@link #OPERATION_CHAT}. */
  public static final AttributeKey<String> GEN_AI_OPERATION_NAME =
      stringKey("gen_ai.operation.name");

  /** {@code gen_ai.provider.name}: the provider, for example {@code "openai"}. */
  public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");

  /** {@code gen_ai.system}: the former name of {@link #GEN_AI_PROVIDER_NAME}. */
  public static final AttributeKey<String> GEN_AI_SYSTEM = stringKey("gen_ai.system");

  /** {@code gen_ai.conversation.id}: the id of the conversation (OpenInference session). */
  public static final AttributeKey<String> GEN_AI_CONVERSATION_ID =
      stringKey("gen_ai.conversation.id");

  /** {@code gen_ai.output.type}: the requested output type, for example {@code "json"}. */
  public static final AttributeKey<String> GEN_AI_OUTPUT_TYPE = stringKey("gen_ai.output.type");

  // Request

  /** {@code gen_ai.request.model}: the model asked for. */
  public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");

  /** {@code gen_ai.request.temperature}. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE =
      doubleKey("gen_ai.request.temperature");

  /** {@code gen_ai.request.top_p}. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");

  /** {@code gen_ai.request.top_k} (a double in the semantic conventions). */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_K = doubleKey("gen_ai.request.top_k");

  /** {@code gen_ai.request.max_tokens}. */
  public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS =
      longKey("gen_ai.request.max_tokens");

  /** {@code gen_ai.request.frequency_penalty}. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_FREQUENCY_PENALTY =
      doubleKey("gen_ai.request.frequency_penalty");

  /** {@code gen_ai.request.presence_penalty}. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_PRESENCE_PENALTY =
      doubleKey("gen_ai.request.presence_penalty");

  /** {@code gen_ai.request.stop_sequences}. */
  public static final AttributeKey<List<String>> GEN_AI_REQUEST_STOP_SEQUENCES =
      stringArrayKey("gen_ai.request.stop_sequences");

  /** {@code gen_ai.request.seed}. */
  public static final AttributeKey<Long> GEN_AI_REQUEST_SEED = longKey("gen_ai.request.seed");

  /** {@code gen_ai.request.choice.count}: the number of candidate completions asked for. */
  public static final AttributeKey<Long> GEN_AI_REQUEST_CHOICE_COUNT =
      longKey("gen_ai.request.choice.count");

  /** {@code gen_ai.request.stream}: whether the response was streamed. */
  public static final AttributeKey<Boolean> GEN_AI_REQUEST_STREAM =
      booleanKey("gen_ai.request.stream");

  /** {@code gen_ai.request.encoding_formats}: the encodings asked of an embeddings call. */
  public static final AttributeKey<List<String>> GEN_AI_REQUEST_ENCODING_FORMATS =
      stringArrayKey("gen_ai.request.encoding_formats");

  // Response

  /** {@code gen_ai.response.model}: the model that answered. */
  public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL =
      stringKey("gen_ai.response.model");

  /** {@code gen_ai.response.id}: the provider's id of the completion. */
  public static final AttributeKey<String> GEN_AI_RESPONSE_ID = stringKey("gen_ai.response.id");

  /** {@code gen_ai.response.finish_reasons}: one reason per choice. */
  public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");

  // Usage

  /** {@code gen_ai.usage.input_tokens}: prompt tokens, cached tokens included. */
  public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS =
      longKey("gen_ai.usage.input_tokens");

  /** {@code gen_ai.usage.output_tokens}: completion tokens. */
  public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS =
      longKey("gen_ai.usage.output_tokens");

  /** {@code gen_ai.usage.cache_read.input_tokens}: input tokens served from the cache. */
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_read.input_tokens");

  /** {@code gen_ai.usage.cache_creation.input_tokens}: input tokens written to the cache. */
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_creation.input_tokens");

  /** {@code gen_ai.usage.reasoning.output_tokens}: output tokens spent on reasoning. */
  public static final AttributeKey<Long> GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
      longKey("gen_ai.usage.reasoning.output_tokens");

  /** {@code gen_ai.usage.prompt_tokens}: the former name of {@link #GEN_AI_USAGE_INPUT_TOKENS}. */
  public static final AttributeKey<Long> GEN_AI_USAGE_PROMPT_TOKENS =
      longKey("gen_ai.usage.prompt_tokens");

  /** {@code gen_ai.usage.completion_tokens}: the former {@link #GEN_AI_USAGE_OUTPUT_TOKENS}. */
  public static final AttributeKey<Long> GEN_AI_USAGE_COMPLETION_TOKENS =
      longKey("gen_ai.usage.completion_tokens");

  // Agents, tools, retrieval, embeddings

  /** {@code gen_ai.agent.name}. */
  public static final AttributeKey<String> GEN_AI_AGENT_NAME = stringKey("gen_ai.agent.name");

  /** {@code gen_ai.agent.id}. */
  public static final AttributeKey<String> GEN_AI_AGENT_ID = stringKey("gen_ai.agent.id");

  /** {@code gen_ai.agent.description}. */
  public static final AttributeKey<String> GEN_AI_AGENT_DESCRIPTION =
      stringKey("gen_ai.agent.description");

  /** {@code gen_ai.tool.name}. */
  public static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");

  /** {@code gen_ai.tool.call.id}. */
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");

  /** {@code gen_ai.tool.description}. */
  public static final AttributeKey<String> GEN_AI_TOOL_DESCRIPTION =
      stringKey("gen_ai.tool.description");

  /** {@code gen_ai.tool.type}, for example {@code "function"}. */
  public static final AttributeKey<String> GEN_AI_TOOL_TYPE = stringKey("gen_ai.tool.type");

  /** {@code gen_ai.data_source.id}: the data source of a retrieval. */
  public static final AttributeKey<String> GEN_AI_DATA_SOURCE_ID =
      stringKey("gen_ai.data_source.id");

  /** {@code gen_ai.retrieval.query.text}: the query of a retrieval. */
  public static final AttributeKey<String> GEN_AI_RETRIEVAL_QUERY_TEXT =
      stringKey("gen_ai.retrieval.query.text");

  /** {@code gen_ai.embeddings.dimension.count}. */
  public static final AttributeKey<Long> GEN_AI_EMBEDDINGS_DIMENSION_COUNT =
      longKey("gen_ai.embeddings.dimension.count");

  /** {@code gen_ai.prompt}: the deprecated full prompt. */
  public static final AttributeKey<String> GEN_AI_PROMPT = stringKey("gen_ai.prompt");

  /** {@code gen_ai.completion}: the deprecated full completion. */
  public static final AttributeKey<String> GEN_AI_COMPLETION = stringKey("gen_ai.completion");

  // Content attributes of semconv type "any", recorded as JSON strings (opt-in)

  /** {@code gen_ai.input.messages}: the chat history sent to the model, a JSON array string. */
  public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES =
      stringKey("gen_ai.input.messages");

  /** {@code gen_ai.output.messages}: the messages the model returned, a JSON array string. */
  public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES =
      stringKey("gen_ai.output.messages");

  /** {@code gen_ai.system_instructions}: the system instructions, a JSON array string. */
  public static final AttributeKey<String> GEN_AI_SYSTEM_INSTRUCTIONS =
      stringKey("gen_ai.system_instructions");

  /** {@code gen_ai.tool.definitions}: the tools offered to the model, a JSON array string. */
  public static final AttributeKey<String> GEN_AI_TOOL_DEFINITIONS =
      stringKey("gen_ai.tool.definitions");

  /** {@code gen_ai.tool.call.arguments}: the arguments of a tool call, a JSON string. */
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS =
      stringKey("gen_ai.tool.call.arguments");

  /** {@code gen_ai.tool.call.result}: the result of a tool call, a JSON string. */
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT =
      stringKey("gen_ai.tool.call.result");

  // Values of gen_ai.operation.name

  /** Chat completion. */
  public static final String OPERATION_CHAT = "chat";

  /** Multimodal content generation, such as Gemini's generateContent. */
  public static final String OPERATION_GENERATE_CONTENT = "generate_content";

  /** Legacy text completion. */
  public static final String OPERATION_TEXT_COMPLETION = "text_completion";

  /** Embeddings creation. */
  public static final String OPERATION_EMBEDDINGS = "embeddings";

  /** Retrieval from a data source. */
  public static final String OPERATION_RETRIEVAL = "retrieval";

  /** Agent creation. */
  public static final String OPERATION_CREATE_AGENT = "create_agent";

  /** Agent invocation. */
  public static final String OPERATION_INVOKE_AGENT = "invoke_agent";

  /** Tool execution. */
  public static final String OPERATION_EXECUTE_TOOL = "execute_tool";

  /** Workflow invocation; OpenInference has no kind for it, so it maps to none. */
  public static final String OPERATION_INVOKE_WORKFLOW = "invoke_workflow";

  /**
   * Returns the span kind that a {@code gen_ai.operation.name} value implies, or {@code null} for
   * null or an operation OpenInference has no kind for.
   */
  @Nullable
  public static OpenInferenceSpanKind spanKindForOperation(@Nullable String operationName) {
    if (operationName == null) {
      return null;
    }
    switch (operationName) {
      case OPERATION_CHAT:
      case OPERATION_TEXT_COMPLETION:
      case OPERATION_GENERATE_CONTENT:
        return OpenInferenceSpanKind.LLM;
      case OPERATION_EMBEDDINGS:
        return OpenInferenceSpanKind.EMBEDDING;
      case OPERATION_EXECUTE_TOOL:
        return OpenInferenceSpanKind.TOOL;
      case OPERATION_INVOKE_AGENT:
      case OPERATION_CREATE_AGENT:
        return OpenInferenceSpanKind.AGENT;
      case OPERATION_RETRIEVAL:
        return OpenInferenceSpanKind.RETRIEVER;
      default:
        return null;
    }
  }

  private GenAiAttributes() {}
}
