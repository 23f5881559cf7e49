/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.turns.TurnFiller;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import java.lang.reflect.Field;
import javax.annotation.Nullable;

/**
 * Puts {@link OpenInferenceSpanExporter} in front of the exporter of Quarkus' OTLP span processor.
 *
 * <p>Quarkus builds that processor itself (a {@code LateBoundSpanProcessor} bean around a batch or
 * simple processor around its Vert.x OTLP exporter), outside the SDK's exporter customizers, and
 * offers no hook to wrap the exporter: the only public alternative, a {@code SpanExporter} bean,
 * replaces Quarkus' exporter (its Vert.x transport, TLS registry, proxy and header settings) with
 * one the application would have to build. So this class swaps the exporter reference inside
 * Quarkus' processor, once, before the SDK exists and before any span is exported, through three
 * private fields: {@code LateBoundSpanProcessor.delegate}, and {@code BatchSpanProcessor.worker} /
 * {@code Worker.spanExporter} (or {@code SimpleSpanProcessor.spanExporter}). Everything else stays
 * Quarkus': the processor, its queue and schedule, the transport. If a field is not where it is
 * expected (another Quarkus or OpenTelemetry version), nothing is changed and a warning says that
 * spans leave untranslated and unmasked.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class QuarkusExporterWrapper {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(QuarkusExporterWrapper.class);

  private QuarkusExporterWrapper() {}

  /**
   * Wraps the exporter of {@code processor}'s delegate as {@code config} says; returns whether it
   * did (false when already wrapped, when there is no delegate, or when it cannot).
   */
  public static boolean wrap(LateBoundSpanProcessor processor, ConfigProperties config) {
    try {
      Object delegate = read(LateBoundSpanProcessor.class, "delegate", processor);
      if (delegate instanceof BatchSpanProcessor) {
        Object worker = read(BatchSpanProcessor.class, "worker", delegate);
        return swap(worker, "spanExporter", config);
      }
      if (delegate instanceof SimpleSpanProcessor) {
        return swap(delegate, "spanExporter", config);
      }
      if (delegate != null) {
        warn("its span processor is a " + delegate.getClass().getName(), null);
      }
      return false;
    } catch (ReflectiveOperationException | RuntimeException e) {
      warn("its span processor's fields are not where this version expects them", e);
      return false;
    }
  }

  private static boolean swap(Object owner, String fieldName, ConfigProperties config)
      throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(fieldName);
    field.setAccessible(true);
    Object exporter = field.get(owner);
    if (!(exporter instanceof SpanExporter) || exporter instanceof OpenInferenceSpanExporter) {
      return false;
    }
    field.set(owner, newExporter((SpanExporter) exporter, config));
    return true;
  }

  /** The exporter every autoconfigured mode installs, from the same settings. */
  static OpenInferenceSpanExporter newExporter(SpanExporter delegate, ConfigProperties config) {
    OpenInferenceConfiguration settings = OpenInferenceConfiguration.fromConfigProperties(config);
    return OpenInferenceSpanExporter.builder(delegate)
        .setTraceConfig(TraceConfig.fromConfigProperties(config))
        .setDefaultSpanKind(settings.getDefaultSpanKind())
        .setAliases(settings.getAliases().names().toArray(new String[0]))
        .setTurnsEnabled(TurnFiller.isEnabled(config::getString))
        .build();
  }

  @Nullable
  private static Object read(Class<?> type, String fieldName, Object owner)
      throws ReflectiveOperationException {
    Field field = type.getDeclaredField(fieldName);
    field.setAccessible(true);
    return field.get(owner);
  }

  private static void warn(String why, @Nullable Throwable e) {
    String message =
        "OpenInference could not wrap Quarkus' OTLP span exporter ("
            + why
            + "): spans are exported without GenAI translation, masking or turns";
    if (e == null) {
      logger.warning(message);
    } else {
      logger.warning(message, e);
    }
  }
}
