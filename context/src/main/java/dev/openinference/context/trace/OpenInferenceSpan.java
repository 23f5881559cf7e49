/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.semconv.MessageKeys;
import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.semconv.ToolCallKeys;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * A started OpenInference span: the OTel {@link Span} (always reachable through {@link #getSpan()})
 * plus typed setters for the OpenInference attributes, and, when it came from {@link
 * OpenInferenceSpanBuilder#start()}, the scope that makes it current.
 *
 * <pre>{@code
 * try (OpenInferenceSpan span = tracer.agent("support-agent").setInput(question).start()) {
 *   return span.output(agent.answer(question)); // records output.value, returns the answer
 * }
 * }</pre>
 *
 * <p>{@link #close()} leaves the scope and ends the span, once; it never throws. Close it on the
 * thread that started it (try-with-resources does). An exception that leaves a try-with-resources
 * block is not seen by {@code close()}: catch it and call {@link #recordException}, or use {@link
 * OpenInferenceSpanBuilder#call}, which does both.
 *
 * <p><b>Asynchronous results.</b> When the output is a {@link CompletionStage} (a {@code
 * CompletableFuture}), the span stays open after {@code close()} and ends when the stage completes,
 * with the stage's value as its output or its failure as an ERROR status.
 *
 * <p>The setters may be called from any thread, return this span and never throw: a bad argument is
 * dropped with a rate-limited warning (logger {@code
 * dev.openinference.context.trace.OpenInferenceTracer}).
 */
public final class OpenInferenceSpan implements AutoCloseable {

  private final Span span;
  private final OpenInferenceSpanKind kind;
  @Nullable private final Scope scope;
  private final Thread owner;
  // Written by the owner thread only.
  private boolean scopeClosed;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean deferred = new AtomicBoolean();
  private final AtomicInteger inputMessages = new AtomicInteger();
  private final AtomicInteger outputMessages = new AtomicInteger();

  OpenInferenceSpan(Span span, OpenInferenceSpanKind kind, @Nullable Scope scope) {
    this.span = span;
    this.kind = kind;
    this.scope = scope;
    this.owner = Thread.currentThread();
  }

  /**
   * Returns the OTel span, for anything the typed setters do not cover (events, links, status).
   *
   * @return the underlying OpenTelemetry span, never null
   */
  public Span getSpan() {
    return span;
  }

  /**
   * Returns the span's trace id: for a turn's root span, the id to keep with the answer so that
   * feedback given later finds the turn ({@code OpenInferenceFeedback.forTrace(traceId)}).
   *
   * @return 32 lowercase hex digits; all zeros when tracing is off (a no-op span)
   */
  public String getTraceId() {
    return span.getSpanContext().getTraceId();
  }

  /**
   * Returns the span id, for feedback on this span from elsewhere ({@code
   * OpenInferenceFeedback.forSpan(traceId, spanId)}).
   *
   * @return 16 lowercase hex digits; all zeros when tracing is off (a no-op span)
   */
  public String getSpanId() {
    return span.getSpanContext().getSpanId();
  }

  /**
   * Returns the OpenInference kind the span was started with.
   *
   * @return the span's kind, never null
   */
  public OpenInferenceSpanKind getKind() {
    return kind;
  }

  /**
   * Sets any attribute on the span; a null key is dropped with a warning.
   *
   * @param <T> the attribute's value type
   * @param key the attribute key; null drops the call with a warning
   * @param value the value; null sets nothing
   * @return this span
   */
  public <T> OpenInferenceSpan setAttribute(AttributeKey<T> key, @Nullable T value) {
    if (key == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.setAttribute: ignored a null key (value " + describe(value) + ").");
      return this;
    }
    if (value != null) {
      span.setAttribute(key, value);
    }
    return this;
  }

  /**
   * Sets {@code input.value} and {@code input.mime_type}: text ({@code text/plain}) for strings,
   * numbers, booleans and enums; JSON ({@code application/json}) for maps, collections, arrays and
   * records; the {@code toString()} otherwise.
   *
   * @param input the input to record; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan setInput(Object input) {
    if (input == null) {
      SpanValues.logger.warning("OpenInferenceSpan.setInput: ignored a null input.");
      return this;
    }
    SpanValues.Encoded encoded = SpanValues.encode(input);
    if (encoded != null) {
      span.setAttribute(SemanticConventions.INPUT_VALUE, encoded.value);
      span.setAttribute(SemanticConventions.INPUT_MIME_TYPE, encoded.mimeType.getValue());
    }
    return this;
  }

  /**
   * Sets {@code input.value} as given (for example JSON that is already encoded).
   *
   * @param value the input exactly as it should appear in {@code input.value}; null is ignored with
   *     a warning
   * @param mimeType the value's type, written to {@code input.mime_type}; null is ignored with a
   *     warning
   * @return this span
   */
  public OpenInferenceSpan setInput(String value, MimeType mimeType) {
    if (value == null || mimeType == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.setInput: ignored input "
              + describe(value)
              + " with mime type "
              + mimeType
              + "; neither may be null.");
      return this;
    }
    span.setAttribute(SemanticConventions.INPUT_VALUE, value);
    span.setAttribute(SemanticConventions.INPUT_MIME_TYPE, mimeType.getValue());
    return this;
  }

  /**
   * Sets {@code output.value} and {@code output.mime_type}, encoded like {@link #setInput(Object)}.
   * A {@link CompletionStage} is not encoded: the span ends when it completes, with its value as
   * the output.
   *
   * @param output the output to record; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan setOutput(Object output) {
    if (output == null) {
      SpanValues.logger.warning("OpenInferenceSpan.setOutput: ignored a null output.");
      return this;
    }
    output(output);
    return this;
  }

  /**
   * Sets {@code output.value} as given (for example JSON that is already encoded).
   *
   * @param value the output exactly as it should appear in {@code output.value}; null is ignored
   *     with a warning
   * @param mimeType the value's type, written to {@code output.mime_type}; null is ignored with a
   *     warning
   * @return this span
   */
  public OpenInferenceSpan setOutput(String value, MimeType mimeType) {
    if (value == null || mimeType == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.setOutput: ignored output "
              + describe(value)
              + " with mime type "
              + mimeType
              + "; neither may be null.");
      return this;
    }
    span.setAttribute(SemanticConventions.OUTPUT_VALUE, value);
    span.setAttribute(SemanticConventions.OUTPUT_MIME_TYPE, mimeType.getValue());
    return this;
  }

  /**
   * Records {@code result} as the output (like {@link #setOutput(Object)}) and returns it, so that
   * {@code return span.output(answer);} ends a traced block. Null records nothing. A {@link
   * CompletionStage} is returned as it is and its value is recorded when it completes; the span
   * then ends at that moment rather than at {@link #close()}.
   *
   * @param <T> the result's type
   * @param result the result to record, or null
   * @return {@code result} itself, unchanged
   */
  @Nullable
  public <T> T output(@Nullable T result) {
    if (result instanceof CompletionStage) {
      endWhenComplete((CompletionStage<?>) result);
    } else if (result != null) {
      writeOutput(result);
    }
    return result;
  }

  private void writeOutput(Object result) {
    SpanValues.Encoded encoded = SpanValues.encode(result);
    if (encoded != null) {
      span.setAttribute(SemanticConventions.OUTPUT_VALUE, encoded.value);
      span.setAttribute(SemanticConventions.OUTPUT_MIME_TYPE, encoded.mimeType.getValue());
    }
  }

  private void endWhenComplete(CompletionStage<?> stage) {
    if (!deferred.compareAndSet(false, true)) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.output: span "
              + span.getSpanContext().getSpanId()
              + " already waits for another CompletionStage; ignored "
              + describe(stage));
      return;
    }
    if (ended.get()) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.output: span "
              + span.getSpanContext().getSpanId()
              + " has already ended; the result of "
              + describe(stage)
              + " is not recorded.");
      return;
    }
    try {
      stage.whenComplete(
          (value, failure) -> {
            try {
              if (failure != null) {
                recordException(unwrap(failure));
              } else if (value != null) {
                writeOutput(value);
              }
            } finally {
              end();
            }
          });
    } catch (RuntimeException e) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.output: could not wait for " + describe(stage) + ": " + e, e);
      deferred.set(false);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Records {@code exception} as a span event and sets the status to ERROR with the exception's
   * description. Use it in a {@code catch} block of the try-with-resources form; {@link
   * OpenInferenceSpanBuilder#call} does it for you.
   *
   * @param exception the failure; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan recordException(Throwable exception) {
    if (exception == null) {
      SpanValues.logger.warning("OpenInferenceSpan.recordException: ignored a null exception.");
      return this;
    }
    try {
      span.setStatus(StatusCode.ERROR, JsonEncoder.stringify(exception));
      span.recordException(exception);
    } catch (RuntimeException e) {
      // An exception whose getMessage() or stack trace throws must not break the caller.
      span.setStatus(StatusCode.ERROR, exception.getClass().getName());
      SpanValues.logger.warning(
          "OpenInferenceSpan.recordException: could not record "
              + exception.getClass().getName()
              + ": "
              + e);
    }
    return this;
  }

  // --- tools ---

  /**
   * Sets {@code tool.name}, {@code tool.description} and {@code tool.parameters} (a JSON string: a
   * String is taken to be JSON already, maps and records are encoded). Description and parameters
   * may be null.
   *
   * @param name the tool's name; null leaves {@code tool.name} unset, with a warning
   * @param description what the tool does, as told to the model, or null
   * @param parameters the tool's parameter JSON schema, or null
   * @return this span
   */
  public OpenInferenceSpan setTool(
      String name, @Nullable String description, @Nullable Object parameters) {
    if (name == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.setTool: null tool name (description "
              + describe(description)
              + "); tool.name is not set.");
    } else {
      span.setAttribute(SemanticConventions.TOOL_NAME, name);
    }
    if (description != null) {
      span.setAttribute(SemanticConventions.TOOL_DESCRIPTION, description);
    }
    String json = SpanValues.json(parameters);
    if (json != null) {
      span.setAttribute(SemanticConventions.TOOL_PARAMETERS, json);
    }
    return this;
  }

  /**
   * Sets {@code tool_call.id}, the id of the model's call that this tool span answers.
   *
   * @param toolCallId the id the model gave the call; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan setToolCallId(String toolCallId) {
    return setString("setToolCallId", SemanticConventions.TOOL_CALL_ID, toolCallId);
  }

  // --- model calls ---

  /**
   * Sets {@code llm.model_name}.
   *
   * @param modelName the model's name as the provider reports it, for example {@code
   *     "gpt-4o-mini"}; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan setModelName(String modelName) {
    return setString("setModelName", SemanticConventions.LLM_MODEL_NAME, modelName);
  }

  /**
   * Sets {@code llm.provider}, for example {@link dev.openinference.semconv.LlmProvider#OPENAI}.
   *
   * @param provider the hosting provider; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan setProvider(String provider) {
    return setString("setProvider", SemanticConventions.LLM_PROVIDER, provider);
  }

  /**
   * Sets {@code llm.system}, for example {@link dev.openinference.semconv.LlmSystem#OPENAI}.
   *
   * @param system the model family's vendor; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan setSystem(String system) {
    return setString("setSystem", SemanticConventions.LLM_SYSTEM, system);
  }

  /**
   * Sets {@code llm.invocation_parameters} (a JSON string: a String is taken to be JSON already,
   * maps and records are encoded), for example {@code Map.of("temperature", 0.2)}.
   *
   * @param parameters the request's parameters; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan setInvocationParameters(Object parameters) {
    String json = SpanValues.json(parameters);
    if (json == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.setInvocationParameters: ignored null parameters.");
      return this;
    }
    span.setAttribute(SemanticConventions.LLM_INVOCATION_PARAMETERS, json);
    return this;
  }

  /**
   * Sets {@code llm.token_count.prompt}, {@code llm.token_count.completion} and their sum as {@code
   * llm.token_count.total}. A negative count is dropped with a warning (and so is the total).
   *
   * @param prompt the number of tokens in the request
   * @param completion the number of tokens in the response
   * @return this span
   */
  public OpenInferenceSpan setTokenCounts(long prompt, long completion) {
    if (prompt < 0 || completion < 0) {
      SpanValues.logger.warning(
          "OpenInferenceSpan.setTokenCounts: dropped negative token count(s) (prompt "
              + prompt
              + ", completion "
              + completion
              + "); the other count is kept, no total is set.");
    }
    if (prompt >= 0) {
      span.setAttribute(SemanticConventions.LLM_TOKEN_COUNT_PROMPT, prompt);
    }
    if (completion >= 0) {
      span.setAttribute(SemanticConventions.LLM_TOKEN_COUNT_COMPLETION, completion);
    }
    if (prompt >= 0 && completion >= 0) {
      span.setAttribute(SemanticConventions.LLM_TOKEN_COUNT_TOTAL, prompt + completion);
    }
    return this;
  }

  /**
   * Adds a message sent to the model, as {@code llm.input_messages.<i>.message.*} at the next index
   * (0, 1, ...).
   *
   * @param message the message; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan addInputMessage(Message message) {
    return addMessage("addInputMessage", message, true);
  }

  /**
   * Adds the messages sent to the model, in order, after those already added.
   *
   * @param messages the messages, in order; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan addInputMessages(List<Message> messages) {
    return addMessages("addInputMessages", messages, true);
  }

  /**
   * Adds a message the model answered with, as {@code llm.output_messages.<i>.message.*} at the
   * next index.
   *
   * @param message the message; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan addOutputMessage(Message message) {
    return addMessage("addOutputMessage", message, false);
  }

  /**
   * Adds the messages the model answered with, in order, after those already added.
   *
   * @param messages the messages, in order; null is ignored with a warning
   * @return this span
   */
  public OpenInferenceSpan addOutputMessages(List<Message> messages) {
    return addMessages("addOutputMessages", messages, false);
  }

  private OpenInferenceSpan addMessages(String method, List<Message> messages, boolean input) {
    if (messages == null) {
      SpanValues.logger.warning("OpenInferenceSpan." + method + ": ignored a null list.");
      return this;
    }
    try {
      for (Message message : messages) {
        addMessage(method, message, input);
      }
    } catch (RuntimeException e) {
      SpanValues.logger.warning(
          "OpenInferenceSpan." + method + ": stopped at a list that could not be read: " + e);
    }
    return this;
  }

  private OpenInferenceSpan addMessage(String method, Message message, boolean input) {
    if (message == null) {
      SpanValues.logger.warning("OpenInferenceSpan." + method + ": ignored a null message.");
      return this;
    }
    int index = (input ? inputMessages : outputMessages).getAndIncrement();
    MessageKeys keys =
        input
            ? SemanticConventions.llmInputMessage(index)
            : SemanticConventions.llmOutputMessage(index);
    setIfPresent(keys.role(), message.getRole());
    setIfPresent(keys.content(), message.getContent());
    setIfPresent(keys.name(), message.getName());
    setIfPresent(keys.toolCallId(), message.getToolCallId());
    List<ToolCall> calls = message.getToolCalls();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      ToolCallKeys callKeys = keys.toolCalls(i);
      setIfPresent(callKeys.id(), call.getId());
      setIfPresent(callKeys.functionName(), call.getFunctionName());
      setIfPresent(callKeys.functionArguments(), call.getArgumentsJson());
    }
    return this;
  }

  private void setIfPresent(AttributeKey<String> key, @Nullable String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  private OpenInferenceSpan setString(String method, AttributeKey<String> key, String value) {
    if (value == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpan."
              + method
              + ": ignored a null value; "
              + key.getKey()
              + " is not set.");
    } else {
      span.setAttribute(key, value);
    }
    return this;
  }

  /**
   * Leaves the span's scope (if it made the span current) and ends the span, unless its output is a
   * {@link CompletionStage} still running: then the span ends when that completes. Calling it again
   * does nothing; calling it on another thread than the one that started the span ends the span but
   * leaves the scope to that thread, with a warning.
   */
  @Override
  public void close() {
    if (scope != null && !scopeClosed) {
      Thread current = Thread.currentThread();
      if (current == owner) {
        scopeClosed = true;
        try {
          scope.close();
        } catch (RuntimeException e) {
          SpanValues.logger.warning(
              "OpenInferenceSpan.close: the scope of span "
                  + span.getSpanContext().getSpanId()
                  + " did not close cleanly: "
                  + e);
        }
      } else {
        SpanValues.logger.warning(
            "OpenInferenceSpan.close: span "
                + span.getSpanContext().getSpanId()
                + " was started on thread \""
                + owner.getName()
                + "\" and closed on \""
                + current.getName()
                + "\"; ended it, but only the starting thread can leave its scope.");
      }
    }
    if (!deferred.get()) {
      end();
    }
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      span.end();
    }
  }

  @Override
  public String toString() {
    return "OpenInferenceSpan{kind="
        + kind
        + ", spanContext="
        + span.getSpanContext()
        + ", current="
        + (scope != null && !scopeClosed)
        + ", ended="
        + ended.get()
        + "}";
  }
}
