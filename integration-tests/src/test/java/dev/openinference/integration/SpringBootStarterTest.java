/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The OTel Spring Boot starter applies our autoconfigure provider: with the processor jar on the
 * class path, a Spring Boot application's {@link OpenTelemetry} bean stamps OpenInference values
 * and takes {@code otel.openinference.*} from Spring's configuration.
 *
 * <p>Runs in its own surefire execution with the OTel versions the starter was built with (see the
 * module pom).
 */
class SpringBootStarterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @SpringBootApplication
  static class App {}

  @Test
  void starterSdkStampsScopedAndConfiguredValues() {
    String processors;
    // Command-line arguments outrank environment variables, so the machine's OTEL_* do not count.
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .run(
                "--otel.service.name=spring-starter-test",
                "--otel.traces.exporter=otlp",
                "--otel.exporter.otlp.traces.protocol=http/protobuf",
                "--otel.exporter.otlp.traces.endpoint=" + otlp.getHttpTracesEndpoint(),
                "--otel.metrics.exporter=none",
                "--otel.logs.exporter=none",
                "--otel.propagators=tracecontext,baggage",
                "--otel.instrumentation.common.default-enabled=false",
                "--otel.openinference.user.id=configured-user",
                "--otel.openinference.project.name=spring-project")) {
      OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
      assertThat(openTelemetry).isInstanceOf(OpenTelemetrySdk.class);
      OpenTelemetrySdk sdk = (OpenTelemetrySdk) openTelemetry;
      processors = sdk.getSdkTracerProvider().toString();

      Tracer tracer = openTelemetry.getTracer("test");
      try (Scope session = OpenInference.usingSession("spring-session")) {
        tracer.spanBuilder("handle-chat").startSpan().end();
      }
      tracer.spanBuilder("unscoped").startSpan().end();
      assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
          .isTrue();
    }

    assertThat(processors).contains("OpenInferenceSpanProcessor");
    List<SpanData> spans = otlp.awaitSpans(2, TIMEOUT);
    SpanData scoped =
        spans.stream().filter(span -> span.getName().equals("handle-chat")).findFirst().get();
    SpanData unscoped =
        spans.stream().filter(span -> span.getName().equals("unscoped")).findFirst().get();
    assertThat(scoped)
        .hasAttribute(SESSION_ID, "spring-session")
        .hasAttribute(USER_ID, "configured-user")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    assertThat(unscoped).hasAttribute(USER_ID, "configured-user");
    assertThat(unscoped.getAttributes().get(SESSION_ID)).isNull();
    assertThat(scoped.getResource().getAttribute(PROJECT_NAME)).isEqualTo("spring-project");
  }
}
