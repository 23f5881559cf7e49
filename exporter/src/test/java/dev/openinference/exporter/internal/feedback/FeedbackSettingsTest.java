/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.PhoenixFeedbackProcessor;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackSettingsTest {

  private static LogRecordProcessor processor(String... keyValues) {
    Map<String, String> properties = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    return FeedbackSettings.fromConfig(DefaultConfigProperties.createFromMap(properties));
  }

  @Test
  void baseUrlDropsTheTracesPathAndTrailingSlashes() {
    assertThat(FeedbackSettings.baseUrl("http://localhost:6006/v1/traces"))
        .isEqualTo("http://localhost:6006");
    assertThat(FeedbackSettings.baseUrl("https://app.phoenix.arize.com/s/me/v1/traces/"))
        .isEqualTo("https://app.phoenix.arize.com/s/me");
    assertThat(FeedbackSettings.baseUrl("phoenix:6006")).isEqualTo("http://phoenix:6006");
    assertThat(FeedbackSettings.baseUrl("ftp://x")).isNull();
    assertThat(FeedbackSettings.baseUrl(" ")).isNull();
  }

  @Test
  void theTracesEndpointAndItsHeadersDecideWhereFeedbackGoes() {
    assertThat(
            processor(
                    "otel.exporter.otlp.traces.protocol", "http/protobuf",
                    "otel.exporter.otlp.traces.endpoint", "http://phoenix:6006/v1/traces",
                    "otel.exporter.otlp.traces.headers", "authorization=Bearer%20k")
                .toString())
        .contains("baseUrl=http://phoenix:6006")
        .contains("headers=[authorization]");
  }

  @Test
  void anExplicitEndpointOrPhoenixBaseWinsAndGrpcAloneGivesNone() {
    assertThat(
            processor(
                    "otel.exporter.otlp.traces.protocol", "grpc",
                    "otel.exporter.otlp.traces.endpoint", "http://phoenix:4317",
                    "phoenix.collector.endpoint", "http://phoenix:6006")
                .toString())
        .contains("baseUrl=http://phoenix:6006");
    assertThat(
            processor(
                    "otel.exporter.otlp.traces.protocol", "grpc",
                    "otel.openinference.feedback.phoenix.endpoint", "http://px:6006/")
                .toString())
        .contains("baseUrl=http://px:6006");
    LogRecordProcessor grpcOnly =
        processor(
            "otel.exporter.otlp.traces.protocol", "grpc",
            "otel.exporter.otlp.traces.endpoint", "http://collector:4317");
    assertThat(grpcOnly).isNotInstanceOf(PhoenixFeedbackProcessor.class);
  }

  @Test
  void theSwitchesTurnDeliveryOff() {
    assertThat(processor("otel.openinference.feedback.phoenix.enabled", "false")).isNull();
    assertThat(processor("otel.openinference.enabled", "false")).isNull();
  }
}
