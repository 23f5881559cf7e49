/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import javax.annotation.Nullable;

/**
 * Describes an OpenInference span before it starts, then starts it: {@link #start()} for
 * try-with-resources, {@link #call} and {@link #run} for a lambda. Get one from {@link
 * OpenInferenceTracer}.
 *
 * <pre>{@code
 * String answer = tracer.agent("support-agent").setInput(question).call(() -> agent.answer(question));
 *
 * Weather weather =
 *     tracer.tool("get_weather")
 *         .setInput(Map.of("city", city))
 *         .call(span -> {
 *           span.setTool("get_weather", "Current weather of a city", WEATHER_SCHEMA);
 *           return weatherApi.current(city);
 *         });
 * }</pre>
 *
 * <p>Whichever way it starts, the span is current while the work runs, so OpenInference context
 * values ({@code usingSession} and friends) reach it and spans started inside become its children.
 * A builder may start several spans; each gets the attributes set so far. It is not thread-safe. No
 * method throws: bad arguments are dropped with a rate-limited warning.
 */
public final class OpenInferenceSpanBuilder {

  private final OpenInferenceTracer tracer;
  private final String name;
  private final OpenInferenceSpanKind kind;
  private final AttributesBuilder attributes = Attributes.builder();
  @Nullable private Context parent;
  private boolean noParent;
  private SpanKind spanKind = SpanKind.INTERNAL;

  OpenInferenceSpanBuilder(OpenInferenceTracer tracer, String name, OpenInferenceSpanKind kind) {
    this.tracer = tracer;
    this.name = name;
    this.kind = kind;
  }

  /**
   * Sets {@code input.value} and {@code input.mime_type}: a String (number, boolean, enum) is
   * {@code text/plain}; a map, collection, array or record is JSON ({@code application/json});
   * anything else is its {@code toString()} as text.
   *
   * @param input the input to record; null is ignored with a warning
   * @return this builder
   */
  public OpenInferenceSpanBuilder setInput(Object input) {
    if (input == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.setInput: ignored a null input for span " + describe(name));
      return this;
    }
    SpanValues.Encoded encoded = SpanValues.encode(input);
    if (encoded != null) {
      attributes.put(SemanticConventions.INPUT_VALUE, encoded.value);
      attributes.put(SemanticConventions.INPUT_MIME_TYPE, encoded.mimeType.getValue());
    }
    return this;
  }

