/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.feedback.FeedbackSettings;
import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import dev.openinference.exporter.internal.masking.MaskingLogRecordExporter;
import dev.openinference.exporter.internal.turns.TurnFiller;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collections;
import java.util.Map;

/**
 * Wherever the SDK is autoconfigured (SDK autoconfigure, the Spring Boot starter, the javaagent,
 * {@code OpenInferenceOtel}), wraps every configured span exporter in {@link
 * OpenInferenceSpanExporter}: GenAI translation, the default span kind and {@code
 * OPENINFERENCE_HIDE_*} masking at export time; feeds GenAI log-record events to the span
 * translation and masks them for the logs exporter; and maps the Phoenix variables onto the OTLP
 * properties (see {@link OtlpProperties}). The processor half lives in the processor module, which
 * cannot depend on this one.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceExporterCustomizerProvider
    implements AutoConfigurationCustomizerProvider {

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addPropertiesCustomizer(OpenInferenceExporterCustomizerProvider::otlpProperties);
    customizer.addSpanExporterCustomizer(OpenInferenceExporterCustomizerProvider::wrap);
    // GenAI content that instrumentation emits as log records reaches its span through the
    // bridge; whatever logs exporter is configured gets those records masked.
    customizer.addLoggerProviderCustomizer(
        (builder, config) ->
            OpenInferenceConfiguration.fromConfigProperties(config).isEnabled()
                ? builder.addLogRecordProcessor(GenAiEventsBridge.shared())
                : builder);
    // Feedback (gen_ai.evaluation.result records) also goes to Phoenix's annotation API.
    customizer.addLoggerProviderCustomizer(
        (builder, config) -> {
          LogRecordProcessor feedback = FeedbackSettings.fromConfig(config);
          return feedback == null ? builder : builder.addLogRecordProcessor(feedback);
        });
    customizer.addLogRecordExporterCustomizer(
        (exporter, config) ->
            OpenInferenceConfiguration.fromConfigProperties(config).isEnabled()
                ? MaskingLogRecordExporter.wrap(exporter, TraceConfig.fromConfigProperties(config))
                : exporter);
  }

  private static Map<String, String> otlpProperties(ConfigProperties config) {
    if (!OpenInferenceConfiguration.isEnabled(config::getString)) {
      return Collections.emptyMap();
    }
    return OtlpProperties.fromConfig(config);
  }

  private static SpanExporter wrap(SpanExporter exporter, ConfigProperties config) {
    OpenInferenceConfiguration settings = OpenInferenceConfiguration.fromConfigProperties(config);
    // A composite of no exporters sends nothing: wrapping it would only translate and hold turns
    // for nobody (Quarkus configures one, its CDI exporter with no beans, beside its own OTLP
    // processor).
    if (!settings.isEnabled()
        || exporter instanceof OpenInferenceSpanExporter
        || exporter == SpanExporter.composite()) {
      return exporter;
    }
    return OpenInferenceSpanExporter.builder(exporter)
        .setTraceConfig(TraceConfig.fromConfigProperties(config))
        .setDefaultSpanKind(settings.getDefaultSpanKind())
        .setAliases(settings.getAliases().names().toArray(new String[0]))
        .setTurnsEnabled(TurnFiller.isEnabled(config::getString))
        .build();
  }

  @Override
  public String toString() {
    return "OpenInferenceExporterCustomizerProvider";
  }
}
