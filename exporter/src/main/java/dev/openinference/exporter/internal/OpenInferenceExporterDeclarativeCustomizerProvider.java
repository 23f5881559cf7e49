/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.masking.MaskingLogRecordExporter;
import dev.openinference.exporter.internal.turns.TurnFiller;
import dev.openinference.processor.internal.ConfigValues;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import dev.openinference.processor.internal.OpenInferenceDeclarativeCustomizerProvider;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LogRecordProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LoggerProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.OpenTelemetryConfigurationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TracerProviderModel;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;

/**
 * The declarative-configuration ({@code otel.config.file}, {@code OTEL_CONFIG_FILE}) counterpart of
 * {@link OpenInferenceExporterCustomizerProvider}: wraps the file's OTLP span exporters in {@link
 * OpenInferenceSpanExporter}, masks its OTLP log exporters, and joins GenAI content events onto
 * their spans (the {@code openinference_genai_events} log-record processor, added when the file
 * does not list it). The file has no place for these settings, so masking comes from the {@code
 * openinference.hide.*} system properties and {@code OPENINFERENCE_HIDE_*} variables, the default
 * span kind from the file's own {@code openinference} entry ({@code span_kind_default}) when it is
 * listed with one, else from {@code otel.openinference.span.kind.default} / {@code
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

  private static final String BRIDGE_YAML =
      "logger_provider:\n  processors:\n    - " + GenAiEventsComponentProvider.NAME + ": {}\n";

  @Override
  public void customize(DeclarativeConfigurationCustomizer customizer) {
    customizer.addModelCustomizer(OpenInferenceExporterDeclarativeCustomizerProvider::addBridge);
    customizer.addModelCustomizer(DeclarativeFeedback::addFeedbackProcessor);
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
        SpanExporter.class, (exporter, unused) -> wrap(exporter, listedSpanKindDefault.get()));
    customizer.addLogRecordExporterCustomizer(
        LogRecordExporter.class, OpenInferenceExporterDeclarativeCustomizerProvider::maskLogs);
  }

  /**
   * Adds the GenAI event bridge first under {@code logger_provider.processors} (creating a logger
   * provider that only feeds the bridge when the file has none), so content events the
   * instrumentation emits reach their spans as they do under autoconfigure.
   */
  static OpenTelemetryConfigurationModel addBridge(OpenTelemetryConfigurationModel model) {
    try {
      if (!OpenInferenceConfiguration.fromSystemPropertiesAndEnvironment().isEnabled()) {
        return model;
      }
      TracerProviderModel tracerProvider = model.getTracerProvider();
      if (tracerProvider == null
          || tracerProvider.getProcessors() == null
          || tracerProvider.getProcessors().isEmpty()) {
        // No span goes anywhere: nothing to join events onto.
        return model;
      }
      LoggerProviderModel entry =
          DeclarativeConfiguration.parse(
                  new ByteArrayInputStream(BRIDGE_YAML.getBytes(StandardCharsets.UTF_8)))
              .getLoggerProvider();
      LoggerProviderModel loggerProvider = model.getLoggerProvider();
      if (loggerProvider == null) {
        setModelProperty(model, "LoggerProvider", LoggerProviderModel.class, entry);
        return model;
      }
      List<LogRecordProcessorModel> processors = loggerProvider.getProcessors();
      if (processors == null) {
        setModelProperty(
            loggerProvider, "Processors", List.class, new ArrayList<>(entry.getProcessors()));
        return model;
      }
      for (LogRecordProcessorModel processor : processors) {
        if (OpenInferenceDeclarativeCustomizerProvider.hasEntry(
            processor, GenAiEventsComponentProvider.NAME)) {
          return model;
        }
      }
      processors.add(0, entry.getProcessors().get(0));
    } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
      logger.warning(
          "Could not add the "
              + GenAiEventsComponentProvider.NAME
              + " log-record processor to the declarative configuration; GenAI content events"
              + " will not reach their spans unless it is listed under logger_provider.processors: "
              + e);
    }
    return model;
  }

  /**
   * Sets a property of a configuration model: the setter is {@code withX} in SDK 1.65 and {@code
   * setX} in later ones (the javaagent's), each returning the model.
   */
  static void setModelProperty(Object model, String property, Class<?> type, Object value)
      throws ReflectiveOperationException {
    for (String prefix : new String[] {"set", "with"}) {
      Method setter;
      try {
        setter = model.getClass().getMethod(prefix + property, type);
      } catch (NoSuchMethodException e) {
        continue;
      }
      setter.invoke(model, value);
      return;
    }
    throw new NoSuchMethodException(model.getClass().getName() + ".set" + property);
  }

  /** Masks GenAI content in the records the file's OTLP log exporters send. */
  static LogRecordExporter maskLogs(
      LogRecordExporter exporter, DeclarativeConfigProperties unused) {
    try {
      if (!OpenInferenceConfiguration.fromSystemPropertiesAndEnvironment().isEnabled()) {
        return exporter;
      }
      LogRecordExporter delegate = openCopy(exporter);
      if (delegate == null) {
        logger.warning(
            "The log-record exporter "
                + exporter.getClass().getName()
                + " of the declarative configuration is not an OTLP exporter; its records are sent"
                + " without OpenInference masking");
        return exporter;
      }
      return MaskingLogRecordExporter.wrap(delegate, TraceConfig.fromEnvironment());
    } catch (RuntimeException | LinkageError e) {
      logger.warning(
          "Could not wrap the log-record exporter " + exporter + "; left as it is: " + e);
      return exporter;
    }
  }

  /** An independent log exporter configured like {@code exporter} (see the class comment). */
  @Nullable
  private static LogRecordExporter openCopy(LogRecordExporter exporter) {
    if (exporter instanceof OtlpHttpLogRecordExporter) {
      return ((OtlpHttpLogRecordExporter) exporter).toBuilder().build();
    }
    if (exporter instanceof OtlpGrpcLogRecordExporter) {
      return ((OtlpGrpcLogRecordExporter) exporter).toBuilder().build();
    }
    return null;
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
          .setAliases(settings.getAliases().names().toArray(new String[0]))
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
