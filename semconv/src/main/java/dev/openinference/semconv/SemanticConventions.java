/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Typed attribute keys of the <a
 * href="https://github.com/Arize-ai/openinference/tree/main/spec">OpenInference semantic
 * conventions</a>.
 */
public final class SemanticConventions {

  /** The OpenInference span kind; see {@link OpenInferenceSpanKind}. */
  public static final AttributeKey<String> OPENINFERENCE_SPAN_KIND =
      stringKey("openinference.span.kind");

  /** The id of the session (conversation, thread) a span belongs to. */
  public static final AttributeKey<String> SESSION_ID = stringKey("session.id");

  /** The id of the end user on whose behalf a span ran. */
  public static final AttributeKey<String> USER_ID = stringKey("user.id");

  /** Free-form metadata, a JSON object string. */
  public static final AttributeKey<String> METADATA = stringKey("metadata");

  /** Tags for filtering spans. */
  public static final AttributeKey<List<String>> TAG_TAGS = stringArrayKey("tag.tags");

  /** The input of the operation. */
  public static final AttributeKey<String> INPUT_VALUE = stringKey("input.value");

  /** The mime type of {@link #INPUT_VALUE}; see {@link MimeType}. */
  public static final AttributeKey<String> INPUT_MIME_TYPE = stringKey("input.mime_type");

  /** The output of the operation. */
  public static final AttributeKey<String> OUTPUT_VALUE = stringKey("output.value");

  /** The mime type of {@link #OUTPUT_VALUE}; see {@link MimeType}. */
  public static final AttributeKey<String> OUTPUT_MIME_TYPE = stringKey("output.mime_type");

  /** The prompt template, for example {@code "Answer {question} briefly"}. */
  public static final AttributeKey<String> LLM_PROMPT_TEMPLATE =
      stringKey("llm.prompt_template.template");

  /** The version of {@link #LLM_PROMPT_TEMPLATE}. */
  public static final AttributeKey<String> LLM_PROMPT_TEMPLATE_VERSION =
      stringKey("llm.prompt_template.version");

  /** The variables applied to {@link #LLM_PROMPT_TEMPLATE}, a JSON object string. */
  public static final AttributeKey<String> LLM_PROMPT_TEMPLATE_VARIABLES =
      stringKey("llm.prompt_template.variables");

  /** The number of tokens in the prompt. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_PROMPT =
      longKey("llm.token_count.prompt");

  /** The number of tokens in the completion. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_COMPLETION =
      longKey("llm.token_count.completion");

  /** The total number of tokens, prompt and completion. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_TOTAL = longKey("llm.token_count.total");

  /** The name of the model, for example {@code "gpt-4o"}. */
  public static final AttributeKey<String> LLM_MODEL_NAME = stringKey("llm.model_name");

  /** The hosting provider of the model, for example {@code "openai"} or {@code "azure"}. */
  public static final AttributeKey<String> LLM_PROVIDER = stringKey("llm.provider");

  /** The AI product family, for example {@code "openai"} or {@code "anthropic"}. */
  public static final AttributeKey<String> LLM_SYSTEM = stringKey("llm.system");

  /** The parameters of the model invocation, a JSON object string. */
  public static final AttributeKey<String> LLM_INVOCATION_PARAMETERS =
      stringKey("llm.invocation_parameters");

  /** The project spans are filed under; a resource attribute. */
  public static final AttributeKey<String> PROJECT_NAME = stringKey("openinference.project.name");

  private SemanticConventions() {}
}
