/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.internal.feedback.AnnotationSender;
import dev.openinference.exporter.internal.feedback.FeedbackSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Builds a {@link PhoenixFeedbackProcessor}; obtain one from {@link
 * PhoenixFeedbackProcessor#builder()}.
 */
public final class PhoenixFeedbackProcessorBuilder {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(PhoenixFeedbackProcessorBuilder.class);

  static final String DEFAULT_ENDPOINT = "http://localhost:6006";

  private String endpoint = DEFAULT_ENDPOINT;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private int maxQueueSize = FeedbackSettings.DEFAULT_MAX_QUEUE_SIZE;
  private Duration shutdownTimeout = FeedbackSettings.DEFAULT_SHUTDOWN_TIMEOUT;

  PhoenixFeedbackProcessorBuilder() {}

  /**
   * Sets Phoenix's base URL (default {@code http://localhost:6006}). A URL ending in {@code
   * /v1/traces} is taken as Phoenix's traces endpoint and the suffix dropped.
   *
   * @param endpoint the base URL; null, blank or not an http(s) URL is ignored with a warning
   * @return this builder
   */
  public PhoenixFeedbackProcessorBuilder setEndpoint(@Nullable String endpoint) {
    String base = FeedbackSettings.baseUrl(endpoint);
    if (base == null) {
      logger.warning(
          "Ignoring the Phoenix endpoint " + describe(endpoint) + ": not an http(s) URL");
    } else {
      this.endpoint = base;
    }
    return this;
  }

  /**
   * Sets the API key, sent as {@code authorization: Bearer <key>}.
   *
   * @param apiKey the key; null or blank unsets it
   * @return this builder
   */
  public PhoenixFeedbackProcessorBuilder setApiKey(@Nullable String apiKey) {
    if (apiKey == null || apiKey.trim().isEmpty()) {
      headers.remove("authorization");
    } else {
      headers.put("authorization", "Bearer " + apiKey.trim());
    }
    return this;
  }

  /**
   * Adds a header to every request; a later value for the same name wins.
   *
   * @param name the header name (lower-cased); null or blank is ignored with a warning
   * @param value the value; null is ignored with a warning
   * @return this builder
   */
  public PhoenixFeedbackProcessorBuilder addHeader(@Nullable String name, @Nullable String value) {
    if (name == null || name.trim().isEmpty() || value == null) {
      logger.warning("Ignoring the header " + describe(name) + ": blank name or null value");
    } else {
      headers.put(name.trim().toLowerCase(Locale.ROOT), value);
    }
    return this;
  }

  /**
   * Sets how many feedback records may wait for delivery (default 2048); more are dropped with a
   * warning.
   *
   * @param maxQueueSize at least 1; other values are ignored with a warning
   * @return this builder
   */
  public PhoenixFeedbackProcessorBuilder setMaxQueueSize(int maxQueueSize) {
    if (maxQueueSize < 1) {
      logger.warning("Ignoring the feedback queue size " + maxQueueSize + " (must be at least 1)");
    } else {
      this.maxQueueSize = maxQueueSize;
    }
    return this;
  }

  /**
   * Sets how long {@link PhoenixFeedbackProcessor#shutdown()} keeps sending what is queued (default
   * 5 seconds).
   *
   * @param shutdownTimeout the bound; null or negative is ignored with a warning
   * @return this builder
   */
  public PhoenixFeedbackProcessorBuilder setShutdownTimeout(@Nullable Duration shutdownTimeout) {
    if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
      logger.warning("Ignoring the feedback shutdown timeout " + shutdownTimeout);
    } else {
      this.shutdownTimeout = shutdownTimeout;
    }
    return this;
  }

  /**
   * Builds the processor; its delivery thread starts with the first feedback record.
   *
   * @return the processor, never null
   */
  public PhoenixFeedbackProcessor build() {
    return new PhoenixFeedbackProcessor(
        AnnotationSender.create(
            endpoint, new LinkedHashMap<>(headers), maxQueueSize, shutdownTimeout.toNanos()));
  }

  @Override
  public String toString() {
    return "PhoenixFeedbackProcessorBuilder{endpoint="
        + endpoint
        + ", headers="
        + headers.keySet()
        + ", maxQueueSize="
        + maxQueueSize
        + ", shutdownTimeout="
        + shutdownTimeout
        + "}";
  }
}
