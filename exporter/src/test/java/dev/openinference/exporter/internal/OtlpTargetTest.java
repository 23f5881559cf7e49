/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OtlpTargetTest {

  static Stream<Arguments> targets() {
    return Stream.of(
        // name, explicit endpoint, explicit protocol, environment, expected endpoint, protocol
        Arguments.of("nothing set", null, null, env(),
            "http://localhost:6006/v1/traces", "http/protobuf"),
        Arguments.of("nothing set, grpc", null, "grpc", env(),
            "http://localhost:4317", "grpc"),
        Arguments.of("explicit /v1/traces is http", "https://phoenix.example.com/v1/traces", null,
            env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            "https://phoenix.example.com/v1/traces", "http/protobuf"),
        Arguments.of("explicit protocol beats the path", "http://collector:4317/v1/traces", "grpc",
            env(), "http://collector:4317/v1/traces", "grpc"),
        Arguments.of("explicit path-less on 4317 is grpc", "http://collector:4317", null, env(),
            "http://collector:4317", "grpc"),
        Arguments.of("explicit path-less over http gets /v1/traces", "http://collector:4318", null,
            env(), "http://collector:4318/v1/traces", "http/protobuf"),
        Arguments.of("explicit custom path is kept", "https://cloud.langfuse.com/api/public/otel/v1/traces",
            null, env(), "https://cloud.langfuse.com/api/public/otel/v1/traces", "http/protobuf"),
        Arguments.of("explicit without scheme", "localhost:4317", null, env(),
            "http://localhost:4317", "grpc"),
        Arguments.of("explicit beats the environment", "http://a:6006/v1/traces", null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "http://b:6006"), "http://a:6006/v1/traces",
            "http/protobuf"),
        Arguments.of("PHOENIX_COLLECTOR_ENDPOINT base gets /v1/traces", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006"),
            "http://phoenix:6006/v1/traces", "http/protobuf"),
        Arguments.of("PHOENIX_COLLECTOR_ENDPOINT with a trailing slash", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006/"),
            "http://phoenix:6006/v1/traces", "http/protobuf"),
        Arguments.of("PHOENIX_COLLECTOR_ENDPOINT already has /v1/traces", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006/v1/traces"),
            "http://phoenix:6006/v1/traces", "http/protobuf"),
        Arguments.of("PHOENIX_COLLECTOR_ENDPOINT of Phoenix Cloud keeps the space path", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "https://app.phoenix.arize.com/s/my-space"),
            "https://app.phoenix.arize.com/s/my-space/v1/traces", "http/protobuf"),
        Arguments.of("PHOENIX_COLLECTOR_ENDPOINT with grpc moves to the gRPC port", null, "grpc",
            env("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006"),
            "http://phoenix:4317", "grpc"),
        Arguments.of("PHOENIX_GRPC_PORT", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "PHOENIX_GRPC_PORT", "14317"),
            "http://phoenix:14317", "grpc"),
        Arguments.of("PHOENIX_COLLECTOR_ENDPOINT on the gRPC port is grpc", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:4317"),
            "http://phoenix:4317", "grpc"),
        Arguments.of("PHOENIX_COLLECTOR_ENDPOINT beats OTEL_EXPORTER_OTLP_*", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://other:4318/v1/traces",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://third:4318"),
            "http://phoenix:6006/v1/traces", "http/protobuf"),
        Arguments.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as given", null, null,
            env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom/traces",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://third:4318"),
            "http://collector:4318/custom/traces", "http/protobuf"),
        Arguments.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT with OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            null, null,
            env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:5555",
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            "http://collector:5555", "grpc"),
        Arguments.of("OTEL_EXPORTER_OTLP_ENDPOINT base over http", null, null,
            env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/prefix"),
            "http://collector:4318/prefix/v1/traces", "http/protobuf"),
        Arguments.of("OTEL_EXPORTER_OTLP_ENDPOINT base over grpc is used as given", null, null,
            env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:5555",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "GRPC"),
            "http://collector:5555", "grpc"),
        Arguments.of("an invalid protocol is ignored", null, null,
            env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"),
            "http://localhost:6006/v1/traces", "http/protobuf"),
        Arguments.of("an invalid environment endpoint is skipped", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "ftp://nope",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
            "http://collector:4318/v1/traces", "http/protobuf"),
        Arguments.of("an invalid explicit endpoint falls back to the environment", "http://bad host",
            null, env("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006"),
            "http://phoenix:6006/v1/traces", "http/protobuf"),
        Arguments.of("blank variables count as unset", null, null,
            env("PHOENIX_COLLECTOR_ENDPOINT", "  ", "OTEL_EXPORTER_OTLP_PROTOCOL", ""),
            "http://localhost:6006/v1/traces", "http/protobuf"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void resolvesEndpointAndProtocol(
      String name,
      @Nullable String endpoint,
      @Nullable String protocol,
      Map<String, String> environment,
      String expectedEndpoint,
      String expectedProtocol) {
    OtlpTarget target =
        OtlpTarget.resolve(endpoint, protocol, ConfigValues.fromMap(environment));
    assertThat(target.getEndpoint()).isEqualTo(expectedEndpoint);
    assertThat(target.getProtocol()).isEqualTo(expectedProtocol);
    assertThat(target.isGrpc()).isEqualTo(expectedProtocol.equals("grpc"));
  }

  @Test
  void loopbackIsJudgedFromTheHostText() {
    assertThat(loopback("http://localhost:6006/v1/traces")).isTrue();
    assertThat(loopback("http://127.0.0.1:4317")).isTrue();
    assertThat(loopback("http://[::1]:4317")).isTrue();
    assertThat(loopback("https://app.phoenix.arize.com/v1/traces")).isFalse();
    assertThat(loopback("http://10.0.0.5:4318/v1/traces")).isFalse();
  }

  private static boolean loopback(String endpoint) {
    return OtlpTarget.resolve(endpoint, null, ConfigValues.fromMap(null)).isLoopback();
  }

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