  /**
   * Sets {@code input.value} as given, for example JSON that is already encoded.
   *
   * @param value the input exactly as it should appear in {@code input.value}; null is ignored with
   *     a warning
   * @param mimeType the value's type, written to {@code input.mime_type}; null is ignored with a
   *     warning
   * @return this builder
   */
  public OpenInferenceSpanBuilder setInput(String value, MimeType mimeType) {
    if (value == null || mimeType == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.setInput: ignored input "
              + describe(value)
              + " with mime type "
              + mimeType
              + " for span "
              + describe(name)
              + "; neither may be null.");
      return this;
    }
    attributes.put(SemanticConventions.INPUT_VALUE, value);
    attributes.put(SemanticConventions.INPUT_MIME_TYPE, mimeType.getValue());
    return this;
  }

  /**
   * Sets an attribute the span starts with (samplers and span processors see it); a null key is
   * dropped with a warning, a null value is ignored.
   *
   * @param <T> the attribute's value type
   * @param key the attribute key; null drops the call with a warning
   * @param value the value; null sets nothing
   * @return this builder
   */
  public <T> OpenInferenceSpanBuilder setAttribute(AttributeKey<T> key, @Nullable T value) {
    if (key == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.setAttribute: ignored a null key (value "
              + describe(value)
              + ") for span "
              + describe(name));
    } else if (value != null) {
      attributes.put(key, value);
    }
    return this;
  }

  /**
   * Sets all of {@code attributes} on the span at start.
   *
   * @param attributes the attributes to set; null is ignored with a warning
   * @return this builder
   */
  public OpenInferenceSpanBuilder setAllAttributes(Attributes attributes) {
    if (attributes == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.setAllAttributes: ignored null attributes for span "
              + describe(name));
    } else {
      this.attributes.putAll(attributes);
    }
    return this;
  }

  /**
   * Starts the span in {@code parent} instead of the current context: its span becomes the parent,
   * and its OpenInference values apply. Inside the work, {@code parent} plus the new span is
   * current.
   *
   * @param parent the context to start the span in; null is ignored with a warning (the current
   *     context is used)
   * @return this builder
   */
  public OpenInferenceSpanBuilder setParent(Context parent) {
    if (parent == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.setParent: ignored a null parent for span "
              + describe(name)
              + "; the current context is the parent.");
      return this;
    }
    this.parent = parent;
    this.noParent = false;
    return this;
  }

  /**
   * Makes the span a root span, whatever span is current.
   *
   * @return this builder
   */
  public OpenInferenceSpanBuilder setNoParent() {
    this.noParent = true;
    this.parent = null;
    return this;
  }

  /**
   * Sets the OTel span kind; {@link SpanKind#INTERNAL} unless set.
   *
   * @param spanKind the OTel span kind, for example {@link SpanKind#CLIENT} for a remote model
   *     call; null is ignored with a warning
   * @return this builder
   */
  public OpenInferenceSpanBuilder setSpanKind(SpanKind spanKind) {
    if (spanKind == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.setSpanKind: ignored a null kind for span " + describe(name));
    } else {
      this.spanKind = spanKind;
    }
    return this;
  }

  /**
   * Starts the span and makes it current until {@link OpenInferenceSpan#close()}, for
   * try-with-resources:
   *
   * <pre>{@code
   * try (OpenInferenceSpan span = tracer.chain("retrieve-and-answer").setInput(question).start()) {
   *   return span.output(answer(question));
   * } catch (RuntimeException e) {
   *   ... // the span's status: record it with span.recordException(e) before rethrowing
   * }
   * }</pre>
   *
   * @return the started, current span, never null; close it exactly once, on the thread that
   *     started it
   */
  // The scope is handed to the returned span, which closes it when it ends.
  @SuppressWarnings("MustBeClosedChecker")
  public OpenInferenceSpan start() {
    Context base = parent != null ? parent : Context.current();
    Span span;
    try {
      SpanBuilder builder =
          tracer
              .tracer()
              .spanBuilder(name)
              .setSpanKind(spanKind)
              .setAttribute(SemanticConventions.OPENINFERENCE_SPAN_KIND, kind.getValue())
              .setAllAttributes(attributes.build());
      if (noParent) {
        builder.setNoParent();
      } else {
        builder.setParent(base);
      }
      span = builder.startSpan();
    } catch (RuntimeException e) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.start: the tracer failed to start span "
              + describe(name)
              + " ("
              + e
              + "); the work runs without it.",
          e);
      return new OpenInferenceSpan(Span.getInvalid(), kind, null);
    }
    Scope scope;
    try {
      scope = base.with(span).makeCurrent();
    } catch (RuntimeException e) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.start: could not make span "
              + describe(name)
              + " current ("
              + e
              + "); it is recorded, but spans inside are not its children.");
      scope = null;
    }
    return new OpenInferenceSpan(span, kind, scope);
  }

  /**
   * Runs {@code work} inside a new current span and records its return value as the output. If it
   * throws, the span records the exception with status ERROR and the exception is rethrown as it
   * is, checked ones included. A {@link java.util.concurrent.CompletionStage} result ends the span
   * when it completes, with its value or failure. A null {@code work} is ignored with a warning (no
   * span; null is returned).
   *
   * @param <T> the work's result type
   * @param <E> the checked exception the work may throw
   * @param work the work to run; null is ignored with a warning
   * @return what {@code work} returned, or null when {@code work} was null
   * @throws E whatever {@code work} throws, after the span recorded it
   */
  @Nullable
  public <T, E extends Throwable> T call(CheckedCallable<T, E> work) throws E {
    if (work == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.call: ignored null work for span " + describe(name));
      return null;
    }
    OpenInferenceSpan span = start();
    try {
      return span.output(work.call());
    } catch (Throwable t) {
      span.recordException(t);
      throw t;
    } finally {
      span.close();
    }
  }

  /**
   * Like {@link #call(CheckedCallable)}, handing the work its span.
   *
   * @param <T> the work's result type
   * @param <E> the checked exception the work may throw
   * @param work the work to run, given the new span; null is ignored with a warning
   * @return what {@code work} returned, or null when {@code work} was null
   * @throws E whatever {@code work} throws, after the span recorded it
   */
  @Nullable
  public <T, E extends Throwable> T call(SpanCallable<T, E> work) throws E {
    if (work == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.call: ignored null work for span " + describe(name));
      return null;
    }
    OpenInferenceSpan span = start();
    try {
      return span.output(work.call(span));
    } catch (Throwable t) {
      span.recordException(t);
      throw t;
    } finally {
      span.close();
    }
  }

  /**
   * Runs {@code work} inside a new current span; exceptions are recorded (status ERROR) and
   * rethrown. There is no output unless the work sets one.
   *
   * @param <E> the checked exception the work may throw
   * @param work the work to run; null is ignored with a warning (no span)
   * @throws E whatever {@code work} throws, after the span recorded it
   */
  public <E extends Throwable> void run(CheckedRunnable<E> work) throws E {
    if (work == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.run: ignored null work for span " + describe(name));
      return;
    }
    OpenInferenceSpan span = start();
    try {
      work.run();
    } catch (Throwable t) {
      span.recordException(t);
      throw t;
    } finally {
      span.close();
    }
  }

  /**
   * Like {@link #run(CheckedRunnable)}, handing the work its span.
   *
   * @param <E> the checked exception the work may throw
   * @param work the work to run, given the new span; null is ignored with a warning (no span)
   * @throws E whatever {@code work} throws, after the span recorded it
   */
  public <E extends Throwable> void run(SpanRunnable<E> work) throws E {
    if (work == null) {
      SpanValues.logger.warning(
          "OpenInferenceSpanBuilder.run: ignored null work for span " + describe(name));
      return;
    }
    OpenInferenceSpan span = start();
    try {
      work.run(span);
    } catch (Throwable t) {
      span.recordException(t);
      throw t;
    } finally {
      span.close();
    }
  }

  @Override
  public String toString() {
    return "OpenInferenceSpanBuilder{name="
        + name
        + ", kind="
        + kind
        + ", spanKind="
        + spanKind
        + ", parent="
        + (noParent ? "none" : parent != null ? "explicit" : "current")
        + "}";
  }
}
