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
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's declarative-configuration block for the {@code openinference} propagator, as written
 * (its lines are matched against this file by {@link ReadmeSnippetsTest}) but for the key, which a
 * deployment substitutes from the environment: the file's propagator signs, sends to the allowed
 * host, verifies and the receiving side's spans carry the session.
 *
 * <p>Runs in the declarative-config surefire execution (OTel 1.65 stack, see the module pom).
 */
class DeclarativeConfigPropagationReadmeTest {

  private static final String README_PROPAGATOR =
      """
      propagator:
        composite:
          - tracecontext:
          - baggage:
          - openinference:
              key: ${OTEL_OPENINFERENCE_PROPAGATION_KEY}
              destinations: [127.0.0.1, "*.internal.example.com"]
              fields: [session.id, user.id]
              max_age: 300000            # milliseconds
      """;

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

  @TempDir Path dir;

  @Test
  void theReadmePropagatorCarriesTheSessionToTheAllowedHost() throws Exception {
    String yaml =
        "file_format: \"" + fileFormat() + "\"\n"
            + README_PROPAGATOR.replace(
                "${OTEL_OPENINFERENCE_PROPAGATION_KEY}", CrossServiceSessionsReadmeTest.KEY)
            + "tracer_provider:\n"
            + "  processors:\n"
            + "    - simple:\n"
            + "        exporter:\n"
            + "          otlp_http:\n"
            + "            endpoint: " + otlp.getHttpTracesEndpoint() + "\n";
    Path file = dir.resolve("otel.yaml");
    Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
    String previous = System.setProperty("otel.config.file", file.toString());
    OpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder().disableShutdownHook().build().getOpenTelemetrySdk();
    } finally {
      if (previous == null) {
        System.clearProperty("otel.config.file");
      } else {
        System.setProperty("otel.config.file", previous);
      }
    }
    Map<String, String> headers = new HashMap<>();
    String description;
    try {
      TextMapPropagator propagator = sdk.getPropagators().getTextMapPropagator();
      description = propagator.toString();
      Tracer tracer = sdk.getTracer("test");
      try (Scope s = OpenInference.usingSession("yaml-session");
          Scope u = OpenInference.usingUser("yaml-user")) {
        Span client =
            tracer
                .spanBuilder("GET")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("server.address", "127.0.0.1")
                .startSpan();
        try (Scope current = client.makeCurrent()) {
          propagator.inject(Context.current(), headers, Map::put);
        } finally {
          client.end();
        }
      }
      Context extracted = propagator.extract(Context.root(), headers, GETTER);
      Span server =
          tracer.spanBuilder("GET /tool").setSpanKind(SpanKind.SERVER).setParent(extracted).startSpan();
      try (Scope current = extracted.with(server).makeCurrent()) {
        tracer.spanBuilder("tool.run").startSpan().end();
      } finally {
        server.end();
      }
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    } finally {
      sdk.close();
    }

    assertThat(description)
        .contains("OpenInferencePropagator{fields=session.id,user.id")
        .contains("destinations=[127.0.0.1, *.internal.example.com]")
        .contains("keys=1, maxAge=300s")
        .doesNotContain(CrossServiceSessionsReadmeTest.KEY);
    assertThat(headers.get("openinference")).startsWith("v=1;t=");
    List<SpanData> spans = otlp.awaitSpans(3, Duration.ofSeconds(10));
    for (String name : List.of("GET /tool", "tool.run")) {
      SpanData span = spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
      assertThat(span).hasAttribute(SESSION_ID, "yaml-session").hasAttribute(USER_ID, "yaml-user");
    }
  }

  /** The file format of the declarative-config artifact on the class path. */
  private static String fileFormat() {
    Package p = AutoConfiguredOpenTelemetrySdk.class.getPackage();
    String version = p == null ? null : p.getImplementationVersion();
    return version != null && version.startsWith("1.65") ? "1.1" : "1.2";
  }
}
