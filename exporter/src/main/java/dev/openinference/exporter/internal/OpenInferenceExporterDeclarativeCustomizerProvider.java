/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.turns.TurnFiller;
import dev.openinference.processor.internal.ConfigValues;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import javax.annotation.Nullable;

/**
 * The declarative-configuration ({@code otel.config.file}, {@code OTEL_CONFIG_FILE}) counterpart
 * of {@link OpenInferenceExporterCustomizerProvider}: wraps the file's OTLP span exporters in
 * {@link OpenInferenceSpanExporter}. The file has no place for these settings, so masking comes
 * from the {@code openinference.hide.*} system properties and {@code OPENINFERENCE_HIDE_*}
 * variables, the default span kind from {@code otel.openinference.span.kind.default} / {@code
 * OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT}, turn filling from {@code otel.openinference.turns.enabled}
 * / {@code OTEL_OPENINFERENCE_TURNS_ENABLED}.
 *
 * <p>The SDK closes the exporter it passes to a customizer whenever the customizer returns another
 * instance ({@code DeclarativeConfigurationBuilder.Customizer#maybeCustomize}, SDK 1.65 to 1.68):
 * it expects a replacement, not a wrapper. A wrapper around that exporter would delegate to a shut
 * down one, whose {@code export} fails at once and sends nothing. So the delegate is a copy made
 * with the exporter's own {@code toBuilder()}: same endpoint, headers, compression, timeouts and
 * TLS, and it stays open. Exporters without such a copy (console, custom ones) are left as they
 * are, with a warning, since wrapping them would silence them.
 *
 * <p>Loaded by {@code ServiceLoader} only where declarative configuration runs.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceExporterDeclarativeCustomizerProvider
    implements DeclarativeConfigurationCustomizerProvider {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceExporterDeclarativeCustomizerProvider.class);

  @Override
  public void customize(DeclarativeConfigurationCustomizer customizer) {
    customizer.addSpanExporterCustomizer(
        SpanExporter.class, OpenInferenceExporterDeclarativeCustomizerProvider::wrap);
  }

  static SpanExporter wrap(SpanExporter exporter, DeclarativeConfigProperties unused) {
    try {
      OpenInferenceConfiguration settings =
          OpenInferenceConfiguration.fromSystemPropertiesAndEnvironment();
      if (!settings.isEnabled() || exporter instanceof OpenInferenceSpanExporter) {
        return exporter;
      }
      SpanExporter delegate = openCopy(exporter);
      if (delegate == null) {
        logger.warning(
            "The span exporter "
                + exporter.getClass().getName()
                + " of the declarative configuration is not an OTLP exporter; its spans are sent"
                + " without OpenInference translation and masking");
        return exporter;
      }
      return OpenInferenceSpanExporter.builder(delegate)
          .setTraceConfig(TraceConfig.fromEnvironment())
          .setDefaultSpanKind(settings.getDefaultSpanKind())
          .setTurnsEnabled(TurnFiller.isEnabled(ConfigValues.systemPropertiesAndEnvironment()))
          .build();
    } catch (RuntimeException | LinkageError e) {
      logger.warning("Could not wrap the span exporter " + exporter + "; left as it is: " + e);
      return exporter;
    }
  }

  /** Returns an independent exporter configured like {@code exporter}, or null if none. */
  @Nullable
  private static SpanExporter openCopy(SpanExporter exporter) {
    if (exporter instanceof OtlpHttpSpanExporter) {
      return ((OtlpHttpSpanExporter) exporter).toBuilder().build();
    }
    if (exporter instanceof OtlpGrpcSpanExporter) {
      return ((OtlpGrpcSpanExporter) exporter).toBuilder().build();
    }
    return null;
  }

  @Override
  public String toString() {
    return "OpenInferenceExporterDeclarativeCustomizerProvider";
  }
}
