/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * A LangChain4j {@link ChatModelListener} that records every call of the chat model it is
 * registered on as an OpenInference {@code LLM} span.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder()
 *     .apiKey(apiKey)
 *     .modelName("gpt-4o-mini")
 *     .listeners(List.of(OpenInferenceChatModelListener.create(openTelemetry)))
 *     .build();
 * }</pre>
 *
 * <p>LangChain4j creates no spans of its own, so this listener creates one per call: it starts in
 * {@link #onRequest} as a child of the current {@link Context} (so an enclosing span, {@code
 * OpenInference.usingSession} / {@code usingUser} values and the OpenInference span processor all
 * apply to it) and ends in {@link #onResponse} or {@link #onError}. The span travels between the
 * callbacks in the request's listener attributes, under a key of this listener's own, so it works
 * for streaming models too, whose response arrives on another thread. The span is not made current:
 * a scope opened in one callback and closed in another would leak into the thread whenever the
 * second callback is not called there (streaming) or not at all; spans the model client itself
 * creates (an instrumented HTTP client, say) are therefore siblings of the LLM span, not children.
 *
 * <p>The span, named {@code chat <model>}, carries {@code openinference.span.kind=LLM}, {@code
 * llm.model_name}, {@code llm.provider} and {@code llm.system} (from {@code ChatModel.provider()}),
 * {@code llm.invocation_parameters}, {@code llm.input_messages.*} (system, user with its text,
 * image, audio and video parts, assistant with its tool calls, tool results with their {@code
 * tool_call_id}), {@code llm.tools.*.tool.json_schema} (the OpenAI function shape), {@code
 * input.value}; and at the end {@code llm.output_messages.*}, {@code output.value}, the token
 * counts and {@code llm.finish_reason}. A failed call ends with status {@code ERROR} and the
 * exception recorded.
 *
 * <p>Nothing this listener does throws into the application: a request or response it cannot read
 * is recorded as far as it could be read, with a rate-limited warning.
 *
 * <p>Tool executions of AI services are recorded by {@link OpenInferenceTools}, and each AI service
 * call as a whole by {@link OpenInferenceAiServices}.
 */
public final class OpenInferenceChatModelListener implements ChatModelListener {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceChatModelListener.class);

  private final Tracer tracer;
  // One key per listener: two listeners on one model each keep their own span.
  private final Object spanKey = new SpanKey();

  private OpenInferenceChatModelListener(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * Returns a listener that creates its spans with the tracer of {@code openTelemetry}; with {@code
   * null}, it warns and uses {@code GlobalOpenTelemetry}.
   *
   * @param openTelemetry the OpenTelemetry whose tracer makes the spans, or null for the global one
   * @return a new listener, never null; register it on the chat model builder's {@code listeners}
   */
  public static OpenInferenceChatModelListener create(@Nullable OpenTelemetry openTelemetry) {
    return new OpenInferenceChatModelListener(Tracing.tracer(openTelemetry, logger));
  }

  @Override
  public void onRequest(ChatModelRequestContext requestContext) {
    try {
      ChatRequest request = requestContext.chatRequest();
      AttributesBuilder attributes = Attributes.builder();
      try {
        LlmAttributes.request(attributes, request, requestContext.modelProvider());
      } catch (RuntimeException | LinkageError e) {
        logger.warning(
            "OpenInference could not read all of the LangChain4j chat request "
                + RateLimitedLogger.describe(request)
                + "; the LLM span keeps what was read: "
                + e);
      }
      String model = request.parameters() == null ? null : request.parameters().modelName();
      Span span =
          tracer
              .spanBuilder(model == null ? "chat" : "chat " + model)
              .setParent(Context.current())
              .setSpanKind(SpanKind.CLIENT)
              .setAllAttributes(attributes.build())
              .startSpan();
      requestContext.attributes().put(spanKey, span);
    } catch (Throwable t) {
      logger.warning("OpenInference could not start the LLM span of a LangChain4j chat call", t);
    }
  }

  @Override
  public void onResponse(ChatModelResponseContext responseContext) {
    try {
      Span span = take(responseContext.attributes());
      if (span == null) {
        return;
      }
      try {
        AttributesBuilder attributes = Attributes.builder();
        try {
          LlmAttributes.response(attributes, responseContext.chatResponse());
        } catch (RuntimeException | LinkageError e) {
          logger.warning(
              "OpenInference could not read all of the LangChain4j chat response "
                  + RateLimitedLogger.describe(responseContext.chatResponse())
                  + "; the LLM span keeps what was read: "
                  + e);
        }
        span.setAllAttributes(attributes.build());
      } finally {
        span.end();
      }
    } catch (Throwable t) {
      logger.warning("OpenInference could not end the LLM span of a LangChain4j chat call", t);
    }
  }

  @Override
  public void onError(ChatModelErrorContext errorContext) {
    try {
      Span span = take(errorContext.attributes());
      if (span == null) {
        return;
      }
      try {
        Throwable error = errorContext.error();
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, Tracing.describe(error));
      } finally {
        span.end();
      }
    } catch (Throwable t) {
      logger.warning(
          "OpenInference could not end the LLM span of a failed LangChain4j chat call", t);
    }
  }

  @Nullable
  private Span take(Map<Object, Object> attributes) {
    Object span = attributes.remove(spanKey);
    return span instanceof Span ? (Span) span : null;
  }

  @Override
  public String toString() {
    return "OpenInferenceChatModelListener{tracer=" + Tracing.INSTRUMENTATION_NAME + "}";
  }

  private static final class SpanKey {
    @Override
    public String toString() {
      return "OpenInferenceChatModelListener.span";
    }
  }
}
