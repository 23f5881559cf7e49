/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import javax.annotation.Nullable;

/**
 * Starts OpenInference spans: OTel spans with an {@code openinference.span.kind}, an input and an
 * output, in the Java idiom of Python's {@code OITracer} and JavaScript's {@code withSpan}.
 *
 * <pre>{@code
 * OpenInferenceTracer tracer = OpenInferenceTracer.create(openTelemetry);
 *
 * // lambda form: the return value is the output, an exception sets status ERROR and is rethrown
 * String answer = tracer.agent("support-agent").setInput(question).call(() -> agent.answer(question));
 *
 * // try-with-resources form
 * try (OpenInferenceSpan span = tracer.llm("chat").setInput(prompt).start()) {
 *   span.setModelName("gpt-4o-mini").setProvider(LlmProvider.OPENAI);
 *   return span.output(model.complete(prompt));
 * }
 * }</pre>
 *
 * <p>The span is current while the work runs. The helpers write attributes only; the {@code
 * OpenInferenceSpanProcessor} still stamps the session, user and other context values on every
 * span, these included. Every span is an ordinary OTel span, always reachable with {@link
 * OpenInferenceSpan#getSpan()}.
 */
public final class OpenInferenceTracer {

  /** The instrumentation scope name of the spans this tracer starts. */
  public static final String INSTRUMENTATION_NAME = "dev.openinference.context";

  @Nullable private final Tracer tracer;

  private OpenInferenceTracer(@Nullable Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * Returns a tracer whose spans come from {@code openTelemetry}.
   *
   * @param openTelemetry the OpenTelemetry whose tracer provider makes the spans; null falls back
   *     to the global one, with a warning
   * @return a new tracer, never null
   */
  public static OpenInferenceTracer create(OpenTelemetry openTelemetry) {
    if (openTelemetry == null) {
      SpanValues.logger.warning(
          "OpenInferenceTracer.create: null OpenTelemetry; spans go to GlobalOpenTelemetry.");
      return global();
    }
    return new OpenInferenceTracer(openTelemetry.getTracer(INSTRUMENTATION_NAME));
  }

  /**
   * Returns a tracer whose spans come from {@code tracer}.
   *
   * @param tracer the OTel tracer that makes the spans; null falls back to the global one, with a
   *     warning
   * @return a new tracer, never null
   */
  public static OpenInferenceTracer create(Tracer tracer) {
    if (tracer == null) {
      SpanValues.logger.warning(
          "OpenInferenceTracer.create: null Tracer; spans go to GlobalOpenTelemetry.");
      return global();
    }
    return new OpenInferenceTracer(tracer);
  }

  /**
   * Returns a tracer that looks up {@link GlobalOpenTelemetry} each time it starts a span, so it
   * may be created before the global is set (and works under the OTel javaagent).
   *
   * @return a tracer backed by {@link GlobalOpenTelemetry}, never null
   */
  public static OpenInferenceTracer global() {
    return new OpenInferenceTracer(null);
  }

  Tracer tracer() {
    return tracer != null ? tracer : GlobalOpenTelemetry.getTracer(INSTRUMENTATION_NAME);
  }

  /**
   * Returns a builder for a span of {@code kind} named {@code name}. A null or blank name becomes
   * the kind's value, a null kind becomes {@code CHAIN}, each with a warning.
   *
   * @param name the span name
   * @param kind the span's OpenInference kind
   * @return a new builder, never null
   */
  public OpenInferenceSpanBuilder spanBuilder(String name, OpenInferenceSpanKind kind) {
    OpenInferenceSpanKind usableKind = kind;
    if (usableKind == null) {
      SpanValues.logger.warning(
          "OpenInferenceTracer.spanBuilder: null span kind for span "
              + describe(name)
              + "; using CHAIN.");
      usableKind = OpenInferenceSpanKind.CHAIN;
    }
    String usableName = name;
    if (usableName == null || usableName.trim().isEmpty()) {
      SpanValues.logger.warning(
          "OpenInferenceTracer.spanBuilder: "
              + (usableName == null ? "null" : "blank " + describe(usableName))
              + " span name; using "
              + usableKind.getValue()
              + ".");
      usableName = usableKind.getValue();
    }
    return new OpenInferenceSpanBuilder(this, usableName, usableKind);
  }

  /**
   * Returns a builder for a {@code CHAIN} span: a step of the application, or its entry point.
   *
   * @param name the span name; null or blank becomes {@code "CHAIN"}, with a warning
   * @return a new builder, never null
   */
  public OpenInferenceSpanBuilder chain(String name) {
    return spanBuilder(name, OpenInferenceSpanKind.CHAIN);
  }

  /**
   * Returns a builder for an {@code AGENT} span: an agent's reasoning loop, usually one turn.
   *
   * @param name the span name; null or blank becomes {@code "AGENT"}, with a warning
   * @return a new builder, never null
   */
  public OpenInferenceSpanBuilder agent(String name) {
    return spanBuilder(name, OpenInferenceSpanKind.AGENT);
  }

  /**
   * Returns a builder for a {@code TOOL} span: a call to a tool or function. The name is also the
   * span's {@code tool.name} unless {@link OpenInferenceSpan#setTool} says otherwise.
   *
   * @param name the span name and tool name; null or blank becomes {@code "TOOL"}, with a warning
   * @return a new builder, never null
   */
  public OpenInferenceSpanBuilder tool(String name) {
    OpenInferenceSpanBuilder builder = spanBuilder(name, OpenInferenceSpanKind.TOOL);
    return name == null ? builder : builder.setAttribute(SemanticConventions.TOOL_NAME, name);
  }

  /**
   * Returns a builder for an {@code LLM} span: a call to a language model.
   *
   * @param name the span name, often the model or operation; null or blank becomes {@code "LLM"},
   *     with a warning
   * @return a new builder, never null
   */
  public OpenInferenceSpanBuilder llm(String name) {
    return spanBuilder(name, OpenInferenceSpanKind.LLM);
  }

  /**
   * Returns a builder for a {@code RETRIEVER} span: a lookup of documents.
   *
   * @param name the span name; null or blank becomes {@code "RETRIEVER"}, with a warning
   * @return a new builder, never null
   */
  public OpenInferenceSpanBuilder retriever(String name) {
    return spanBuilder(name, OpenInferenceSpanKind.RETRIEVER);
  }

  /**
   * Returns a builder for an {@code EMBEDDING} span: a call to an embedding model.
   *
   * @param name the span name; null or blank becomes {@code "EMBEDDING"}, with a warning
   * @return a new builder, never null
   */
  public OpenInferenceSpanBuilder embedding(String name) {
    return spanBuilder(name, OpenInferenceSpanKind.EMBEDDING);
  }

  @Override
  public String toString() {
    return "OpenInferenceTracer{tracer=" + (tracer != null ? tracer : "GlobalOpenTelemetry") + "}";
  }
}
