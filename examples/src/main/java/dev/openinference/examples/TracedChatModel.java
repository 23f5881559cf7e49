/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.llmInputMessage;
import static dev.openinference.semconv.SemanticConventions.llmOutputMessage;

import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;

/**
 * The {@link FakeChatModel} with an OpenInference LLM span around each call, as an instrumented
 * model client would record it: model name, invocation parameters, input and output messages and
 * token counts.
 */
final class TracedChatModel {

  private final Tracer tracer;
  private final FakeChatModel model = FakeChatModel.create();

  private TracedChatModel(Tracer tracer) {
    this.tracer = tracer;
  }

  static TracedChatModel create(OpenTelemetry openTelemetry) {
    return new TracedChatModel(openTelemetry.getTracer("dev.openinference.examples.chat-model"));
  }

  /** Calls the model with {@code messages}; the last one is the user's question. */
  FakeChatModel.Completion complete(List<ChatMessage> messages) {
    Span span =
        tracer
            .spanBuilder("chat " + FakeChatModel.MODEL_NAME)
            .setAttribute(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.LLM.getValue())
            .setAttribute(LLM_MODEL_NAME, FakeChatModel.MODEL_NAME)
            .setAttribute(LLM_INVOCATION_PARAMETERS, "{\"temperature\":0}")
            .startSpan();
    try (Scope current = span.makeCurrent()) {
      for (int i = 0; i < messages.size(); i++) {
        span.setAttribute(llmInputMessage(i).role(), messages.get(i).role());
        span.setAttribute(llmInputMessage(i).content(), messages.get(i).content());
      }
      span.setAttribute(INPUT_VALUE, messages.get(messages.size() - 1).content());
      FakeChatModel.Completion completion = model.complete(messages);
      span.setAttribute(llmOutputMessage(0).role(), "assistant");
      span.setAttribute(llmOutputMessage(0).content(), completion.text());
      span.setAttribute(OUTPUT_VALUE, completion.text());
      span.setAttribute(LLM_TOKEN_COUNT_PROMPT, completion.promptTokens());
      span.setAttribute(LLM_TOKEN_COUNT_COMPLETION, completion.completionTokens());
      span.setAttribute(LLM_TOKEN_COUNT_TOTAL, completion.totalTokens());
      return completion;
    } finally {
      span.end();
    }
  }

  @Override
  public String toString() {
    return "TracedChatModel{" + FakeChatModel.MODEL_NAME + "}";
  }
}
