/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.openinference.exporter.internal.OtlpProperties;
import dev.openinference.processor.internal.ConfigValues;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What OpenInferenceOtelBuilder hands SDK autoconfigure: the settings as property overrides over a
 * test environment (read from a map, never the process), composed the way autoconfigure composes
 * them (library defaults, then environment, then the builder's overrides, then the autoconfigure
 * provider's Phoenix mapping).
 */
class OpenInferenceOtelBuilderTest {

  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  private static OpenInferenceOtelBuilder builder(String... environment) {
    return OpenInferenceOtel.builder()
        .setEnvironment(env(environment))
        .setRegisterShutdownHook(false);
  }

  /** The configuration the SDK is built from. */
  private static ConfigProperties resolved(OpenInferenceOtelBuilder builder) {
    DefaultConfigProperties config = DefaultConfigProperties.createFromMap(builder.defaults());
    config = config.withOverrides(builder.overrides(config));
    return config.withOverrides(OtlpProperties.fromConfig(config));
  }

  private static String get(OpenInferenceOtelBuilder builder, String key) {
    return resolved(builder).getString(key);
  }

  @Test
  void phoenixDefaultsTracesOnlyAndGenAiCaptureWhenNothingIsConfigured() {
    ConfigProperties config = resolved(builder());
    assertThat(config.getString("otel.exporter.otlp.traces.endpoint"))
        .isEqualTo("http://localhost:6006/v1/traces");
    assertThat(config.getString("otel.exporter.otlp.traces.protocol")).isEqualTo("http/protobuf");
    assertThat(config.getString("otel.metrics.exporter")).isEqualTo("none");
    assertThat(config.getString("otel.logs.exporter")).isEqualTo("none");
    assertThat(config.getString("otel.instrumentation.genai.capture-message-content"))
        .isEqualTo("true");
    assertThat(config.getString("otel.openinference.project.name")).isEqualTo("default");
  }

  @Test
  void theEnvironmentWinsOverTheLibraryDefaults() {
    ConfigProperties config =
        resolved(
            builder(
                "OTEL_METRICS_EXPORTER", "otlp",
                "OTEL_LOGS_EXPORTER", "console",
                "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "false"));
    assertThat(config.getString("otel.metrics.exporter")).isEqualTo("otlp");
    assertThat(config.getString("otel.logs.exporter")).isEqualTo("console");
    assertThat(config.getString("otel.instrumentation.genai.capture-message-content"))
        .isEqualTo("false");
  }

  @Test
  void phoenixCollectorEndpointIsABaseUrlAndWinsOverTheOtlpVariables() {
    assertThat(
            get(
                builder(
                    "PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006",
                    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://other:4318/v1/traces"),
                "otel.exporter.otlp.traces.endpoint"))
        .isEqualTo("http://phoenix:6006/v1/traces");
    assertThat(
            get(
                builder("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006").setProtocol("grpc"),
                "otel.exporter.otlp.traces.endpoint"))
        .isEqualTo("http://phoenix:4317");
    assertThat(
            get(
                builder("PHOENIX_COLLECTOR_ENDPOINT", "phoenix:6006", "PHOENIX_GRPC_PORT", "9000")
                    .setProtocol("grpc"),
                "otel.exporter.otlp.traces.endpoint"))
        .isEqualTo("http://phoenix:9000");
  }

  @Test
  void theEndpointSettingWinsAndItsTracesPathMeansHttp() {
    OpenInferenceOtelBuilder builder =
        builder(
                "PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            .setEndpoint("https://collector.example.com/v1/traces");
    ConfigProperties config = resolved(builder);
    assertThat(config.getString("otel.exporter.otlp.traces.endpoint"))
        .isEqualTo("https://collector.example.com/v1/traces");
    assertThat(config.getString("otel.exporter.otlp.traces.protocol")).isEqualTo("http/protobuf");

    assertThat(
            get(
                builder().setEndpoint("https://c.example.com/v1/traces").setProtocol("grpc"),
                "otel.exporter.otlp.traces.protocol"))
        .isEqualTo("grpc");
    assertThat(get(builder().setEndpoint("collector:4317"), "otel.exporter.otlp.traces.protocol"))
        .isEqualTo("grpc");
    assertThat(get(builder().setEndpoint("collector:4318"), "otel.exporter.otlp.traces.endpoint"))
        .isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  void anOtlpTracesEndpointWithATracesPathNeedsNoProtocolVariable() {
    ConfigProperties config =
        resolved(builder("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"));
    assertThat(config.getString("otel.exporter.otlp.traces.endpoint"))
        .isEqualTo("http://collector:4318/v1/traces");
    assertThat(config.getString("otel.exporter.otlp.traces.protocol")).isEqualTo("http/protobuf");
    // The generic endpoint is the SDK's to complete; the Phoenix default stays out of its way.
    assertThat(
            resolved(builder("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))
                .getString("otel.exporter.otlp.traces.endpoint"))
        .isNull();
  }

  @Test
  void headersMergeTheConfiguredOnesPhoenixAndTheSettingsInThatOrder() {
    OpenInferenceOtelBuilder builder =
        builder(
            "OTEL_EXPORTER_OTLP_HEADERS", "x-a=otlp,x-b=otlp,authorization=Basic%20abc",
            "PHOENIX_CLIENT_HEADERS", "x-b=phoenix",
            "PHOENIX_API_KEY", "env-key");
    assertThat(resolved(builder).getMap("otel.exporter.otlp.traces.headers"))
        .containsExactly(
            entry("x-a", "otlp"),
            entry("x-b", "phoenix"),
            entry("authorization", "Bearer%20env-key"));

    builder.addHeader("X-B", "code value").setApiKey("code-key");
    assertThat(resolved(builder).getMap("otel.exporter.otlp.traces.headers"))
        .containsEntry("x-b", "code%20value")
        .containsEntry("authorization", "Bearer%20code-key");
  }

  @Test
  void badHeaderSettingsAreIgnoredWithAWarning() {
    try (LogCapture log = LogCapture.of(OpenInferenceOtelBuilder.class)) {
      OpenInferenceOtelBuilder builder =
          builder().addHeader(null, "v").addHeader(" ", "v").addHeader("x", null).setApiKey("  ");
      assertThat(resolved(builder).getMap("otel.exporter.otlp.traces.headers")).isEmpty();
      assertThat(log.messages()).hasSize(3).allMatch(m -> m.startsWith("Ignoring the header"));
    }
  }

  @Test
  void projectNameComesFromTheSettingThenTheVariablesThenTheResourceThenDefault() {
    assertThat(project(builder())).isEqualTo("default");
    assertThat(project(builder("OTEL_RESOURCE_ATTRIBUTES", "openinference.project.name=res")))
        .isNull();
    assertThat(project(builder("PHOENIX_PROJECT", "older"))).isEqualTo("older");
    assertThat(project(builder("PHOENIX_PROJECT_NAME", "phoenix"))).isEqualTo("phoenix");
    assertThat(project(builder("OTEL_OPENINFERENCE_PROJECT_NAME", "otel", "PHOENIX_PROJECT", "p")))
        .isEqualTo("otel");
    assertThat(project(builder("PHOENIX_PROJECT_NAME", "phoenix").setProjectName("code")))
        .isEqualTo("code");
  }

  @Test
  void theProjectReachesTheResourceAndTheOtelResourceVariablesStillApply() {
    try (OpenTelemetrySdk sdk =
        builder(
                "PHOENIX_PROJECT", "bots",
                "OTEL_SERVICE_NAME", "support-bot",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod")
            .build()) {
      String provider = sdk.getSdkTracerProvider().toString();
      assertThat(provider)
          .contains("openinference.project.name=\"bots\"")
          .contains("service.name=\"support-bot\"")
          .contains("deployment.environment.name=\"prod\"");
    }
  }

  @Test
  void traceConfigAndDefaultKindSettingsBecomeProperties() {
    OpenInferenceOtelBuilder builder =
        builder("OPENINFERENCE_HIDE_OUTPUTS", "true", "OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT", "LLM")
            .setTraceConfig(TraceConfig.builder().setHideInputs(true).setHideOutputs(false).build())
            .setDefaultSpanKind(null);
    ConfigProperties config = resolved(builder);
    TraceConfig masking = TraceConfig.fromConfigProperties(config);
    assertThat(masking.hideInputs()).isTrue();
    assertThat(masking.hideOutputs()).isFalse();
    assertThat(OpenInferenceConfiguration.fromConfigProperties(config).getDefaultSpanKind())
        .isNull();
    // Unset in code, the environment decides each field on its own.
    assertThat(
            TraceConfig.fromConfigProperties(
                    resolved(builder("OPENINFERENCE_HIDE_OUTPUTS", "TRUE")))
                .hideOutputs())
        .isTrue();
  }

  // Spans here are read at start and never ended, so nothing is sent to the default endpoint.
  @Test
  void processLevelValuesComeFromTheOtelOpenInferenceVariables() {
    try (OpenTelemetrySdk sdk =
        builder(
                "OTEL_OPENINFERENCE_SESSION_ID", "batch-job-7",
                "OTEL_OPENINFERENCE_USER_ID", "system",
                "OTEL_OPENINFERENCE_TAGS", "nightly,batch",
                "OTEL_OPENINFERENCE_METADATA", "team=search,note=😀%20ok")
            .setDefaultSpanKind(OpenInferenceSpanKind.AGENT)
            .build()) {
      ReadableSpan span = (ReadableSpan) sdk.getTracer("t").spanBuilder("job").startSpan();
      assertThat(span.getAttribute(SESSION_ID)).isEqualTo("batch-job-7");
      assertThat(span.getAttribute(USER_ID)).isEqualTo("system");
      assertThat(span.getAttribute(TAG_TAGS)).containsExactly("nightly", "batch");
      assertThat(span.getAttribute(METADATA)).isEqualTo("{\"team\":\"search\",\"note\":\"😀 ok\"}");
      assertThat(span.getAttribute(OPENINFERENCE_SPAN_KIND)).isEqualTo("AGENT");
    }
  }

  @Test
  void theOpenInferenceProcessorRunsFirstTheExporterIsWrappedAndLogsReachTheBridge() {
    try (OpenTelemetrySdk sdk = builder().build()) {
      String provider = sdk.getSdkTracerProvider().toString();
      assertThat(provider.indexOf("OpenInferenceSpanProcessor"))
          .isNotNegative()
          .isLessThan(provider.indexOf("BatchSpanProcessor"));
      assertThat(provider)
          .contains("OpenInferenceSpanExporter{delegate=OtlpHttpSpanExporter")
          .contains("endpoint=http://localhost:6006/v1/traces");
      assertThat(sdk.getSdkMeterProvider().toString()).doesNotContain("PeriodicMetricReader");
      assertThat(sdk.getSdkLoggerProvider().toString()).doesNotContain("BatchLogRecordProcessor");
    }
  }

  @Test
  void otelOpenInferenceEnabledFalseInstallsNothing() {
    try (OpenTelemetrySdk sdk =
        builder("OTEL_OPENINFERENCE_ENABLED", "false", "OTEL_OPENINFERENCE_SESSION_ID", "s")
            .build()) {
      assertThat(sdk.getSdkTracerProvider().toString())
          .doesNotContain("OpenInferenceSpanProcessor")
          .doesNotContain("OpenInferenceSpanExporter");
      ReadableSpan span = (ReadableSpan) sdk.getTracer("t").spanBuilder("job").startSpan();
      assertThat(span.getAttribute(SESSION_ID)).isNull();
    }
  }

  @Test
  void theSamplerVariablesWork() {
    try (OpenTelemetrySdk sdk = builder("OTEL_TRACES_SAMPLER", "always_off").build()) {
      assertThat(sdk.getTracer("t").spanBuilder("dropped").startSpan().isRecording()).isFalse();
    }
  }

  @Test
  void aConfigurationTheSdkRejectsIsNamedAndGivesANoopSdk() {
    try (LogCapture log = LogCapture.of(OpenInferenceOtelBuilder.class);
        OpenTelemetrySdk sdk = builder("OTEL_TRACES_SAMPLER", "carrier-pigeon").build()) {
      assertThat(sdk.getTracer("t").spanBuilder("s").startSpan().isRecording()).isFalse();
      assertThat(log.messages())
          .anySatisfy(m -> assertThat(m).contains("rejected").contains("carrier-pigeon"));
    }
  }

  @Test
  void unusableValuesAreSkippedWithAWarning() {
    try (LogCapture log = LogCapture.of(OtlpProperties.class);
        LogCapture values = LogCapture.of(ConfigValues.class);
        OpenTelemetrySdk sdk =
            builder("PHOENIX_GRPC_PORT", "port", "OPENINFERENCE_HIDE_INPUTS", "maybe")
                .setProtocol("http/json")
                .build()) {
      // An invalid endpoint is not skipped but stops export: InvalidEndpointTest.
      assertThat(sdk.getSdkTracerProvider().toString())
          .contains("OpenInferenceSpanProcessor")
          .contains("localhost:6006/v1/traces");
      assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("http/json"));
      assertThat(values.messages()).anySatisfy(m -> assertThat(m).contains("maybe"));
    }
  }

  @Test
  void theShutdownHookAfterTheApplicationClosedTheSdkIsSilent() {
    try (LogCapture log = LogCapture.of(OpenTelemetrySdk.class)) {
      OpenTelemetrySdk sdk = builder().build();
      sdk.close();
      // What the hook that setRegisterShutdownHook(true) registers runs at JVM exit.
      OpenInferenceOtelBuilder.closeQuietly(sdk);
      assertThat(log.messages()).isEmpty();
      // Without it, the SDK says so: the test can fail.
      sdk.close();
      assertThat(log.messages()).containsExactly("Multiple shutdown calls");
    }
  }

  @Test
  void setGlobalRegistersTheSdkAndASecondRegistrationOnlyWarns() {
    try (LogCapture log = LogCapture.of(OpenInferenceOtelBuilder.class);
        OpenTelemetrySdk first = builder().setGlobal(true).build();
        OpenTelemetrySdk second = builder().setGlobal(true).build()) {
      assertThat(GlobalOpenTelemetry.getTracerProvider().toString())
          .isEqualTo(first.getTracerProvider().toString());
      assertThat(second).isNotNull();
      assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("already set"));
    }
  }

  @Test
  void toStringShowsSettingsButNotSecrets() {
    String text =
        builder()
            .setProjectName("p")
            .setApiKey("super-secret")
            .addHeader("x-token", "also-secret")
            .toString();
    assertThat(text).contains("projectName=p", "x-token", "apiKey=****");
    assertThat(text).doesNotContain("super-secret", "also-secret");
  }

  private static String project(OpenInferenceOtelBuilder builder) {
    ConfigProperties config = resolved(builder);
    return OpenInferenceConfiguration.projectName(config::getString);
  }

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
