/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Typed attribute keys of the <a
 * href="https://github.com/Arize-ai/openinference/tree/main/spec">OpenInference semantic
 * conventions</a>.
 *
 * <p>Each {@link AttributeKey} constant is named after its attribute in upper snake case: {@code
 * llm.token_count.prompt_details.cache_read} is {@link #LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ}.
 * Two names differ from that rule because they are fixed by the OpenInference API of other
 * languages: {@link #LLM_PROMPT_TEMPLATE} ({@code llm.prompt_template.template}) and {@link
 * #PROJECT_NAME} ({@code openinference.project.name}).
 *
 * <p>Attributes whose value is a list of objects (messages, documents, tools) or an object (the
 * image of a message content) never appear on a span under their own name: they are flattened to
 * {@code <prefix>.<index>.<leaf>} keys such as {@code llm.input_messages.0.message.role}. Their
 * names are {@code String} constants here ({@link #LLM_INPUT_MESSAGES}, {@link
 * #MESSAGE_CONTENT_IMAGE}), and the methods at the end of this class ({@link
 * #llmInputMessage(int)}, {@link #retrievalDocument(int)}, ...) build the flattened keys. Indexes
 * are zero-based; a negative index yields keys with an empty name, which OpenTelemetry ignores, so
 * the value is dropped (and a rate-limited warning is logged) rather than written under a wrong
 * index.
 *
 * <p>Well-known values of some attributes are in {@link OpenInferenceSpanKind}, {@link MimeType},
 * {@link LlmSystem}, {@link LlmProvider} and {@link MessageContentType}.
 */
public final class SemanticConventions {

  // Core

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

  /** The mime type of {@link #INPUT_VALUE}; see {@link MimeType}. Plain text when absent. */
  public static final AttributeKey<String> INPUT_MIME_TYPE = stringKey("input.mime_type");

  /** The output of the operation. */
  public static final AttributeKey<String> OUTPUT_VALUE = stringKey("output.value");

  /** The mime type of {@link #OUTPUT_VALUE}; see {@link MimeType}. Plain text when absent. */
  public static final AttributeKey<String> OUTPUT_MIME_TYPE = stringKey("output.mime_type");

  /** The project spans are filed under; a resource attribute, not a span attribute. */
  public static final AttributeKey<String> PROJECT_NAME = stringKey("openinference.project.name");

  // Span-root audio (realtime voice spans)

  /** The URL or data URI of the user's audio on a voice span. */
  public static final AttributeKey<String> INPUT_AUDIO_URL = stringKey("input.audio.url");

  /** The mime type of {@link #INPUT_AUDIO_URL}, for example {@code "audio/wav"}. */
  public static final AttributeKey<String> INPUT_AUDIO_MIME_TYPE =
      stringKey("input.audio.mime_type");

  /** The transcript of the user's audio on a voice span. */
  public static final AttributeKey<String> INPUT_AUDIO_TRANSCRIPT =
      stringKey("input.audio.transcript");

  /** The URL or data URI of the assistant's audio on a voice span. */
  public static final AttributeKey<String> OUTPUT_AUDIO_URL = stringKey("output.audio.url");

  /** The mime type of {@link #OUTPUT_AUDIO_URL}, for example {@code "audio/wav"}. */
  public static final AttributeKey<String> OUTPUT_AUDIO_MIME_TYPE =
      stringKey("output.audio.mime_type");

  /** The transcript of the assistant's audio on a voice span. */
  public static final AttributeKey<String> OUTPUT_AUDIO_TRANSCRIPT =
      stringKey("output.audio.transcript");

  // LLM

  /** The name of the model, for example {@code "gpt-4o"}. */
  public static final AttributeKey<String> LLM_MODEL_NAME = stringKey("llm.model_name");

  /** The model the caller asked for, when the provider may route to another model. */
  public static final AttributeKey<String> LLM_REQUEST_MODEL_NAME =
      stringKey("llm.request.model_name");

  /** The model that generated the response, as reported by the provider. */
  public static final AttributeKey<String> LLM_RESPONSE_MODEL_NAME =
      stringKey("llm.response.model_name");

  /** The hosting provider of the model, for example {@code "openai"} or {@code "azure"}. */
  public static final AttributeKey<String> LLM_PROVIDER = stringKey("llm.provider");

  /** The AI product family, for example {@code "openai"} or {@code "anthropic"}. */
  public static final AttributeKey<String> LLM_SYSTEM = stringKey("llm.system");

  /** The parameters of the model invocation, a JSON object string. */
  public static final AttributeKey<String> LLM_INVOCATION_PARAMETERS =
      stringKey("llm.invocation_parameters");

  /** A function call of the legacy function-calling APIs, a JSON object string. */
  public static final AttributeKey<String> LLM_FUNCTION_CALL = stringKey("llm.function_call");

  /** The reason the model stopped generating, for example {@code "stop"} or {@code "length"}. */
  public static final AttributeKey<String> LLM_FINISH_REASON = stringKey("llm.finish_reason");

  /** The prompt template, for example {@code "Answer {question} briefly"}. */
  public static final AttributeKey<String> LLM_PROMPT_TEMPLATE =
      stringKey("llm.prompt_template.template");

  /** The version of {@link #LLM_PROMPT_TEMPLATE}. */
  public static final AttributeKey<String> LLM_PROMPT_TEMPLATE_VERSION =
      stringKey("llm.prompt_template.version");

  /** The variables applied to {@link #LLM_PROMPT_TEMPLATE}, a JSON object string. */
  public static final AttributeKey<String> LLM_PROMPT_TEMPLATE_VARIABLES =
      stringKey("llm.prompt_template.variables");

  /** List prefix of the messages sent to a chat API; see {@link #llmInputMessage(int)}. */
  public static final String LLM_INPUT_MESSAGES = "llm.input_messages";

  /** List prefix of the messages received from a chat API; see {@link #llmOutputMessage(int)}. */
  public static final String LLM_OUTPUT_MESSAGES = "llm.output_messages";

  /** List prefix of the prompts sent to a completions API; see {@link #llmPromptText(int)}. */
  public static final String LLM_PROMPTS = "llm.prompts";

  /** List prefix of the choices returned by a completions API; see {@link #llmChoiceText(int)}. */
  public static final String LLM_CHOICES = "llm.choices";

  /** List prefix of the tools advertised to the model; see {@link #llmTool(int)}. */
  public static final String LLM_TOOLS = "llm.tools";

  // LLM token counts

  /** The number of tokens in the prompt, cache reads and writes included. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_PROMPT = longKey("llm.token_count.prompt");

  /** The number of tokens in the completion. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_COMPLETION =
      longKey("llm.token_count.completion");

  /** The total number of tokens, prompt and completion. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_TOTAL = longKey("llm.token_count.total");

  /** Prefix of the prompt token sub-counts, such as {@code .cache_read} and {@code .audio}. */
  public static final String LLM_TOKEN_COUNT_PROMPT_DETAILS = "llm.token_count.prompt_details";

  /** The number of prompt tokens that were audio. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO =
      longKey("llm.token_count.prompt_details.audio");

  /** The number of prompt tokens that were cached input. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_INPUT =
      longKey("llm.token_count.prompt_details.cache_input");

  /** The number of prompt tokens read from the cache (cache hits). */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ =
      longKey("llm.token_count.prompt_details.cache_read");

  /** The number of prompt tokens written to the cache (cache misses). */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE =
      longKey("llm.token_count.prompt_details.cache_write");

  /** Prefix of the completion token sub-counts, such as {@code .reasoning} and {@code .audio}. */
  public static final String LLM_TOKEN_COUNT_COMPLETION_DETAILS =
      "llm.token_count.completion_details";

  /** The number of completion tokens that were audio. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO =
      longKey("llm.token_count.completion_details.audio");

  /** The number of completion tokens spent on reasoning. */
  public static final AttributeKey<Long> LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING =
      longKey("llm.token_count.completion_details.reasoning");

  // LLM costs (USD)

  /** The cost of all prompt tokens, in USD. */
  public static final AttributeKey<Double> LLM_COST_PROMPT = doubleKey("llm.cost.prompt");

  /** The cost of all completion tokens, in USD. */
  public static final AttributeKey<Double> LLM_COST_COMPLETION = doubleKey("llm.cost.completion");

  /** The total cost of the call, prompt and completion, in USD. */
  public static final AttributeKey<Double> LLM_COST_TOTAL = doubleKey("llm.cost.total");

  /** Prefix of the prompt cost details, such as {@code .cache_read}. */
  public static final String LLM_COST_PROMPT_DETAILS = "llm.cost.prompt_details";

  /** The cost of the input tokens, in USD. */
  public static final AttributeKey<Double> LLM_COST_PROMPT_DETAILS_INPUT =
      doubleKey("llm.cost.prompt_details.input");

  /** The cost of the prompt's audio tokens, in USD. */
  public static final AttributeKey<Double> LLM_COST_PROMPT_DETAILS_AUDIO =
      doubleKey("llm.cost.prompt_details.audio");

  /** The cost of the prompt's cached input tokens, in USD. */
  public static final AttributeKey<Double> LLM_COST_PROMPT_DETAILS_CACHE_INPUT =
      doubleKey("llm.cost.prompt_details.cache_input");

  /** The cost of the prompt tokens read from the cache, in USD. */
  public static final AttributeKey<Double> LLM_COST_PROMPT_DETAILS_CACHE_READ =
      doubleKey("llm.cost.prompt_details.cache_read");

  /** The cost of the prompt tokens written to the cache, in USD. */
  public static final AttributeKey<Double> LLM_COST_PROMPT_DETAILS_CACHE_WRITE =
      doubleKey("llm.cost.prompt_details.cache_write");

  /** Prefix of the completion cost details, such as {@code .reasoning}. */
  public static final String LLM_COST_COMPLETION_DETAILS = "llm.cost.completion_details";

  /** The cost of the output tokens, in USD. */
  public static final AttributeKey<Double> LLM_COST_COMPLETION_DETAILS_OUTPUT =
      doubleKey("llm.cost.completion_details.output");

  /** The cost of the completion's audio tokens, in USD. */
  public static final AttributeKey<Double> LLM_COST_COMPLETION_DETAILS_AUDIO =
      doubleKey("llm.cost.completion_details.audio");

  /** The cost of the completion's reasoning tokens, in USD. */
  public static final AttributeKey<Double> LLM_COST_COMPLETION_DETAILS_REASONING =
      doubleKey("llm.cost.completion_details.reasoning");

  // Message (leaves under llm.input_messages.<i> and llm.output_messages.<i>)

  /** The role of a message, for example {@code "user"}, {@code "assistant"} or {@code "tool"}. */
  public static final AttributeKey<String> MESSAGE_ROLE = stringKey("message.role");

  /** The text of a message. */
  public static final AttributeKey<String> MESSAGE_CONTENT = stringKey("message.content");

  /** List prefix of a message's content parts (text, image, audio, ...), under a message. */
  public static final String MESSAGE_CONTENTS = "message.contents";

  /** The name of the function or tool that produced a tool or function message. */
  public static final AttributeKey<String> MESSAGE_NAME = stringKey("message.name");

  /** The id of the tool call a tool message answers; matches {@link #TOOL_CALL_ID}. */
  public static final AttributeKey<String> MESSAGE_TOOL_CALL_ID = stringKey("message.tool_call_id");

  /** The function name of a legacy function-call message. */
  public static final AttributeKey<String> MESSAGE_FUNCTION_CALL_NAME =
      stringKey("message.function_call_name");

  /** The arguments of a legacy function-call message, a JSON string. */
  public static final AttributeKey<String> MESSAGE_FUNCTION_CALL_ARGUMENTS_JSON =
      stringKey("message.function_call_arguments_json");

  /** List prefix of the tool calls a model made in a message, under a message. */
  public static final String MESSAGE_TOOL_CALLS = "message.tool_calls";

  // Message content (leaves under message.contents.<j>)

  /** The type of a content part; see {@link MessageContentType}. */
  public static final AttributeKey<String> MESSAGE_CONTENT_TYPE = stringKey("message_content.type");

  /** The text of a {@code text} or {@code reasoning} content part. */
  public static final AttributeKey<String> MESSAGE_CONTENT_TEXT = stringKey("message_content.text");

  /** Object prefix of an image content part; its leaf is {@link #IMAGE_URL}. */
  public static final String MESSAGE_CONTENT_IMAGE = "message_content.image";

  /** Object prefix of an audio content part; its leaves are {@code audio.*}. */
  public static final String MESSAGE_CONTENT_AUDIO = "message_content.audio";

  /** Object prefix of a video content part; its leaf is {@link #VIDEO_URL}. */
  public static final String MESSAGE_CONTENT_VIDEO = "message_content.video";

  /** The provider's id of a content part, kept for stateless replay. */
  public static final AttributeKey<String> MESSAGE_CONTENT_ID = stringKey("message_content.id");

  /** An opaque signature the provider attached to a content part, verbatim. */
  public static final AttributeKey<String> MESSAGE_CONTENT_SIGNATURE =
      stringKey("message_content.signature");

  /** Opaque provider data of a content part (such as redacted thinking), verbatim. */
  public static final AttributeKey<String> MESSAGE_CONTENT_DATA = stringKey("message_content.data");

  /** Encrypted content the provider returned for a content part, verbatim. */
  public static final AttributeKey<String> MESSAGE_CONTENT_ENCRYPTED_CONTENT =
      stringKey("message_content.encrypted_content");

  // Image, audio, video

  /** The http(s) URL or base64 data URI of an image. */
  public static final AttributeKey<String> IMAGE_URL = stringKey("image.url");

  /** The URL or data URI of an audio clip. */
  public static final AttributeKey<String> AUDIO_URL = stringKey("audio.url");

  /** The mime type of an audio clip, for example {@code "audio/mpeg"}. */
  public static final AttributeKey<String> AUDIO_MIME_TYPE = stringKey("audio.mime_type");

  /** The transcript of an audio clip. */
  public static final AttributeKey<String> AUDIO_TRANSCRIPT = stringKey("audio.transcript");

  /** The URL, object-store URI or base64 data URI of a video. */
  public static final AttributeKey<String> VIDEO_URL = stringKey("video.url");

  // Tool call (leaves under message.tool_calls.<j>)

  /** The id of a tool call. */
  public static final AttributeKey<String> TOOL_CALL_ID = stringKey("tool_call.id");

  /** The name of the function a tool call invokes. */
  public static final AttributeKey<String> TOOL_CALL_FUNCTION_NAME =
      stringKey("tool_call.function.name");

  /** The arguments of the function a tool call invokes, a JSON string. */
  public static final AttributeKey<String> TOOL_CALL_FUNCTION_ARGUMENTS =
      stringKey("tool_call.function.arguments");

  /** An opaque reasoning signature the provider attached to a tool call, verbatim. */
  public static final AttributeKey<String> TOOL_CALL_REASONING_SIGNATURE =
      stringKey("tool_call.reasoning_signature");

  // Tool (on a TOOL span, or under llm.tools.<i>)

  /** The name of a tool. */
  public static final AttributeKey<String> TOOL_NAME = stringKey("tool.name");

  /** The description of a tool, which a model reads to decide whether to call it. */
  public static final AttributeKey<String> TOOL_DESCRIPTION = stringKey("tool.description");

  /** The parameters definition of a tool, a JSON string. */
  public static final AttributeKey<String> TOOL_PARAMETERS = stringKey("tool.parameters");

  /** The id of the tool call a TOOL span executes; matches {@link #TOOL_CALL_ID}. */
  public static final AttributeKey<String> TOOL_ID = stringKey("tool.id");

  /** The JSON schema of a tool, preferably in the OpenAI tool format, a JSON string. */
  public static final AttributeKey<String> TOOL_JSON_SCHEMA = stringKey("tool.json_schema");

  // Completions API (leaves under llm.prompts.<i> and llm.choices.<i>)

  /** The text of a prompt sent to a completions API. */
  public static final AttributeKey<String> PROMPT_TEXT = stringKey("prompt.text");

  /** The text of a choice returned by a completions API. */
  public static final AttributeKey<String> COMPLETION_TEXT = stringKey("completion.text");

  // Retrieval and documents

  /** List prefix of the documents a retriever returned; see {@link #retrievalDocument(int)}. */
  public static final String RETRIEVAL_DOCUMENTS = "retrieval.documents";

  /** The id of a document. */
  public static final AttributeKey<String> DOCUMENT_ID = stringKey("document.id");

  /** The content of a document. */
  public static final AttributeKey<String> DOCUMENT_CONTENT = stringKey("document.content");

  /** The relevance score of a document. */
  public static final AttributeKey<Double> DOCUMENT_SCORE = doubleKey("document.score");

  /** The metadata of a document, a JSON object string. */
  public static final AttributeKey<String> DOCUMENT_METADATA = stringKey("document.metadata");

  // Reranker

  /** List prefix of a reranker's input documents; see {@link #rerankerInputDocument(int)}. */
  public static final String RERANKER_INPUT_DOCUMENTS = "reranker.input_documents";

  /** List prefix of a reranker's output documents; see {@link #rerankerOutputDocument(int)}. */
  public static final String RERANKER_OUTPUT_DOCUMENTS = "reranker.output_documents";

  /** The query a reranker ranks documents against. */
  public static final AttributeKey<String> RERANKER_QUERY = stringKey("reranker.query");

  /** The model name of a reranker. */
  public static final AttributeKey<String> RERANKER_MODEL_NAME = stringKey("reranker.model_name");

  /** The number of documents a reranker keeps. */
  public static final AttributeKey<Long> RERANKER_TOP_K = longKey("reranker.top_k");

  // Embeddings

  /** The name of the embedding model. */
  public static final AttributeKey<String> EMBEDDING_MODEL_NAME = stringKey("embedding.model_name");

  /** The parameters of the embedding invocation (input excluded), a JSON object string. */
  public static final AttributeKey<String> EMBEDDING_INVOCATION_PARAMETERS =
      stringKey("embedding.invocation_parameters");

  /** List prefix of the embeddings of an embedding call; see {@link #embedding(int)}. */
  public static final String EMBEDDING_EMBEDDINGS = "embedding.embeddings";

  /** The text an embedding represents. */
  public static final AttributeKey<String> EMBEDDING_TEXT = stringKey("embedding.text");

  /** The embedding vector. */
  public static final AttributeKey<List<Double>> EMBEDDING_VECTOR =
      doubleArrayKey("embedding.vector");

  // Decision models (DECISION spans)

  /** The decision API the call conforms to, for example {@code "typesafe"}. */
  public static final AttributeKey<String> DECISION_SYSTEM = stringKey("decision.system");

  /** Who hosts the decision model, when it differs from {@link #DECISION_SYSTEM}. */
  public static final AttributeKey<String> DECISION_PROVIDER = stringKey("decision.provider");

  /** The decision model used. */
  public static final AttributeKey<String> DECISION_MODEL_NAME = stringKey("decision.model_name");

  /** The decision model the caller asked for, for example an alias. */
  public static final AttributeKey<String> DECISION_REQUEST_MODEL_NAME =
      stringKey("decision.request.model_name");

  /** The decision model that answered, as reported by the provider. */
  public static final AttributeKey<String> DECISION_RESPONSE_MODEL_NAME =
      stringKey("decision.response.model_name");

  /** The number of input tokens a decision model consumed. */
  public static final AttributeKey<Long> DECISION_TOKEN_COUNT_INPUT =
      longKey("decision.token_count.input");

  /** The number of output tokens a decision model produced. */
  public static final AttributeKey<Long> DECISION_TOKEN_COUNT_OUTPUT =
      longKey("decision.token_count.output");

  // Prompt registry

  /** The vendor or origin of a managed prompt, for example {@code "langsmith"}. */
  public static final AttributeKey<String> PROMPT_VENDOR = stringKey("prompt.vendor");

  /** The vendor's id of a managed prompt. */
  public static final AttributeKey<String> PROMPT_ID = stringKey("prompt.id");

  /** The vendor's URL of a managed prompt. */
  public static final AttributeKey<String> PROMPT_URL = stringKey("prompt.url");

  // Agent and graph

  /** The name of the agent a span represents. */
  public static final AttributeKey<String> AGENT_NAME = stringKey("agent.name");

  /** The id of a node of the execution graph. */
  public static final AttributeKey<String> GRAPH_NODE_ID = stringKey("graph.node.id");

  /** The human-readable name of a node of the execution graph. */
  public static final AttributeKey<String> GRAPH_NODE_NAME = stringKey("graph.node.name");

  /** The id of the parent node of the execution graph; unset or empty for the root. */
  public static final AttributeKey<String> GRAPH_NODE_PARENT_ID = stringKey("graph.node.parent_id");

  // Exception

  /** The type of an exception, for example its class name. */
  public static final AttributeKey<String> EXCEPTION_TYPE = stringKey("exception.type");

  /** The message of an exception. */
  public static final AttributeKey<String> EXCEPTION_MESSAGE = stringKey("exception.message");

  /** Whether an exception escaped the span's scope. */
  public static final AttributeKey<Boolean> EXCEPTION_ESCAPED = booleanKey("exception.escaped");

  /** The stack trace of an exception. */
  public static final AttributeKey<String> EXCEPTION_STACKTRACE = stringKey("exception.stacktrace");

  // Feedback (annotations and evaluations)

  /** List prefix of span feedback in annotation terms; see {@link #annotation(int)}. */
  public static final String ANNOTATIONS = "annotations";

  /** List prefix of span feedback in evaluation terms; see {@link #evaluation(int)}. */
  public static final String EVALUATIONS = "evaluations";

  /** List prefix of trace feedback in annotation terms; see {@link #traceAnnotation(int)}. */
  public static final String TRACE_ANNOTATIONS = "trace.annotations";

  /** List prefix of trace feedback in evaluation terms; see {@link #traceEvaluation(int)}. */
  public static final String TRACE_EVALUATIONS = "trace.evaluations";

  /** List prefix of session feedback in annotation terms; see {@link #sessionAnnotation(int)}. */
  public static final String SESSION_ANNOTATIONS = "session.annotations";

  /** List prefix of session feedback in evaluation terms; see {@link #sessionEvaluation(int)}. */
  public static final String SESSION_EVALUATIONS = "session.evaluations";

  /** The criterion or metric name of an annotation. */
  public static final AttributeKey<String> ANNOTATION_NAME = stringKey("annotation.name");

  /** The numeric result of an annotation. */
  public static final AttributeKey<Double> ANNOTATION_SCORE = doubleKey("annotation.score");

  /** The categorical result of an annotation. */
  public static final AttributeKey<String> ANNOTATION_LABEL = stringKey("annotation.label");

  /** The reason or evidence for an annotation's result. */
  public static final AttributeKey<String> ANNOTATION_EXPLANATION =
      stringKey("annotation.explanation");

  /** The kind of judge of an annotation: {@code HUMAN}, {@code LLM}, {@code CODE} or custom. */
  public static final AttributeKey<String> ANNOTATION_ANNOTATOR_KIND =
      stringKey("annotation.annotator_kind");

  /** A stable id of an annotation's result for the same name and target. */
  public static final AttributeKey<String> ANNOTATION_IDENTIFIER =
      stringKey("annotation.identifier");

  /** Additional data of an annotation, a JSON object string. */
  public static final AttributeKey<String> ANNOTATION_METADATA = stringKey("annotation.metadata");

  /** The criterion or metric name of an evaluation. */
  public static final AttributeKey<String> EVALUATION_NAME = stringKey("evaluation.name");

  /** The numeric result of an evaluation. */
  public static final AttributeKey<Double> EVALUATION_SCORE = doubleKey("evaluation.score");

  /** The categorical result of an evaluation. */
  public static final AttributeKey<String> EVALUATION_LABEL = stringKey("evaluation.label");

  /** The reason or evidence for an evaluation's result. */
  public static final AttributeKey<String> EVALUATION_EXPLANATION =
      stringKey("evaluation.explanation");

  /** The kind of judge of an evaluation: {@code HUMAN}, {@code LLM}, {@code CODE} or custom. */
  public static final AttributeKey<String> EVALUATION_ANNOTATOR_KIND =
      stringKey("evaluation.annotator_kind");

  /** A stable id of an evaluation's result for the same name and target. */
  public static final AttributeKey<String> EVALUATION_IDENTIFIER =
      stringKey("evaluation.identifier");

  /** Additional data of an evaluation, a JSON object string. */
  public static final AttributeKey<String> EVALUATION_METADATA = stringKey("evaluation.metadata");

  // Flattened list keys

  /**
   * Returns the keys of input message {@code index}, under {@code llm.input_messages.<index>}; for
   * example {@code llmInputMessage(0).role()} is {@code llm.input_messages.0.message.role}.
   *
   * @param index zero-based position of the message in the request; negative gives invalid keys
   * @return the message keys, never null; {@link MessageKeys#isValid()} is false for a negative
   *     index
   */
  public static MessageKeys llmInputMessage(int index) {
    return MessageKeys.create(LLM_INPUT_MESSAGES, index);
  }

  /**
   * Returns the keys of output message {@code index}, under {@code llm.output_messages.<index>}.
   *
   * @param index zero-based position of the message in the response; negative gives invalid keys
   * @return the message keys, never null; {@link MessageKeys#isValid()} is false for a negative
   *     index
   */
  public static MessageKeys llmOutputMessage(int index) {
    return MessageKeys.create(LLM_OUTPUT_MESSAGES, index);
  }

  /**
   * Returns the keys of advertised tool {@code index}, under {@code llm.tools.<index>}.
   *
   * @param index zero-based position of the tool in the request's tool list; negative gives invalid
   *     keys
   * @return the tool keys, never null; {@link ToolKeys#isValid()} is false for a negative index
   */
  public static ToolKeys llmTool(int index) {
    return ToolKeys.create(LLM_TOOLS, index);
  }

  /**
   * Returns {@code llm.prompts.<index>.prompt.text}, the text of a completions-API prompt.
   *
   * @param index zero-based position of the prompt; negative gives an empty-named key
   * @return the string key, never null; empty-named (dropped by OpenTelemetry) for a negative index
   */
  public static AttributeKey<String> llmPromptText(int index) {
    return FlatKeys.stringLeaf(FlatKeys.element(LLM_PROMPTS, index), PROMPT_TEXT);
  }

  /**
   * Returns {@code llm.choices.<index>.completion.text}, the text of a completions-API choice.
   *
   * @param index zero-based position of the choice; negative gives an empty-named key
   * @return the string key, never null; empty-named (dropped by OpenTelemetry) for a negative index
   */
  public static AttributeKey<String> llmChoiceText(int index) {
    return FlatKeys.stringLeaf(FlatKeys.element(LLM_CHOICES, index), COMPLETION_TEXT);
  }

  /**
   * Returns the keys of retrieved document {@code index}, under {@code retrieval.documents}.
   *
   * @param index zero-based rank of the document in the retriever's result; negative gives invalid
   *     keys
   * @return the document keys, never null; {@link DocumentKeys#isValid()} is false for a negative
   *     index
   */
  public static DocumentKeys retrievalDocument(int index) {
    return DocumentKeys.create(RETRIEVAL_DOCUMENTS, index);
  }

  /**
   * Returns the keys of reranker input document {@code index}.
   *
   * @param index zero-based position of the document in the reranker's input; negative gives
   *     invalid keys
   * @return the document keys, never null; {@link DocumentKeys#isValid()} is false for a negative
   *     index
   */
  public static DocumentKeys rerankerInputDocument(int index) {
    return DocumentKeys.create(RERANKER_INPUT_DOCUMENTS, index);
  }

  /**
   * Returns the keys of reranker output document {@code index}.
   *
   * @param index zero-based rank of the document in the reranker's output; negative gives invalid
   *     keys
   * @return the document keys, never null; {@link DocumentKeys#isValid()} is false for a negative
   *     index
   */
  public static DocumentKeys rerankerOutputDocument(int index) {
    return DocumentKeys.create(RERANKER_OUTPUT_DOCUMENTS, index);
  }

  /**
   * Returns the keys of embedding {@code index}, under {@code embedding.embeddings.<index>}.
   *
   * @param index zero-based position of the embedding in the batch; negative gives invalid keys
   * @return the embedding keys, never null; {@link EmbeddingKeys#isValid()} is false for a negative
   *     index
   */
  public static EmbeddingKeys embedding(int index) {
    return EmbeddingKeys.create(EMBEDDING_EMBEDDINGS, index);
  }

  /**
   * Returns the keys of span annotation {@code index}, under {@code annotations.<index>}.
   *
   * @param index zero-based position of the annotation on the span; negative gives invalid keys
   * @return the annotation keys, never null; {@link FeedbackKeys#isValid()} is false for a negative
   *     index
   */
  public static FeedbackKeys annotation(int index) {
    return FeedbackKeys.annotation(ANNOTATIONS, index);
  }

  /**
   * Returns the keys of span evaluation {@code index}, under {@code evaluations.<index>}.
   *
   * @param index zero-based position of the evaluation on the span; negative gives invalid keys
   * @return the evaluation keys, never null; {@link FeedbackKeys#isValid()} is false for a negative
   *     index
   */
  public static FeedbackKeys evaluation(int index) {
    return FeedbackKeys.evaluation(EVALUATIONS, index);
  }

  /**
   * Returns the keys of trace annotation {@code index}, under {@code trace.annotations}.
   *
   * @param index zero-based position of the annotation on the trace; negative gives invalid keys
   * @return the annotation keys, never null; {@link FeedbackKeys#isValid()} is false for a negative
   *     index
   */
  public static FeedbackKeys traceAnnotation(int index) {
    return FeedbackKeys.annotation(TRACE_ANNOTATIONS, index);
  }

  /**
   * Returns the keys of trace evaluation {@code index}, under {@code trace.evaluations}.
   *
   * @param index zero-based position of the evaluation on the trace; negative gives invalid keys
   * @return the evaluation keys, never null; {@link FeedbackKeys#isValid()} is false for a negative
   *     index
   */
  public static FeedbackKeys traceEvaluation(int index) {
    return FeedbackKeys.evaluation(TRACE_EVALUATIONS, index);
  }

  /**
   * Returns the keys of session annotation {@code index}, under {@code session.annotations}.
   *
   * @param index zero-based position of the annotation on the session; negative gives invalid keys
   * @return the annotation keys, never null; {@link FeedbackKeys#isValid()} is false for a negative
   *     index
   */
  public static FeedbackKeys sessionAnnotation(int index) {
    return FeedbackKeys.annotation(SESSION_ANNOTATIONS, index);
  }

  /**
   * Returns the keys of session evaluation {@code index}, under {@code session.evaluations}.
   *
   * @param index zero-based position of the evaluation on the session; negative gives invalid keys
   * @return the evaluation keys, never null; {@link FeedbackKeys#isValid()} is false for a negative
   *     index
   */
  public static FeedbackKeys sessionEvaluation(int index) {
    return FeedbackKeys.evaluation(SESSION_EVALUATIONS, index);
  }

  private SemanticConventions() {}
}
