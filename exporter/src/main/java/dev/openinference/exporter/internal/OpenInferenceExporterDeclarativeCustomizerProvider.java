/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The declarative-configuration ({@code otel.config.file}) counterpart of {@link
 * OpenInferenceExporterCustomizerProvider}: wraps every span exporter of the file in {@link
 * OpenInferenceSpanExporter}. The file has no place for these settings, so masking comes from the
 * {@code OPENINFERENCE_HIDE_*} environment variables and the default span kind from {@code
 * otel.openinference.span.kind.default} / {@code OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT}.
 *
 * <p>Loaded by {@code ServiceLoader} only where declarative configuration runs.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceExporterDeclarativeCustomizerProvider
    implements DeclarativeConfigurationCustomizerProvider {

  @Override
  public void customize(DeclarativeConfigurationCustomizer customizer) {
    customizer.addSpanExporterCustomizer(
        SpanExporter.class, OpenInferenceExporterDeclarativeCustomizerProvider::wrap);
  }

  private static SpanExporter wrap(SpanExporter exporter, DeclarativeConfigProperties unused) {
    OpenInferenceConfiguration settings =
        OpenInferenceConfiguration.fromSystemPropertiesAndEnvironment();
    if (!settings.isEnabled() || exporter instanceof OpenInferenceSpanExporter) {
      return exporter;
    }
    return OpenInferenceSpanExporter.builder(exporter)
        .setTraceConfig(TraceConfig.fromEnvironment())
        .setDefaultSpanKind(settings.getDefaultSpanKind())
        .build();
  }

  @Override
  public String toString() {
    return "OpenInferenceExporterDeclarativeCustomizerProvider";
  }
}
