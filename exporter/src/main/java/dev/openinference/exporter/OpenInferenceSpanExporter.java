/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.internal.AttributeScan;
import dev.openinference.exporter.internal.ExportFailureReporter;
import dev.openinference.exporter.internal.ExportSessionKeys;
import dev.openinference.exporter.internal.SpanTransformer;
import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import dev.openinference.exporter.internal.turns.TurnFiller;
import dev.openinference.processor.internal.Aliases;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A {@link SpanExporter} that prepares spans for an OpenInference backend and hands them to another
 * exporter, typically an OTLP exporter. It works at export time, so with a batch span processor
 * none of it runs on the application's threads.
 *
 * <p>For each span it:
 *
 * <ul>
 *   <li>translates OpenTelemetry GenAI attributes that arrived after the span started (Spring AI,
 *       the OpenTelemetry OpenAI instrumentation, LangChain4j) to their OpenInference equivalents:
 *       span kind, model name, provider and system, token counts, session id, tool and agent names,
 *       invocation parameters. OpenInference attributes already on the span always win and the
 *       GenAI attributes are kept, since other backends read them;
 *   <li>gives a span that still has no {@code openinference.span.kind} the default kind ({@code
 *       CHAIN} unless configured; none at all if configured to null);
 *   <li>applies the {@link TraceConfig} masking;
 *   <li>gives a span still without {@code session.id} its {@code gen_ai.conversation.id}, else the
 *       id its {@code metadata} names under {@code session_id}, {@code thread_id} or {@code
 *       conversation_id}, and writes the {@linkplain OpenInferenceSpanExporterBuilder#setAliases
 *       aliases} of values that arrived after start.
 *   <li>gives a turn's root span (no parent, or a remote one) without {@code input.value} / {@code
 *       output.value} the turn's input and output from its trace, after masking, unless turned off
 *       (see {@link OpenInferenceSpanExporterBuilder#setTurnsEnabled(boolean)}).
 * </ul>
 *
 * <p>A span that needs none of this reaches the delegate as the same object, and a batch in which
 * no span changed as the same collection. A span that changes is a view of the original with new
 * attributes. If preparing a span fails unexpectedly, the span is sent as it was when the
 * configuration hides nothing, and dropped otherwise (so a failure can never leak what was meant to
 * be hidden); either way a warning is logged.
 */
public final class OpenInferenceSpanExporter implements SpanExporter {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceSpanExporter.class);

  private final SpanExporter delegate;
  private final TraceConfig traceConfig;
  @Nullable private final OpenInferenceSpanKind defaultSpanKind;
  private final SpanTransformer transformer;
  private final ExportSessionKeys sessionKeys;
  private final boolean dropOnFailure;
  private final ExportFailureReporter failures;
  @Nullable private final TurnFiller turns;

  OpenInferenceSpanExporter(
      SpanExporter delegate,
      TraceConfig traceConfig,
      @Nullable OpenInferenceSpanKind defaultSpanKind,
      Aliases aliases,
      boolean turnsEnabled) {
    this.delegate = delegate;
    this.turns = turnsEnabled ? TurnFiller.create(traceConfig) : null;
    this.traceConfig = traceConfig;
    this.defaultSpanKind = defaultSpanKind;
    this.transformer =
        SpanTransformer.create(traceConfig, defaultSpanKind, GenAiEventsBridge.shared());
    this.sessionKeys = ExportSessionKeys.create(aliases);
    this.dropOnFailure = traceConfig.hidesAnything();
    this.failures = ExportFailureReporter.create(delegate);
  }

  /**
   * Wraps {@code delegate}, masking as the {@code OPENINFERENCE_*} environment variables say (see
   * {@link TraceConfig#fromEnvironment()}) and with the default span kind {@code CHAIN}.
   *
   * @param delegate the exporter that sends the spans, usually OTLP; null is replaced, with a
   *     warning, by one that discards spans
   * @return a new exporter, never null
   */
  public static OpenInferenceSpanExporter wrap(SpanExporter delegate) {
    return builder(delegate).build();
  }

  /**
   * Wraps {@code delegate}, masking as {@code traceConfig} says.
   *
   * @param delegate the exporter that sends the spans, usually OTLP; null is replaced, with a
   *     warning, by one that discards spans
   * @param traceConfig the masking settings; null means the environment decides
   * @return a new exporter, never null
   */
  public static OpenInferenceSpanExporter wrap(SpanExporter delegate, TraceConfig traceConfig) {
    return builder(delegate).setTraceConfig(traceConfig).build();
  }

  /**
   * Returns a builder wrapping {@code delegate}. A null delegate is replaced, with a warning, by
   * one that discards spans.
   *
   * @param delegate the exporter that sends the spans, usually OTLP
   * @return a new builder, never null
   */
  public static OpenInferenceSpanExporterBuilder builder(SpanExporter delegate) {
    return new OpenInferenceSpanExporterBuilder(delegate);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> prepared;
    try {
      prepared = prepare(spans);
    } catch (RuntimeException e) {
      // Only reached if iterating the collection itself fails.
      logger.warning("Could not prepare spans for export", e);
      return CompletableResultCode.ofFailure();
    }
    Collection<SpanData> out = prepared == null ? spans : prepared;
    if (turns != null) {
      out = turns.fill(out);
    }
    try {
      return failures.watch(delegate.export(out), out.size());
    } catch (RuntimeException e) {
      logger.warning("The delegate exporter " + delegate + " failed", e);
      return CompletableResultCode.ofFailure();
    }
  }

  /** Returns null when every span passes through unchanged, else the spans to send. */
  @Nullable
  private List<SpanData> prepare(Collection<SpanData> spans) {
    AttributeScan scan = transformer.newScratch();
    List<SpanData> result = null;
    int index = 0;
    for (SpanData span : spans) {
      SpanData out = transformSafely(span, scan);
      if (result == null && out != span) {
        result = new ArrayList<>(spans.size());
        Iterator<SpanData> earlier = spans.iterator();
        for (int i = 0; i < index; i++) {
          result.add(earlier.next());
        }
      }
      if (result != null && out != null) {
        result.add(out);
      }
      index++;
    }
    return result;
  }

  @Nullable
  private SpanData transformSafely(SpanData span, AttributeScan scan) {
    try {
      return sessionKeys.apply(transformer.transform(span, scan));
    } catch (RuntimeException e) {
      if (dropOnFailure) {
        logger.warning(
            "Could not mask span '" + span.getName() + "'; dropping it so nothing hidden leaks", e);
        return null;
      }
      logger.warning("Could not translate span '" + span.getName() + "'; sending it as it is", e);
      return span;
    }
  }

  @Override
  public CompletableResultCode flush() {
    try {
      return delegate.flush();
    } catch (RuntimeException e) {
      logger.warning("The delegate exporter " + delegate + " failed to flush", e);
      return CompletableResultCode.ofFailure();
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    if (turns != null) {
      turns.clear();
    }
    try {
      return delegate.shutdown();
    } catch (RuntimeException e) {
      logger.warning("The delegate exporter " + delegate + " failed to shut down", e);
      return CompletableResultCode.ofFailure();
    }
  }

  /**
   * Returns the masking configuration.
   *
   * @return the masking settings in effect, never null
   */
  public TraceConfig getTraceConfig() {
    return traceConfig;
  }

  /**
   * Returns the kind given to spans without one, or null when they are left without.
   *
   * @return the default kind, or null
   */
  @Nullable
  public OpenInferenceSpanKind getDefaultSpanKind() {
    return defaultSpanKind;
  }

  /**
   * Returns whether turns' root spans are filled with the turn's input and output.
   *
   * @return {@code true} when turn roots are filled (the default)
   */
  public boolean isTurnsEnabled() {
    return turns != null;
  }

  @Override
  public String toString() {
    return "OpenInferenceSpanExporter{delegate="
        + delegate
        + ", traceConfig="
        + traceConfig
        + ", defaultSpanKind="
        + defaultSpanKind
        + ", "
        + sessionKeys
        + ", turns="
        + turns
        + '}';
  }
}
