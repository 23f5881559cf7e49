/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.lang.reflect.Proxy;
import javax.annotation.Nullable;

/**
 * Records each call of a LangChain4j AI service as an OpenInference {@code AGENT} span, the parent
 * of the call's LLM spans ({@link OpenInferenceChatModelListener}) and TOOL spans ({@link
 * OpenInferenceTools}), so one question and its answer make one trace: one turn of the session.
 *
 * <pre>{@code
 * Assistant assistant = OpenInferenceAiServices.create(openTelemetry)
 *     .trace(Assistant.class, AiServices.builder(Assistant.class).chatModel(model).build());
 * }</pre>
 *
 * <p>The span is named {@code <Interface>.<method>}, starts as a child of the current context and
 * is current while the call runs. Its {@code input.value} is the call's argument (a string as text,
 * anything else, or several arguments, as JSON) and its {@code output.value} the value returned (a
 * {@code dev.langchain4j.service.Result} by its content). An exception ends the span with status
 * {@code ERROR} and reaches the caller unchanged. {@code Object} methods ({@code toString}, {@code
 * equals}, {@code hashCode}) are not traced.
 *
 * <p>A method that returns a stream ({@code TokenStream} and the like) ends its span when it
 * returns the stream, before the answer has streamed; the LLM span still covers the whole answer.
 *
 * <p>LangChain4j's own AI service events ({@code AiServiceStartedEvent}, {@code
 * AiServiceCompletedEvent}) are separate callbacks, so a span opened in one could not be made
 * current without leaking its scope whenever the other does not run on the same thread; a proxy
 * around the service can.
 */
public final class OpenInferenceAiServices {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceAiServices.class);

  private final Tracer tracer;

  private OpenInferenceAiServices(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * Returns a tracer of AI services whose spans use the tracer of {@code openTelemetry}; with
   * {@code null}, it warns and uses {@code GlobalOpenTelemetry}.
   *
   * @param openTelemetry the OpenTelemetry whose tracer makes the spans, or null for the global one
   * @return a new instance, never null
   */
  public static OpenInferenceAiServices create(@Nullable OpenTelemetry openTelemetry) {
    return new OpenInferenceAiServices(Tracing.tracer(openTelemetry, logger));
  }

  /**
   * Returns {@code service} behind a proxy of {@code serviceInterface} that records each call. With
   * a null argument, or a class that is not an interface, {@code service} is returned as it is,
   * with a warning.
   *
   * @param <T> the service interface type
   * @param serviceInterface the interface {@code AiServices} built {@code service} from
   * @param service the service to trace
   * @return a traced proxy implementing {@code serviceInterface}, or {@code service} itself when it
   *     cannot be proxied
   */
  @Nullable
  public <T> T trace(@Nullable Class<T> serviceInterface, @Nullable T service) {
    if (serviceInterface == null || service == null || !serviceInterface.isInterface()) {
      logger.warning(
          "OpenInferenceAiServices.trace needs an interface and an AI service implementing it, not "
              + RateLimitedLogger.describe(serviceInterface)
              + " and "
              + RateLimitedLogger.describe(service)
              + "; the service is returned untraced");
      return service;
    }
    if (Proxy.isProxyClass(service.getClass())
        && Proxy.getInvocationHandler(service) instanceof TracingInvocationHandler) {
      return service;
    }
    try {
      Object proxy =
          Proxy.newProxyInstance(
              serviceInterface.getClassLoader(),
              new Class<?>[] {serviceInterface},
              new TracingInvocationHandler(tracer, serviceInterface, service));
      return serviceInterface.cast(proxy);
    } catch (RuntimeException | LinkageError e) {
      logger.warning(
          "OpenInferenceAiServices.trace could not proxy "
              + serviceInterface.getName()
              + "; the service is returned untraced: "
              + e);
      return service;
    }
  }

  @Override
  public String toString() {
    return "OpenInferenceAiServices{tracer=" + Tracing.INSTRUMENTATION_NAME + "}";
  }
}
