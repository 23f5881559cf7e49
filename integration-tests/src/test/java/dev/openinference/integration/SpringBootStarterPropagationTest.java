/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The OTel Spring Boot starter installs the {@code openinference} propagator from the README's
 * configuration snippet (as Spring properties, the key beside them as the environment would give
 * it): a value injected inside a CLIENT span to an allow-listed host is extracted, verified and
 * stamped on the receiving side's spans. One application plays both services (same key, same
 * settings, as the README's step-by-step has them).
 */
class SpringBootStarterPropagationTest {

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<Map<String, String>>() {
        @Override
        @SuppressWarnings("deprecation") // deprecated, yet abstract: every getter implements it
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @SpringBootApplication
  static class App {}

  @Test
  void theStarterPropagatesTheSessionWithTheReadmeConfiguration() throws Exception {
    Properties readme = new Properties();
    readme.load(new StringReader(CrossServiceSessionsReadmeTest.CONFIGURATION));
    Map<String, String> headers = new HashMap<>();
    String propagatorDescription;
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties(readme)
            .run(
                "--otel.service.name=spring-propagation-test",
                "--otel.traces.exporter=otlp",
                "--otel.exporter.otlp.traces.protocol=http/protobuf",
                "--otel.exporter.otlp.traces.endpoint=" + otlp.getHttpTracesEndpoint(),
                "--otel.metrics.exporter=none",
                "--otel.logs.exporter=none",
                "--otel.instrumentation.common.default-enabled=false",
                "--otel.openinference.propagation.key=" + CrossServiceSessionsReadmeTest.KEY)) {
      OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
      TextMapPropagator propagator = openTelemetry.getPropagators().getTextMapPropagator();
      propagatorDescription = propagator.toString();
      Tracer tracer = openTelemetry.getTracer("test");

      try (Scope s = OpenInference.usingSession("spring-session");
          Scope u = OpenInference.usingUser("spring-user")) {
        Span client =
            tracer
                .spanBuilder("GET")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("server.address", "127.0.0.1")
                .setAttribute("server.port", 8080L)
                .startSpan();
        try (Scope current = client.makeCurrent()) {
          propagator.inject(Context.current(), headers, Map::put);
        } finally {
          client.end();
        }
      }
      // The receiving side: an empty context, only the headers.
      Context extracted = propagator.extract(Context.root(), headers, GETTER);
      Span server =
          tracer
              .spanBuilder("GET /tool")
              .setSpanKind(SpanKind.SERVER)
              .setParent(extracted)
              .startSpan();
      try (Scope current = extracted.with(server).makeCurrent()) {
        tracer.spanBuilder("tool.run").startSpan().end();
      } finally {
        server.end();
      }
      assertThat(
              ((OpenTelemetrySdk) openTelemetry)
                  .getSdkTracerProvider()
                  .forceFlush()
                  .join(10, TimeUnit.SECONDS)
                  .isSuccess())
          .isTrue();
    }

    assertThat(propagatorDescription).contains("OpenInferencePropagator");
    assertThat(headers.get("openinference")).startsWith("v=1;t=");
    List<SpanData> spans = otlp.awaitSpans(3, Duration.ofSeconds(10));
    for (String name : List.of("GET /tool", "tool.run")) {
      SpanData span =
          spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
      assertThat(span)
          .hasAttribute(SESSION_ID, "spring-session")
          .hasAttribute(USER_ID, "spring-user");
    }
  }
}
