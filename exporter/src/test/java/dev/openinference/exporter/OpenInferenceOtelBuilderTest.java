/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The environment fallbacks of OpenInferenceOtelBuilder, read from a map, never the process. */
class OpenInferenceOtelBuilderTest {

  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  private static OpenInferenceOtelBuilder builder(String... environment) {
    return OpenInferenceOtel.builder().setEnvironment(env(environment));
  }

  @Test
  void headersComeFromEveryHeaderVariableLowerCasedAndDecoded() {
    assertThat(builder("OTEL_EXPORTER_OTLP_HEADERS", "X-One=1,X-Both=otlp").resolveHeaders())
        .containsExactly(entry("x-one", "1"), entry("x-both", "otlp"));
    assertThat(builder("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-traces=a%20b").resolveHeaders())
        .containsExactly(entry("x-traces", "a b"));
    assertThat(builder("PHOENIX_CLIENT_HEADERS", "api_key=k%3D1").resolveHeaders())
        .containsExactly(entry("api_key", "k=1"));
    assertThat(builder("PHOENIX_API_KEY", "secret").resolveHeaders())
        .containsExactly(entry("authorization", "Bearer secret"));
  }

  @Test
  void laterHeaderSourcesWinAndSettingsWinOverTheEnvironment() {
    OpenInferenceOtelBuilder builder =
        builder(
            "OTEL_EXPORTER_OTLP_HEADERS", "x-a=otlp,x-b=otlp,x-c=otlp,authorization=Basic abc",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-b=traces,x-c=traces",
            "PHOENIX_CLIENT_HEADERS", "x-c=phoenix",
            "PHOENIX_API_KEY", "env-key");
    assertThat(builder.resolveHeaders())
        .containsEntry("x-a", "otlp")
        .containsEntry("x-b", "traces")
        .containsEntry("x-c", "phoenix")
        .containsEntry("authorization", "Bearer env-key");

    builder.addHeader("X-C", "code").addHeader("Authorization", "Token t");
    assertThat(builder.resolveHeaders())
        .containsEntry("x-c", "code")
        .containsEntry("authorization", "Token t");

    builder.setApiKey("code-key");
    assertThat(builder.resolveHeaders()).containsEntry("authorization", "Bearer code-key");
  }

  @Test
  void badHeaderSettingsAreIgnored() {
    assertThat(
            builder()
                .addHeader(null, "v")
                .addHeader(" ", "v")
                .addHeader("x", null)
                .setApiKey("  ")
                .resolveHeaders())
        .isEmpty();
  }

  @Test
  void projectNameComesFromTheSettingThenPhoenixVariablesThenTheResourceThenDefault() {
    assertThat(project(builder())).isEqualTo("default");
    assertThat(project(builder("OTEL_RESOURCE_ATTRIBUTES", "openinference.project.name=res")))
        .isEqualTo("res");
    assertThat(
            project(
                builder(
                    "PHOENIX_PROJECT_NAME", "alias",
                    "OTEL_RESOURCE_ATTRIBUTES", "openinference.project.name=res")))
        .isEqualTo("alias");
    assertThat(project(builder("PHOENIX_PROJECT", "canonical", "PHOENIX_PROJECT_NAME", "alias")))
        .isEqualTo("canonical");
    assertThat(project(builder("PHOENIX_PROJECT_NAME", "alias").setProjectName("code")))
        .isEqualTo("code");
    assertThat(project(builder("PHOENIX_PROJECT_NAME", "alias").setProjectName("  ")))
        .isEqualTo("alias");
  }

  @Test
  void resourceMergesTheDefaultTheEnvironmentAndTheProject() {
    Resource resource =
        builder(
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod,service.name=ignored",
                "OTEL_SERVICE_NAME", "support-bot",
                "PHOENIX_PROJECT_NAME", "bots")
            .resolveResource();
    assertThat(resource.getAttribute(stringKey("service.name"))).isEqualTo("support-bot");
    assertThat(resource.getAttribute(stringKey("deployment.environment.name"))).isEqualTo("prod");
    assertThat(resource.getAttribute(stringKey("telemetry.sdk.language"))).isEqualTo("java");
    assertThat(resource.getAttribute(PROJECT_NAME)).isEqualTo("bots");
  }

  @Test
  void anExplicitResourceReplacesTheDefaultsButGetsTheProject() {
    Resource resource =
        builder("OTEL_SERVICE_NAME", "from-env")
            .setResource(Resource.create(Attributes.of(stringKey("service.name"), "mine")))
            .setProjectName("p")
            .resolveResource();
    assertThat(resource.getAttributes().asMap())
        .containsOnly(entry(stringKey("service.name"), "mine"), entry(PROJECT_NAME, "p"));
  }

  @Test
  void defaultSpanKindComesFromTheSettingThenTheEnvironmentThenChain() {
    assertThat(builder().resolveDefaultSpanKind()).isEqualTo(OpenInferenceSpanKind.CHAIN);
    assertThat(builder("OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT", "agent").resolveDefaultSpanKind())
        .isEqualTo(OpenInferenceSpanKind.AGENT);
    assertThat(builder("OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT", "NONE").resolveDefaultSpanKind())
        .isNull();
    assertThat(builder("OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT", "bogus").resolveDefaultSpanKind())
        .isEqualTo(OpenInferenceSpanKind.CHAIN);
    assertThat(
            builder("OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT", "AGENT")
                .setDefaultSpanKind(null)
                .resolveDefaultSpanKind())
        .isNull();
  }

