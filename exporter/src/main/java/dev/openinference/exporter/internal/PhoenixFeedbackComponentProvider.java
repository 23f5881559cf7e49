/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.exporter.PhoenixFeedbackProcessor;
import dev.openinference.exporter.PhoenixFeedbackProcessorBuilder;
import dev.openinference.exporter.internal.feedback.FeedbackSettings;
import dev.openinference.processor.internal.ConfigValues;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import java.util.Map;

/**
 * The log-record processor {@code openinference_phoenix_feedback} of declarative configuration:
 * delivers feedback records to Phoenix. Settings: {@code endpoint} (Phoenix's base URL or its
 * traces endpoint) and {@code headers_list} ({@code name=value,...}, values percent-decoded as in
 * {@code OTEL_EXPORTER_OTLP_HEADERS}). {@link OpenInferenceExporterDeclarativeCustomizerProvider}
 * adds it with the file's OTLP/HTTP span exporter's endpoint and headers when the file does not
 * list it. {@code otel.openinference.feedback.phoenix.endpoint} and {@code
 * PHOENIX_COLLECTOR_ENDPOINT} win over {@code endpoint}; {@code
 * otel.openinference.feedback.phoenix.enabled=false} turns it off.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class PhoenixFeedbackComponentProvider implements ComponentProvider {

  /** The name under {@code logger_provider.processors}. */
  public static final String NAME = "openinference_phoenix_feedback";

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
    ConfigValues.Source environment = ConfigValues.systemPropertiesAndEnvironment();
    if (!OpenInferenceConfiguration.fromSystemPropertiesAndEnvironment().isEnabled()
        || Boolean.FALSE.equals(
            ConfigValues.getBoolean(environment, FeedbackSettings.PHOENIX_ENABLED))) {
      return LogRecordProcessor.composite();
    }
    String endpoint = ConfigValues.getString(environment, FeedbackSettings.PHOENIX_ENDPOINT);
    if (endpoint == null) {
      endpoint = ConfigValues.getString(environment, OtlpProperties.PHOENIX_COLLECTOR_ENDPOINT);
    }
    if (endpoint == null) {
      endpoint = config.getString("endpoint");
    }
    PhoenixFeedbackProcessorBuilder builder = PhoenixFeedbackProcessor.builder();
    if (endpoint != null) {
      builder.setEndpoint(endpoint);
    }
    String headers = config.getString("headers_list");
    if (headers != null) {
      for (Map.Entry<String, String> header :
          ConfigValues.parseKeyValues(headers, NAME + ".headers_list").entrySet()) {
        builder.addHeader(header.getKey(), header.getValue());
      }
    }
    String apiKey = ConfigValues.getString(environment, OtlpProperties.PHOENIX_API_KEY);
    if (apiKey != null) {
      builder.setApiKey(apiKey);
    }
    return builder.build();
  }

  @Override
  public String toString() {
    return "PhoenixFeedbackComponentProvider{name=" + NAME + "}";
  }
}
