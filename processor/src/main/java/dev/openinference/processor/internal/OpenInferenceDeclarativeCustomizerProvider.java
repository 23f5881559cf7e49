/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.OpenTelemetryConfigurationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SpanProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TracerProviderModel;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Installs OpenInference where the SDK is built from declarative configuration: when the
 * configuration has span processors but none named {@code openinference}, adds {@code -
 * openinference:} (defaults, see {@link OpenInferenceComponentProvider}) as the first one, so a
 * configuration file written without OpenInference in mind still gets session and user ids on its
 * spans. List {@code openinference} yourself to choose its settings or position. {@code
 * otel.openinference.enabled=false} (system property, or {@code OTEL_OPENINFERENCE_ENABLED}) leaves
 * the configuration as it is.
 *
 * <p>The configuration model classes change between SDK versions (setter names, how extension
 * entries are stored), so this class uses only what they all have: the model getters, the mutable
 * processor list and {@link DeclarativeConfiguration#parse}, which builds our entry from YAML.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceDeclarativeCustomizerProvider
    implements DeclarativeConfigurationCustomizerProvider {

  private static final String ENTRY_YAML =
      "tracer_provider:\n  processors:\n    - " + OpenInferenceComponentProvider.NAME + ": {}\n";

  /** Where SDK versions keep the entries of components contributed by extensions. */
  private static final String[] EXTENSION_ENTRY_GETTERS = {
    "getAdditionalProperties", "getExtensionProperties"
  };

  private static final Logger fineLogger =
      Logger.getLogger(OpenInferenceDeclarativeCustomizerProvider.class.getName());
  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceDeclarativeCustomizerProvider.class);

  @Override
  public void customize(DeclarativeConfigurationCustomizer customizer) {
    customizer.addModelCustomizer(OpenInferenceDeclarativeCustomizerProvider::addProcessor);
  }

  /** Runs after other customizers, so an entry inserted first stays first. */
  @Override
  public int order() {
    return Integer.MAX_VALUE;
  }

  static OpenTelemetryConfigurationModel addProcessor(OpenTelemetryConfigurationModel model) {
    try {
      if (!OpenInferenceComponentProvider.isEnabledByEnvironment()) {
        return model;
      }
      TracerProviderModel tracerProvider = model.getTracerProvider();
      List<SpanProcessorModel> processors =
          tracerProvider == null ? null : tracerProvider.getProcessors();
      if (processors == null || processors.isEmpty()) {
        // No span goes anywhere: nothing to stamp for.
        return model;
      }
      for (SpanProcessorModel processor : processors) {
        if (isOpenInference(processor)) {
          return model;
        }
      }
      // First, so processors after it (and users' own) already see the stamped values.
      processors.add(0, newEntry());
    } catch (RuntimeException | LinkageError e) {
      logger.warning(
          "Could not add the "
              + OpenInferenceComponentProvider.NAME
              + " span processor to the declarative configuration; list it under"
              + " tracer_provider.processors to use it: "
              + e);
    }
    return model;
  }

  /**
   * Returns the setting {@code name} (such as {@code span_kind_default}) of the configuration's own
   * {@code openinference} processor entry, or null when the entry is not listed or lacks it; for
   * the exporter, whose wrapping of the file's exporters must agree with the listed processor.
   */
  @Nullable
  public static String listedSetting(OpenTelemetryConfigurationModel model, String name) {
    try {
      TracerProviderModel tracerProvider = model.getTracerProvider();
      List<SpanProcessorModel> processors =
          tracerProvider == null ? null : tracerProvider.getProcessors();
      if (processors == null) {
        return null;
      }
      for (SpanProcessorModel processor : processors) {
        Map<?, ?> entries = processor == null ? null : extensionEntries(processor);
        Object entry = entries == null ? null : entries.get(OpenInferenceComponentProvider.NAME);
        if (entry == null) {
          continue;
        }
        // A plain map in some SDK versions, a property model holding one in others.
        Map<?, ?> settings = entry instanceof Map ? (Map<?, ?>) entry : extensionEntries(entry);
        Object value = settings == null ? null : settings.get(name);
        return value == null ? null : String.valueOf(value);
      }
    } catch (RuntimeException | LinkageError e) {
      logger.warning(
          "Could not read "
              + OpenInferenceComponentProvider.NAME
              + "."
              + name
              + " from the declarative configuration; using the default: "
              + e);
    }
    return null;
  }

  private static SpanProcessorModel newEntry() {
    OpenTelemetryConfigurationModel parsed =
        DeclarativeConfiguration.parse(
            new ByteArrayInputStream(ENTRY_YAML.getBytes(StandardCharsets.UTF_8)));
    return parsed.getTracerProvider().getProcessors().get(0);
  }

  private static boolean isOpenInference(@Nullable SpanProcessorModel processor) {
    return hasEntry(processor, OpenInferenceComponentProvider.NAME);
  }

  /**
   * Whether a component model of the declarative configuration (a span or log-record processor
   * entry, say) is the extension component {@code name}, whatever SDK version parsed it.
   */
  public static boolean hasEntry(@Nullable Object componentModel, String name) {
    if (componentModel == null) {
      return false;
    }
    Map<?, ?> entries = extensionEntries(componentModel);
    return entries != null && entries.containsKey(name);
  }

  /** The extension entries of a processor model, or the settings of a property model. */
  @Nullable
  private static Map<?, ?> extensionEntries(Object processor) {
    for (String getter : EXTENSION_ENTRY_GETTERS) {
      Method method;
      try {
        method = processor.getClass().getMethod(getter);
      } catch (NoSuchMethodException e) {
        continue;
      }
      try {
        Object entries = method.invoke(processor);
        return entries instanceof Map ? (Map<?, ?>) entries : null;
      } catch (ReflectiveOperationException | RuntimeException e) {
        fineLogger.log(Level.FINE, "Could not read " + getter + " of " + processor, e);
        return null;
      }
    }
    fineLogger.fine("No extension entries on " + processor.getClass().getName());
    return null;
  }

  @Override
  public String toString() {
    return "OpenInferenceDeclarativeCustomizerProvider";
  }
}
