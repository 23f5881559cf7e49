/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_OPERATION_NAME;

import dev.openinference.context.internal.ContextValues;
import dev.openinference.context.internal.Stamp;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.internal.GenAiAttributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import javax.annotation.Nullable;

/**
 * Stamps the OpenInference values of the parent context ({@code session.id}, {@code user.id},
 * {@code metadata}, {@code tag.tags}, {@code llm.prompt_template.*}) and an {@code
 * openinference.span.kind} on every span when it starts, whoever started it.
 *
 * <p>Register it first, before the processor that exports, so exporters see the stamped values:
 *
 * <pre>{@code
 * SdkTracerProvider.builder()
 *     .addSpanProcessor(OpenInferenceSpanProcessor.create())
 *     .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
 *     .build();
 * }</pre>
 *
 * <p>Values set by an OpenInference scope ({@code OpenInference.usingSession} and friends) override
 * an attribute of the same name the span already has, and override the process-level values of
 * the {@linkplain Builder builder} field by field.
 *
 * <p>Span kind: an explicit {@code openinference.span.kind} is kept; otherwise one is inferred from
 * {@code gen_ai.operation.name} when the span has it at start; otherwise spans that carry
 * OpenInference values get the {@linkplain Builder#setDefaultSpanKind default kind}. Spans outside
 * any OpenInference scope are left without a kind here, so they cost no extra attribute on the
 * application thread; {@code OpenInferenceSpanExporter} gives them one at export, and also infers
 * the kind of spans whose GenAI attributes arrive after start.
 *
 * <p>A span start costs one context lookup, one or two attribute reads for the kind, and the
 * writes: merging and JSON encoding happen once per scope (the merge over the process-level
 * values at its first span), not per span.
 */
public final class OpenInferenceSpanProcessor implements SpanProcessor {

  @Nullable private final ContextValues processValues;
  @Nullable private final OpenInferenceSpanKind defaultSpanKind;
  /** What spans outside any scope get: the process-level values alone. */
  @Nullable private final Stamp processStamp;

  OpenInferenceSpanProcessor(
      @Nullable ContextValues processValues, @Nullable OpenInferenceSpanKind defaultSpanKind) {
    this.processValues = processValues;
    this.defaultSpanKind = defaultSpanKind;
    this.processStamp = processValues == null ? null : processValues.stampOver(null);
  }

  /** Returns a processor with no process-level values and the default span kind {@code CHAIN}. */
  public static OpenInferenceSpanProcessor create() {
    return builder().build();
  }

  /** Returns a builder for process-level values and the default span kind. */
  public static OpenInferenceSpanProcessorBuilder builder() {
    return new OpenInferenceSpanProcessorBuilder();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    // The merge over the process-level values happened once per scope (and is kept on its
    // values); here only the context lookup and the writes remain.
    ContextValues scoped = parentContext.get(ContextValues.KEY);
    Stamp stamp = scoped != null ? scoped.stampOver(processValues) : processStamp;
    boolean stamped = stamp != null && !stamp.isEmpty();
    if (stamped) {
      stamp.writeTo(span);
    }
    stampKind(span, stamped);
  }

  private void stampKind(ReadWriteSpan span, boolean stamped) {
    String operation = span.getAttribute(GEN_AI_OPERATION_NAME);
    boolean useDefault = stamped && defaultSpanKind != null;
    // Most spans have neither: one attribute read and done.
    if (operation == null && !useDefault) {
      return;
    }
    if (span.getAttribute(OPENINFERENCE_SPAN_KIND) != null) {
      return;
    }
    OpenInferenceSpanKind kind = GenAiAttributes.spanKindForOperation(operation);
    if (kind == null && useDefault) {
      kind = defaultSpanKind;
    }
    if (kind != null) {
      span.setAttribute(OPENINFERENCE_SPAN_KIND, kind.getValue());
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "OpenInferenceSpanProcessor{processValues="
        + (processValues == null ? "{}" : processValues.asAttributes())
        + ", defaultSpanKind="
        + (defaultSpanKind == null ? "none" : defaultSpanKind.getValue())
        + "}";
  }
}
