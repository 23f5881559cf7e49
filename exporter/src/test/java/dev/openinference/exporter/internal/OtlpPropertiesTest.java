/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class OtlpPropertiesTest {

  private static String endpoint(String... keysAndValues) {
    Map<String, String> properties = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return OtlpProperties.effectiveTracesEndpoint(
        DefaultConfigProperties.createFromMap(properties));
  }

  @Test
  void effectiveEndpointIsWhatTheSdkExporterUses() {
    assertThat(
            endpoint("otel.exporter.otlp.traces.endpoint", "https://collector.example/v1/traces"))
        .isEqualTo("https://collector.example/v1/traces");
    assertThat(
            endpoint(
                "otel.exporter.otlp.endpoint", "https://collector.example/",
                "otel.exporter.otlp.protocol", "http/protobuf"))
        .isEqualTo("https://collector.example/v1/traces");
    assertThat(endpoint("otel.exporter.otlp.endpoint", "https://collector.example:4317"))
        .isEqualTo("https://collector.example:4317");
    assertThat(endpoint()).isEqualTo("http://localhost:4317");
    assertThat(endpoint("otel.exporter.otlp.traces.protocol", "http/protobuf"))
        .isEqualTo("http://localhost:4318/v1/traces");
  }

  @Test
  void effectiveProtocolFallsBackFromTracesToGeneralToGrpc() {
    assertThat(
            OtlpProperties.effectiveTracesProtocol(
                DefaultConfigProperties.createFromMap(Collections.emptyMap())))
        .isEqualTo("grpc");
    assertThat(
            OtlpProperties.effectiveTracesProtocol(
                DefaultConfigProperties.createFromMap(
                    Collections.singletonMap("otel.exporter.otlp.protocol", "http/protobuf"))))
        .isEqualTo("http/protobuf");
  }

  @Test
  void anInvalidEndpointTakesOnlyOtlpOutOfTheExporterListAndKeepsTheOthers() {
    Map<String, String> config = new HashMap<>();
    config.put("otel.traces.exporter", "zipkin, OTLP,console");
    config.put("otel.exporter.otlp.traces.endpoint", "htp://x");
    List<String> messages = new ArrayList<>();
    Logger logger = Logger.getLogger(OtlpProperties.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            messages.add(record.getLevel() + " " + record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.setUseParentHandlers(false);
    logger.addHandler(capture);
    Map<String, String> overrides;
    try {
      overrides = OtlpProperties.fromConfig(DefaultConfigProperties.createFromMap(config));
    } finally {
      logger.removeHandler(capture);
      logger.setUseParentHandlers(true);
    }
    assertThat(messages)
        .singleElement()
        .asString()
        .startsWith(
            "SEVERE Invalid OTLP endpoint \"htp://x\" in OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    assertThat(overrides).containsEntry("otel.traces.exporter", "zipkin,console");
    assertThat(overrides).doesNotContainKey("otel.exporter.otlp.traces.endpoint");
    assertThat(OtlpProperties.tracesEndpointRejected(overrides)).isTrue();
  }

  @Test
  void anEndpointNoExporterUsesIsNotChecked() {
    Map<String, String> config = new HashMap<>();
    config.put("otel.traces.exporter", "console");
    config.put("otel.exporter.otlp.traces.endpoint", "htp://x");
    assertThat(OtlpProperties.fromConfig(DefaultConfigProperties.createFromMap(config))).isEmpty();
  }

  @Test
  void validEndpointsFollowTheSdkRuleForItsOwnVariablesAndPhoenixLeniencyForOurs() {
    assertThat(OtlpProperties.isValidEndpoint("https://collector:4318/v1/traces", false)).isTrue();
    assertThat(OtlpProperties.isValidEndpoint("localhost:4318", false)).isFalse();
    assertThat(OtlpProperties.isValidEndpoint("localhost:6006", true)).isTrue();
    for (String invalid : new String[] {"not a url", "htp://x", "http://", "ftp://host/v1"}) {
      assertThat(OtlpProperties.isValidEndpoint(invalid, true)).as(invalid).isFalse();
    }
  }
}
