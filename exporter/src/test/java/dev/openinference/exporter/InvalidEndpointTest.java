/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.internal.OtlpProperties;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An endpoint that is not an http(s) URL with a host, in library mode ({@link OpenInferenceOtel})
 * and under SDK autoconfigure with this module's provider: the SDK still starts, one SEVERE message
 * names the setting and the value, and no span goes anywhere, not even to a valid endpoint named by
 * a setting of lower precedence (here a loopback receiver that counts what arrives).
 */
class InvalidEndpointTest {

  static Stream<Arguments> invalidForms() {
    return Stream.of("not a url", "htp://x", "http://", "ftp://collector.example/v1/traces")
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("invalidForms")
  void setEndpointIsNamedAndNothingIsExported(String invalid) {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        LogCapture log = LogCapture.of(OtlpProperties.class)) {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEnvironment(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", fallback(receiver)))
              .setRegisterShutdownHook(false)
              .setEndpoint(invalid)
              .build();
      assertNothingExported(sdk, receiver);
      assertReported(log, "OpenInferenceOtel.builder().setEndpoint(...)", invalid);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidForms")
  void unbatchedSetEndpointIsNamedAndNothingIsExported(String invalid) {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        LogCapture log = LogCapture.of(OtlpProperties.class)) {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEnvironment(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", fallback(receiver)))
              .setRegisterShutdownHook(false)
              .setBatch(false)
              .setEndpoint(invalid)
              .build();
      assertNothingExported(sdk, receiver);
      assertReported(log, "OpenInferenceOtel.builder().setEndpoint(...)", invalid);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidForms")
  void phoenixCollectorEndpointInLibraryModeIsNamedAndNothingIsExported(String invalid) {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        LogCapture log = LogCapture.of(OtlpProperties.class)) {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEnvironment(
                  Map.of(
                      "PHOENIX_COLLECTOR_ENDPOINT",
                      invalid,
                      "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                      fallback(receiver)))
              .setRegisterShutdownHook(false)
              .build();
      assertNothingExported(sdk, receiver);
      assertReported(log, "PHOENIX_COLLECTOR_ENDPOINT", invalid);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidForms")
  void otlpTracesEndpointInLibraryModeIsNamedAndNothingIsExported(String invalid) {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        LogCapture log = LogCapture.of(OtlpProperties.class)) {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEnvironment(
                  Map.of(
                      "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                      invalid,
                      "OTEL_EXPORTER_OTLP_ENDPOINT",
                      receiver.getHttpEndpoint()))
              .setRegisterShutdownHook(false)
              .build();
      assertNothingExported(sdk, receiver);
      assertReported(log, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", invalid);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidForms")
  void otlpEndpointInLibraryModeIsNamedAndNothingIsExported(String invalid) {
    try (LogCapture log = LogCapture.of(OtlpProperties.class)) {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", invalid))
              .setRegisterShutdownHook(false)
              .build();
      assertNoExporter(sdk);
      sdk.close();
      assertReported(log, "OTEL_EXPORTER_OTLP_ENDPOINT", invalid);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidForms")
  void autoconfigurePhoenixCollectorEndpointIsNamedAndNothingIsExported(String invalid) {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        LogCapture log = LogCapture.of(OtlpProperties.class)) {
      Map<String, String> properties = autoconfigureProperties();
      properties.put("phoenix.collector.endpoint", invalid);
      properties.put("otel.exporter.otlp.traces.endpoint", fallback(receiver));
      assertNothingExported(autoconfigure(properties), receiver);
      assertReported(log, "PHOENIX_COLLECTOR_ENDPOINT", invalid);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidForms")
  void autoconfigureOtlpTracesEndpointIsNamedAndNothingIsExported(String invalid) {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        LogCapture log = LogCapture.of(OtlpProperties.class)) {
      Map<String, String> properties = autoconfigureProperties();
      properties.put("otel.exporter.otlp.traces.endpoint", invalid);
      properties.put("otel.exporter.otlp.endpoint", receiver.getHttpEndpoint());
      assertNothingExported(autoconfigure(properties), receiver);
      assertReported(log, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", invalid);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidForms")
  void autoconfigureOtlpEndpointIsNamedForEverySignalAndTheSdkStarts(String invalid) {
    try (LogCapture log = LogCapture.of(OtlpProperties.class)) {
      Map<String, String> properties = autoconfigureProperties();
      // Metrics and logs over OTLP too: the SDK would reject the general endpoint for each.
      properties.put("otel.metrics.exporter", "otlp");
      properties.put("otel.logs.exporter", "otlp");
      properties.put("otel.exporter.otlp.endpoint", invalid);
      OpenTelemetrySdk sdk = autoconfigure(properties);
      assertNoExporter(sdk);
      sdk.close();
      assertReported(log, "OTEL_EXPORTER_OTLP_ENDPOINT", invalid);
      assertThat(log.messages()).hasSize(1);
      assertThat(log.messages().get(0)).contains("traces, metrics, logs");
    }
  }

  @org.junit.jupiter.api.Test
  void credentialsInAnInvalidEndpointAreNotLogged() {
    try (LogCapture log = LogCapture.of(OtlpProperties.class)) {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEnvironment(Map.of())
              .setRegisterShutdownHook(false)
              .setEndpoint("htp://user:secret@collector.example")
              .build();
      sdk.close();
      assertThat(log.messages())
          .singleElement()
          .asString()
          .contains("\"htp://****@collector.example\"")
          .doesNotContain("secret");
    }
  }

  private static String fallback(OtlpReceiver receiver) {
    return receiver.getHttpTracesEndpoint();
  }

  private static Map<String, String> autoconfigureProperties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    properties.put("otel.bsp.schedule.delay", "10");
    return properties;
  }

  private static OpenTelemetrySdk autoconfigure(Map<String, String> properties) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> properties)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  private static void assertNoExporter(OpenTelemetrySdk sdk) {
    assertThat(sdk.getSdkTracerProvider().toString())
        .contains("OpenInferenceSpanProcessor")
        .doesNotContain("OtlpHttpSpanExporter")
        .doesNotContain("OtlpGrpcSpanExporter");
  }

  private static void assertNothingExported(OpenTelemetrySdk sdk, OtlpReceiver receiver) {
    try {
      assertNoExporter(sdk);
      sdk.getTracer("invalid-endpoint").spanBuilder("recorded-not-exported").startSpan().end();
    } finally {
      sdk.close();
    }
    assertThat(receiver.getRequests()).isEmpty();
  }

  private static void assertReported(LogCapture log, String setting, String value) {
    List<String> messages = log.messages();
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0))
        .contains(setting)
        .contains("\"" + value + "\"")
        .contains("OTLP export of traces")
        .contains("is off")
        .contains("http:// or https://");
    assertThat(log.levels()).containsExactly(Level.SEVERE);
  }
}
