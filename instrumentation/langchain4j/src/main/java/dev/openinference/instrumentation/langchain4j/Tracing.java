/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import javax.annotation.Nullable;

/** What the public entry points share: the tracer they make, how they describe an error. */
final class Tracing {

  static final String INSTRUMENTATION_NAME = "dev.openinference.instrumentation.langchain4j";

  /** Returns this instrumentation's tracer; {@code null} warns and takes the global one. */
  static Tracer tracer(@Nullable OpenTelemetry openTelemetry, RateLimitedLogger logger) {
    OpenTelemetry otel = openTelemetry;
    if (otel == null) {
      logger.warning(
          "OpenInference LangChain4j instrumentation was given a null OpenTelemetry;"
              + " it uses GlobalOpenTelemetry instead");
      otel = GlobalOpenTelemetry.get();
    }
    return otel.getTracer(INSTRUMENTATION_NAME);
  }

  /** Returns the error's message, or its class name when it has none; for span statuses. */
  static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isEmpty() ? error.getClass().getName() : message;
  }

  /**
   * Throws {@code error} as it is, checked or not, so a wrapper that records a failure hands the
   * caller exactly what the wrapped code threw. Declared to return so callers can write {@code
   * throw rethrow(e)}.
   */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException rethrow(Throwable error) throws E {
    throw (E) error;
  }

  private Tracing() {}
}
