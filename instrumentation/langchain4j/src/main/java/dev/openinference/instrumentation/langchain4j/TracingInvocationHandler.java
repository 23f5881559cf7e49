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

import dev.langchain4j.service.Result;
import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import javax.annotation.Nullable;

/** The proxy behind {@link OpenInferenceAiServices#trace}: one AGENT span per call. */
final class TracingInvocationHandler implements InvocationHandler {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(TracingInvocationHandler.class);

  private final Tracer tracer;
  private final String interfaceName;
  private final Object service;

  TracingInvocationHandler(Tracer tracer, Class<?> serviceInterface, Object service) {
    this.tracer = tracer;
    this.interfaceName = serviceInterface.getSimpleName();
    this.service = service;
  }

  @Override
  // The scope is closed on both paths, before the span ends.
  @SuppressWarnings("MustBeClosedChecker")
  public Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return invokeService(method, args);
    }
    Span span = start(method, args);
    Object result;
    Scope scope = span.makeCurrent();
    try {
      result = invokeService(method, args);
    } catch (Throwable error) {
      scope.close();
      fail(span, error);
      throw error;
    }
    scope.close();
    finish(span, result);
    return result;
  }

  private Object invokeService(Method method, @Nullable Object[] args) throws Throwable {
    try {
      try {
        return method.invoke(service, args);
      } catch (IllegalAccessException e) {
        // A package-private service interface: its methods need opening once.
        method.setAccessible(true);
        return method.invoke(service, args);
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private Span start(Method method, @Nullable Object[] args) {
    try {
      SpanBuilder builder =
          tracer
              .spanBuilder(interfaceName + "." + method.getName())
              .setParent(Context.current())
              .setAttribute(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.AGENT.getValue());
      if (args != null && args.length > 0) {
        Object input = args.length == 1 ? args[0] : Arrays.asList(args);
        put(builder, INPUT_VALUE, INPUT_MIME_TYPE, input);
      }
      return builder.startSpan();
    } catch (Throwable t) {
      logger.warning(
          "OpenInference could not start the span of AI service method "
              + interfaceName
              + "."
              + method.getName()
              + "; the call runs untraced",
          t);
      return Span.getInvalid();
    }
  }

  private static void finish(Span span, @Nullable Object result) {
    try {
      Object output = result instanceof Result ? ((Result<?>) result).content() : result;
      if (output != null) {
        String text = output instanceof String ? (String) output : JsonEncoder.toJson(output);
        span.setAttribute(OUTPUT_VALUE, text);
        span.setAttribute(
            OUTPUT_MIME_TYPE,
            (output instanceof String ? MimeType.TEXT : MimeType.JSON).getValue());
      }
    } catch (Throwable t) {
      logger.warning("OpenInference could not record the result of an AI service call", t);
    } finally {
      span.end();
    }
  }

  private static void fail(Span span, Throwable error) {
    try {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, Tracing.describe(error));
    } catch (Throwable t) {
      logger.warning("OpenInference could not record the failure of an AI service call", t);
    } finally {
      span.end();
    }
  }

  private static void put(
      SpanBuilder builder,
      AttributeKey<String> value,
      AttributeKey<String> mimeType,
      @Nullable Object input) {
    if (input == null) {
      return;
    }
    if (input instanceof String) {
      builder.setAttribute(value, (String) input);
      builder.setAttribute(mimeType, MimeType.TEXT.getValue());
    } else {
      builder.setAttribute(value, JsonEncoder.toJson(input));
      builder.setAttribute(mimeType, MimeType.JSON.getValue());
    }
  }

  @Override
  public String toString() {
    return "TracingInvocationHandler{service=" + interfaceName + "}";
  }
}
