/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_PARAMETERS;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * A {@link ToolExecutor} that runs its delegate inside an OpenInference {@code TOOL} span, current
 * while the tool runs, so spans the tool creates are its children.
 *
 * <p>Whatever the delegate returns or throws reaches the caller unchanged; only the span's own
 * bookkeeping is guarded, and it never throws.
 */
final class TracedToolExecutor implements ToolExecutor {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(TracedToolExecutor.class);

  private final Tracer tracer;
  private final ToolSpecification specification;
  private final ToolExecutor delegate;
  @Nullable private final String parameters;

  TracedToolExecutor(Tracer tracer, ToolSpecification specification, ToolExecutor delegate) {
    this.tracer = tracer;
    this.specification = specification;
    this.delegate = delegate;
    this.parameters = parametersOf(specification);
  }

  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    return run(request, () -> delegate.execute(request, memoryId), r -> r);
  }

  @Override
  public ToolExecutionResult executeWithContext(
      ToolExecutionRequest request, InvocationContext context) {
    return run(
        request, () -> delegate.executeWithContext(request, context), TracedToolExecutor::textOf);
  }

  // The scope is closed on both paths, before the span ends.
  @SuppressWarnings("MustBeClosedChecker")
  private <T> T run(ToolExecutionRequest request, Supplier<T> call, Function<T, String> output) {
    Span span = start(request);
    T result;
    Scope scope = span.makeCurrent();
    try {
      result = call.get();
    } catch (Throwable e) {
      scope.close();
      fail(span, e);
      throw Tracing.<RuntimeException>rethrow(e);
    }
    scope.close();
    finish(span, result, output);
    return result;
  }

  private Span start(ToolExecutionRequest request) {
    try {
      String name = specification.name();
      SpanBuilder builder =
          tracer
              .spanBuilder(name == null ? "execute_tool" : "execute_tool " + name)
              .setParent(Context.current())
              .setAttribute(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.TOOL.getValue());
      if (name != null) {
        builder.setAttribute(TOOL_NAME, name);
      }
      if (specification.description() != null) {
        builder.setAttribute(TOOL_DESCRIPTION, specification.description());
      }
      if (parameters != null) {
        builder.setAttribute(TOOL_PARAMETERS, parameters);
      }
      if (request != null) {
        if (request.id() != null) {
          builder.setAttribute(TOOL_CALL_ID, request.id());
        }
        if (request.arguments() != null) {
          builder.setAttribute(INPUT_VALUE, request.arguments());
          builder.setAttribute(INPUT_MIME_TYPE, MimeType.JSON.getValue());
        }
      }
      return builder.startSpan();
    } catch (Throwable t) {
      logger.warning(
          "OpenInference could not start the TOOL span of LangChain4j tool "
              + RateLimitedLogger.describe(specification.name())
              + "; the tool runs untraced",
          t);
      return Span.getInvalid();
    }
  }

  private static <T> void finish(Span span, T result, Function<T, String> output) {
    try {
      String text = result == null ? null : output.apply(result);
      if (text != null) {
        span.setAttribute(OUTPUT_VALUE, text);
        span.setAttribute(OUTPUT_MIME_TYPE, mimeTypeOf(text));
      }
      if (result instanceof ToolExecutionResult && ((ToolExecutionResult) result).isError()) {
        span.setStatus(StatusCode.ERROR, text == null ? "the tool reported an error" : text);
      }
    } catch (Throwable t) {
      logger.warning("OpenInference could not record the result of a LangChain4j tool", t);
    } finally {
      span.end();
    }
  }

  private static void fail(Span span, Throwable error) {
    try {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, Tracing.describe(error));
    } catch (Throwable t) {
      logger.warning("OpenInference could not record the failure of a LangChain4j tool", t);
    } finally {
      span.end();
    }
  }

  @Nullable
  private static String textOf(ToolExecutionResult result) {
    return result.resultText();
  }

  /** JSON when the text is a JSON object or array, as LangChain4j writes non-string results. */
  private static String mimeTypeOf(String text) {
    String trimmed = text.trim();
    boolean json =
        (trimmed.startsWith("{") && trimmed.endsWith("}"))
            || (trimmed.startsWith("[") && trimmed.endsWith("]"));
    return json ? MimeType.JSON.getValue() : MimeType.TEXT.getValue();
  }

  @Nullable
  private static String parametersOf(ToolSpecification specification) {
    try {
      return ToolSchemas.parameters(specification);
    } catch (Throwable t) {
      logger.warning(
          "OpenInference could not render the parameters of LangChain4j tool "
              + RateLimitedLogger.describe(specification.name())
              + "; its TOOL spans go without tool.parameters",
          t);
      return null;
    }
  }

  @Override
  public String toString() {
    return "TracedToolExecutor{tool=" + specification.name() + ", delegate=" + delegate + "}";
  }
}
