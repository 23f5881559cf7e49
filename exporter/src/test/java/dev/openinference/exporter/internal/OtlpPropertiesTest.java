/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
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
}
