/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.feedback;

import dev.openinference.exporter.PhoenixFeedbackProcessor;
import dev.openinference.exporter.PhoenixFeedbackProcessorBuilder;
import dev.openinference.exporter.internal.OtlpProperties;
import dev.openinference.processor.internal.ConfigValues;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Where feedback goes in an autoconfigured SDK: Phoenix's base URL and the headers, from the same
 * configuration as the traces.
 *
 * <ul>
 *   <li>{@value #PHOENIX_ENABLED} (default {@code true}) turns delivery to Phoenix off; the log
 *       records still reach the configured logs exporters.
 *   <li>{@value #PHOENIX_ENDPOINT} names Phoenix's base URL; unset, {@code
 *       PHOENIX_COLLECTOR_ENDPOINT}, then the OTLP/HTTP traces endpoint without {@code /v1/traces}.
 *       Traces over gRPC give no base URL: then feedback is not sent to Phoenix, said once when the
 *       first feedback is recorded.
 *   <li>Headers: the traces headers (with {@code PHOENIX_API_KEY} as {@code authorization}), else
 *       the general OTLP headers.
 * </ul>
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class FeedbackSettings {

  public static final String PHOENIX_ENABLED = "otel.openinference.feedback.phoenix.enabled";
  public static final String PHOENIX_ENDPOINT = "otel.openinference.feedback.phoenix.endpoint";

  public static final int DEFAULT_MAX_QUEUE_SIZE = 2048;
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private static final String TRACES_PATH = "/v1/traces";
  private static final Logger logger = Logger.getLogger(PhoenixFeedbackProcessor.class.getName());

  /**
   * Returns the log-record processor delivering feedback under {@code config}, or null when
   * delivery is off.
   */
  @Nullable
  public static LogRecordProcessor fromConfig(ConfigProperties config) {
    if (!OpenInferenceConfiguration.isEnabled(config::getString)
        || Boolean.FALSE.equals(ConfigValues.getBoolean(config::getString, PHOENIX_ENABLED))) {
      return null;
    }
    String base = configuredBase(config);
    if (base == null) {
      String traces = OtlpProperties.effectiveTracesEndpoint(config);
      return unknownEndpoint(traces);
    }
    PhoenixFeedbackProcessorBuilder builder = PhoenixFeedbackProcessor.builder().setEndpoint(base);
    for (Map.Entry<String, String> header : headers(config).entrySet()) {
      builder.addHeader(header.getKey(), decode(header.getValue()));
    }
    return builder.build();
  }

  @Nullable
  private static String configuredBase(ConfigProperties config) {
    String explicit = ConfigValues.getString(config::getString, PHOENIX_ENDPOINT);
    if (explicit != null) {
      return baseUrl(explicit);
    }
    String phoenix =
        ConfigValues.getString(config::getString, OtlpProperties.PHOENIX_COLLECTOR_ENDPOINT);
    if (phoenix != null) {
      return baseUrl(phoenix);
    }
    if (OtlpProperties.GRPC.equals(OtlpProperties.effectiveTracesProtocol(config))) {
      return null;
    }
    return baseUrl(OtlpProperties.effectiveTracesEndpoint(config));
  }

  /**
   * Returns Phoenix's base URL from a base URL or a traces endpoint: scheme, authority and path
   * without a trailing {@code /v1/traces} or slash; null when {@code url} is not an http(s) URL.
   */
  @Nullable
  public static String baseUrl(@Nullable String url) {
    if (url == null || url.trim().isEmpty()) {
      return null;
    }
    String trimmed = url.trim();
    String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null) {
      return null;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(TRACES_PATH)) {
      path = path.substring(0, path.length() - TRACES_PATH.length());
    }
    return scheme + "://" + uri.getRawAuthority() + path;
  }

  private static Map<String, String> headers(ConfigProperties config) {
    try {
      Map<String, String> traces = config.getMap(OtlpProperties.TRACES_HEADERS);
      return traces.isEmpty() ? config.getMap("otel.exporter.otlp.headers") : traces;
    } catch (RuntimeException e) {
      return Collections.emptyMap(); // OtlpProperties and the SDK report the bad value
    }
  }

  /** Header values are percent-encoded in the configuration, as the OTLP exporters read them. */
  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, "UTF-8");
    } catch (UnsupportedEncodingException | IllegalArgumentException e) {
      return value;
    }
  }

  /** A processor that says once, at the first feedback, that it has nowhere to send it. */
  private static LogRecordProcessor unknownEndpoint(String tracesEndpoint) {
    AtomicBoolean said = new AtomicBoolean();
    return (context, logRecord) -> {
      if (Annotation.isFeedback(logRecord.getEventName(), logRecord::getAttribute)
          && said.compareAndSet(false, true)) {
        logger.info(
            "Feedback is not sent to Phoenix: traces go over gRPC to "
                + tracesEndpoint
                + ", which gives no REST base URL. Set "
                + PHOENIX_ENDPOINT
                + " (or PHOENIX_COLLECTOR_ENDPOINT) to Phoenix's base URL; feedback still"
                + " reaches the configured OTLP logs exporter.");
      }
    };
  }

  private FeedbackSettings() {}
}
