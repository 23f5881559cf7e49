/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.logs.LogRecordProcessor;

/**
 * The log-record processor {@code openinference_genai_events} of declarative configuration: the
 * GenAI event bridge that joins content events ({@code gen_ai.user.message}, {@code gen_ai.choice},
 * ...) onto their span for the OpenInference exporter. {@link
 * OpenInferenceExporterDeclarativeCustomizerProvider} adds it to {@code logger_provider.processors}
 * when the file does not list it; it takes no settings.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class GenAiEventsComponentProvider implements ComponentProvider {

  /** The name under {@code logger_provider.processors}. */
  public static final String NAME = "openinference_genai_events";

  @Override
  public Class<LogRecordProcessor> getType() {
    return LogRecordProcessor.class;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public LogRecordProcessor create(DeclarativeConfigProperties config) {
    return OpenInferenceConfiguration.fromSystemPropertiesAndEnvironment().isEnabled()
        ? GenAiEventsBridge.shared()
        : LogRecordProcessor.composite();
  }

  @Override
  public String toString() {
    return "GenAiEventsComponentProvider{name=" + NAME + "}";
  }
}
