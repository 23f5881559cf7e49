/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import dev.openinference.processor.internal.OpenInferenceDeclarativeCustomizerProvider;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;

/**
 * The declarative-configuration ({@code otel.config.file}, {@code OTEL_CONFIG_FILE}) counterpart
 * of {@link OpenInferenceExporterCustomizerProvider}: wraps the file's OTLP span exporters in
 * {@link OpenInferenceSpanExporter}. The file has no place for these settings, so masking comes
 * from the {@code openinference.hide.*} system properties and {@code OPENINFERENCE_HIDE_*}
 * variables, the default span kind from the file's own {@code openinference} entry ({@code
 * span_kind_default}) when it is listed with one, else from {@code
 * otel.openinference.span.kind.default} / {@code OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT}.
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
    // The SDK customizes the model before it builds the exporters; this customizer belongs to one
    // build, so the value read there is that build's.
    AtomicReference<String> listedSpanKindDefault = new AtomicReference<>();
    customizer.addModelCustomizer(
        model -> {
          listedSpanKindDefault.set(
              OpenInferenceDeclarativeCustomizerProvider.listedSetting(model, "span_kind_default"));
          return model;
        });
    customizer.addSpanExporterCustomizer(
        SpanExporter.class,
        (exporter, unused) -> wrap(exporter, listedSpanKindDefault.get()));
  }

  /**
   * Wraps {@code exporter}; {@code listedSpanKindDefault} is the {@code span_kind_default} of the
   * file's own {@code openinference} entry, which then wins over the system property, so that the
   * exporter does not give a kind to spans the listed processor was told to leave without one.
   */
  static SpanExporter wrap(SpanExporter exporter, @Nullable String listedSpanKindDefault) {
    try {
      OpenInferenceConfiguration settings =
          OpenInferenceConfiguration.fromSystemPropertiesAndEnvironment();
      if (!settings.isEnabled() || exporter instanceof OpenInferenceSpanExporter) {
        return exporter;
      }
      OpenInferenceSpanKind defaultSpanKind =
          listedSpanKindDefault != null
              ? OpenInferenceConfiguration.parseSpanKind(listedSpanKindDefault)
              : settings.getDefaultSpanKind();
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
          .setDefaultSpanKind(defaultSpanKind)
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
