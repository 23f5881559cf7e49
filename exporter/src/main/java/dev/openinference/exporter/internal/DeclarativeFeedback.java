/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.internal.genai.Json;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import dev.openinference.processor.internal.OpenInferenceDeclarativeCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LogRecordProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LoggerProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.OpenTelemetryConfigurationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TracerProviderModel;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Adds {@link PhoenixFeedbackComponentProvider}'s processor to a declarative configuration that
 * does not list it, with the endpoint and headers of the file's first OTLP/HTTP span exporter, so
 * feedback reaches Phoenix with no more configuration than the traces. The model is read by method
 * name, so the SDK 1.65 models and the javaagent's newer ones both work.
 */
final class DeclarativeFeedback {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceExporterDeclarativeCustomizerProvider.class);

  static OpenTelemetryConfigurationModel addFeedbackProcessor(
      OpenTelemetryConfigurationModel model) {
    try {
      if (!OpenInferenceConfiguration.fromSystemPropertiesAndEnvironment().isEnabled()) {
        return model;
      }
      TracerProviderModel tracerProvider = model.getTracerProvider();
      Object otlpHttp = tracerProvider == null ? null : firstOtlpHttpExporter(tracerProvider);
      LoggerProviderModel loggerProvider = model.getLoggerProvider();
      if (loggerProvider != null && loggerProvider.getProcessors() != null) {
        for (LogRecordProcessorModel processor : loggerProvider.getProcessors()) {
          if (OpenInferenceDeclarativeCustomizerProvider.hasEntry(
              processor, PhoenixFeedbackComponentProvider.NAME)) {
            return model;
          }
        }
      }
      StringBuilder yaml = new StringBuilder();
      yaml.append("logger_provider:\n  processors:\n    - ")
          .append(PhoenixFeedbackComponentProvider.NAME)
          .append(":\n");
      String endpoint = otlpHttp == null ? null : (String) call(otlpHttp, "getEndpoint");
      yaml.append("        endpoint: ")
          .append(Json.stringify(endpoint == null ? "http://localhost:4318/v1/traces" : endpoint))
          .append('\n');
      String headers = otlpHttp == null ? null : headersList(otlpHttp);
      if (headers != null && !headers.isEmpty()) {
        yaml.append("        headers_list: ").append(Json.stringify(headers)).append('\n');
      }
      LoggerProviderModel entry =
          DeclarativeConfiguration.parse(
                  new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)))
              .getLoggerProvider();
      if (loggerProvider == null) {
        OpenInferenceExporterDeclarativeCustomizerProvider.setModelProperty(
            model, "LoggerProvider", LoggerProviderModel.class, entry);
      } else if (loggerProvider.getProcessors() == null) {
        OpenInferenceExporterDeclarativeCustomizerProvider.setModelProperty(
            loggerProvider, "Processors", List.class, new ArrayList<>(entry.getProcessors()));
      } else {
        loggerProvider.getProcessors().add(entry.getProcessors().get(0));
      }
    } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
      logger.warning(
          "Could not add the "
              + PhoenixFeedbackComponentProvider.NAME
              + " log-record processor to the declarative configuration; feedback will not reach"
              + " Phoenix unless it is listed under logger_provider.processors: "
              + e);
    }
    return model;
  }

  @Nullable
  private static Object firstOtlpHttpExporter(TracerProviderModel tracerProvider)
      throws ReflectiveOperationException {
    if (tracerProvider.getProcessors() == null) {
      return null;
    }
    for (Object processor : tracerProvider.getProcessors()) {
      for (String kind : new String[] {"getBatch", "getSimple"}) {
        Object typed = call(processor, kind);
        Object exporter = typed == null ? null : call(typed, "getExporter");
        Object otlpHttp = exporter == null ? null : call(exporter, "getOtlpHttp");
        if (otlpHttp != null) {
          return otlpHttp;
        }
      }
    }
    return null;
  }

  /** The exporter's {@code headers} and {@code headers_list} as one percent-encoded list. */
  @Nullable
  private static String headersList(Object otlpHttp) throws ReflectiveOperationException {
    StringBuilder result = new StringBuilder();
    String list = (String) call(otlpHttp, "getHeadersList");
    if (list != null && !list.trim().isEmpty()) {
      result.append(list.trim());
    }
    Object pairs = call(otlpHttp, "getHeaders");
    if (pairs instanceof List) {
      for (Object pair : (List<?>) pairs) {
        Object name = call(pair, "getName");
        Object value = call(pair, "getValue");
        if (name != null && value != null) {
          if (result.length() > 0) {
            result.append(',');
          }
          result.append(name).append('=').append(encode(value.toString()));
        }
      }
    }
    return result.length() == 0 ? null : result.toString();
  }

  private static String encode(String value) {
    try {
      return URLEncoder.encode(value, "UTF-8").replace("+", "%20");
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Nullable
  private static Object call(Object target, String method) throws ReflectiveOperationException {
    Method getter;
    try {
      getter = target.getClass().getMethod(method);
    } catch (NoSuchMethodException e) {
      return null;
    }
    return getter.invoke(target);
  }

  private DeclarativeFeedback() {}
}