  // Spans here are read at start and never ended, so nothing is sent to the default endpoint.
  @Test
  void processLevelValuesComeFromTheOtelOpenInferenceVariables() {
    try (OpenTelemetrySdk sdk =
        builder(
                "OTEL_OPENINFERENCE_SESSION_ID", "batch-job-7",
                "OTEL_OPENINFERENCE_USER_ID", "system",
                "OTEL_OPENINFERENCE_TAGS", "nightly,batch",
                "OTEL_OPENINFERENCE_METADATA", "team=search")
            .setRegisterShutdownHook(false)
            .setDefaultSpanKind(OpenInferenceSpanKind.AGENT)
            .build()) {
      ReadableSpan span = (ReadableSpan) sdk.getTracer("t").spanBuilder("job").startSpan();
      assertThat(span.getAttribute(SESSION_ID)).isEqualTo("batch-job-7");
      assertThat(span.getAttribute(USER_ID)).isEqualTo("system");
      assertThat(span.getAttribute(TAG_TAGS)).containsExactly("nightly", "batch");
      assertThat(span.getAttribute(METADATA)).isEqualTo("{\"team\":\"search\"}");
      // The processor got the same default kind as the exporter.
      assertThat(span.getAttribute(OPENINFERENCE_SPAN_KIND)).isEqualTo("AGENT");
    }
  }

  @Test
  void otelOpenInferenceEnabledFalseLeavesTheProcessorOut() {
    try (OpenTelemetrySdk sdk =
        builder("OTEL_OPENINFERENCE_ENABLED", "false", "OTEL_OPENINFERENCE_SESSION_ID", "s")
            .setRegisterShutdownHook(false)
            .build()) {
      assertThat(sdk.getSdkTracerProvider().toString())
          .doesNotContain("OpenInferenceSpanProcessor")
          .contains("OpenInferenceSpanExporter");
      ReadableSpan span = (ReadableSpan) sdk.getTracer("t").spanBuilder("job").startSpan();
      assertThat(span.getAttribute(SESSION_ID)).isNull();
    }
  }

  @Test
  void otelOpenInferenceProjectNameComesBeforeThePhoenixVariables() {
    assertThat(
            project(
                builder(
                    "OTEL_OPENINFERENCE_PROJECT_NAME", "otel",
                    "PHOENIX_PROJECT", "canonical")))
        .isEqualTo("otel");
  }

  @Test
  void traceConfigComesFromTheSettingElseTheOpenInferenceVariables() {
    assertThat(builder("OPENINFERENCE_HIDE_OUTPUTS", "true").resolveTraceConfig().hideOutputs())
        .isTrue();
    TraceConfig explicit = TraceConfig.builder().setHideInputs(true).build();
    assertThat(
            builder("OPENINFERENCE_HIDE_OUTPUTS", "true")
                .setTraceConfig(explicit)
                .resolveTraceConfig())
        .isEqualTo(explicit);
  }

  @Test
  void endpointAndProtocolComeFromTheEnvironmentUnlessSet() {
    assertThat(builder("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006").resolveTarget().getEndpoint())
        .isEqualTo("http://phoenix:6006/v1/traces");
    assertThat(
            builder("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:6006")
                .setProtocol("grpc")
                .resolveTarget()
                .getEndpoint())
        .isEqualTo("http://phoenix:4317");
    assertThat(
            builder("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
                .setEndpoint("http://collector:9999")
                .resolveTarget()
                .isGrpc())
        .isTrue();
    assertThat(builder().setProtocol("http/json").setProtocol("grpc").resolveTarget().isGrpc())
        .isTrue();
  }

  @Test
  void buildNeverThrowsOnGarbage() {
    try (OpenTelemetrySdk sdk =
        builder(
                "PHOENIX_COLLECTOR_ENDPOINT", "::not a url::",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon",
                "OTEL_EXPORTER_OTLP_HEADERS", "=,,novalue",
                "PHOENIX_GRPC_PORT", "port",
                "OTEL_RESOURCE_ATTRIBUTES", "=x",
                "OPENINFERENCE_HIDE_INPUTS", "maybe")
            .setRegisterShutdownHook(false)
            .build()) {
      assertThat(sdk.getSdkTracerProvider().toString())
          .contains("OpenInferenceSpanProcessor")
          .contains("OpenInferenceSpanExporter")
          .contains("localhost:6006/v1/traces");
    }
  }

  @Test
  void theOpenInferenceProcessorRunsFirstAndTheExporterIsWrapped() {
    try (OpenTelemetrySdk sdk = builder().setRegisterShutdownHook(false).build()) {
      String provider = sdk.getSdkTracerProvider().toString();
      assertThat(provider.indexOf("OpenInferenceSpanProcessor"))
          .isNotNegative()
          .isLessThan(provider.indexOf("BatchSpanProcessor"));
      assertThat(provider).contains("OpenInferenceSpanExporter{delegate=OtlpHttpSpanExporter");
    }
  }

  @Test
  void setGlobalRegistersTheSdkAndASecondRegistrationOnlyWarns() {
    try (OpenTelemetrySdk first = builder().setRegisterShutdownHook(false).setGlobal(true).build();
        OpenTelemetrySdk second =
            builder().setRegisterShutdownHook(false).setGlobal(true).build()) {
      assertThat(GlobalOpenTelemetry.getTracerProvider().toString())
          .isEqualTo(first.getTracerProvider().toString());
      assertThat(second).isNotNull();
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
    return builder.resolveResource().getAttribute(PROJECT_NAME);
  }

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
