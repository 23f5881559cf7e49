/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code openinference} component of declarative configuration, end to end: a YAML file named
 * by {@code otel.config.file}, {@code AutoConfiguredOpenTelemetrySdk}, the real OTLP/HTTP exporter
 * and the loopback receiver.
 *
 * <p>Runs in its own surefire execution on the OTel 1.65 stack (see the module pom): the
 * declarative-config artifact reachable here is 1.65.0-alpha.
 */
class DeclarativeConfigTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String CONFIG_FILE = "otel.config.file";
  private static final String ENABLED = "otel.openinference.enabled";
  private static final String TURNS_ENABLED = "otel.openinference.turns.enabled";

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @TempDir Path dir;

  /** The YAML of a configuration with these span processors, exporting to the receiver. */
  private static String config(String processors) {
    return "file_format: \"1.1\"\n"
        + "resource:\n"
        + "  attributes:\n"
        + "    - name: service.name\n"
        + "      value: declarative-config-test\n"
        + "    - name: openinference.project.name\n"
        + "      value: yaml-project\n"
        + "propagator:\n"
        + "  composite:\n"
        + "    - tracecontext:\n"
        + "    - baggage:\n"
        + "tracer_provider:\n"
        + "  processors:\n"
        + processors.replace("ENDPOINT", otlp.getHttpTracesEndpoint());
  }

  private static final String BATCH_EXPORT =
      "    - batch:\n"
          + "        schedule_delay: 50\n"
          + "        exporter:\n"
          + "          otlp_http:\n"
          + "            endpoint: ENDPOINT\n";

  /** Starts the SDK the way an application does: {@code -Dotel.config.file=...}. */
  private AutoConfiguredOpenTelemetrySdk start(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "otel", ".yaml");
    Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
    String previous = System.setProperty(CONFIG_FILE, file.toString());
    try {
      return AutoConfiguredOpenTelemetrySdk.builder().build();
    } finally {
      restore(CONFIG_FILE, previous);
    }
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }

  private static void flushAndClose(AutoConfiguredOpenTelemetrySdk sdk) {
    OpenTelemetrySdk openTelemetry = sdk.getOpenTelemetrySdk();
    try {
      if (!openTelemetry
          .getSdkTracerProvider()
          .forceFlush()
          .join(10, TimeUnit.SECONDS)
          .isSuccess()) {
        throw new AssertionError("The SDK could not flush to the receiver");
      }
    } finally {
      openTelemetry.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static SpanData byName(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No span " + name + " in " + spans));
  }

  @Test
  void listedEntryTakesItsSettingsFromTheFile() throws IOException {
    AutoConfiguredOpenTelemetrySdk sdk =
        start(
            config(
                "    - openinference:\n"
                    + "        session_id: nightly-run\n"
                    + "        user_id: batch-user\n"
                    + "        tags: [nightly, eval]\n"
                    + "        metadata:\n"
                    + "          team: ml\n"
                    + "          run: \"7\"\n"
                    + "        span_kind_default: AGENT\n"
                    + "    - simple:\n"
                    + "        exporter:\n"
                    + "          otlp_http:\n"
                    + "            endpoint: ENDPOINT\n"));
    try {
      Tracer tracer = sdk.getOpenTelemetrySdk().getTracer("test");
      tracer.spanBuilder("unscoped").startSpan().end();
      try (Scope session = OpenInference.usingSession("interactive")) {
        tracer.spanBuilder("scoped").startSpan().end();
      }
    } finally {
      flushAndClose(sdk);
    }

    List<SpanData> spans = otlp.awaitSpans(2, TIMEOUT);
    assertThat(byName(spans, "unscoped"))
        .hasAttribute(SESSION_ID, "nightly-run")
        .hasAttribute(USER_ID, "batch-user")
        .hasAttribute(TAG_TAGS, List.of("nightly", "eval"))
        .hasAttribute(METADATA, "{\"run\":\"7\",\"team\":\"ml\"}")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT");
    assertThat(byName(spans, "scoped"))
        .hasAttribute(SESSION_ID, "interactive")
        .hasAttribute(USER_ID, "batch-user")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT");
    assertThat(byName(spans, "scoped").getResource().getAttribute(PROJECT_NAME))
        .isEqualTo("yaml-project");
  }

  @Test
  void processorIsAddedFirstWhenTheFileDoesNotListIt() throws IOException {
    AutoConfiguredOpenTelemetrySdk sdk = start(config(BATCH_EXPORT));
    String processors = Autoconfigure.processorsInOrder(sdk);
    try {
      Tracer tracer = sdk.getOpenTelemetrySdk().getTracer("test");
      try (Scope session = OpenInference.usingSession("session-1");
          Scope user = OpenInference.usingUser("user-1")) {
        tracer.spanBuilder("scoped").startSpan().end();
      }
      tracer.spanBuilder("unscoped").startSpan().end();
    } finally {
      flushAndClose(sdk);
    }

    assertThat(count(processors, "OpenInferenceSpanProcessor")).isEqualTo(1);
    assertThat(processors.indexOf("OpenInferenceSpanProcessor"))
        .isLessThan(processors.indexOf("BatchSpanProcessor"));
    List<SpanData> spans = otlp.awaitSpans(2, TIMEOUT);
    assertThat(byName(spans, "scoped"))
        .hasAttribute(SESSION_ID, "session-1")
        .hasAttribute(USER_ID, "user-1")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    assertThat(byName(spans, "unscoped").getAttributes().get(SESSION_ID)).isNull();
  }

  @Test
  void entryListedByTheUserStaysWhereItIsAndIsNotAddedTwice() throws IOException {
    AutoConfiguredOpenTelemetrySdk sdk =
        start(
            config(
                BATCH_EXPORT
                    + "    - openinference:\n"
                    + "        session_id: listed-last\n"
                    + "        tags: \"late, listed\"\n"
                    + "        metadata: \"position=last,note=a%2Cb\"\n"
                    + "        span_kind_default: none\n"));
    String processors = Autoconfigure.processorsInOrder(sdk);
    try {
      sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
    } finally {
      flushAndClose(sdk);
    }

    assertThat(count(processors, "OpenInferenceSpanProcessor")).isEqualTo(1);
    assertThat(processors.indexOf("BatchSpanProcessor"))
        .isLessThan(processors.indexOf("OpenInferenceSpanProcessor"));
    // The batch processor exports at end, so values stamped at start by a later processor arrive.
    SpanData span = otlp.awaitSpans(1, TIMEOUT).get(0);
    assertThat(span)
        .hasAttribute(SESSION_ID, "listed-last")
        .hasAttribute(TAG_TAGS, List.of("late", "listed"))
        .hasAttribute(METADATA, "{\"position\":\"last\",\"note\":\"a,b\"}");
    assertThat(span.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isNull();
  }

  @Test
  void systemPropertyTurnsItOffListedOrNot() throws IOException {
    String previous = System.setProperty(ENABLED, "false");
    AutoConfiguredOpenTelemetrySdk listed;
    AutoConfiguredOpenTelemetrySdk notListed;
    try {
      listed =
          start(
              config("    - openinference:\n        session_id: process-session\n" + BATCH_EXPORT));
      notListed = start(config(BATCH_EXPORT));
    } finally {
      restore(ENABLED, previous);
    }
    List<String> processors = new ArrayList<>();
    for (AutoConfiguredOpenTelemetrySdk sdk : List.of(listed, notListed)) {
      processors.add(Autoconfigure.processorsInOrder(sdk));
      try {
        try (Scope session = OpenInference.usingSession("scoped-session")) {
          sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
        }
      } finally {
        flushAndClose(sdk);
      }
    }

    assertThat(processors).noneMatch(p -> p.contains("OpenInferenceSpanProcessor"));
    for (SpanData span : otlp.awaitSpans(2, TIMEOUT)) {
      assertThat(span.getAttributes().get(SESSION_ID)).isNull();
      assertThat(span.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isNull();
    }
  }

  @Test
  void enabledFalseInTheEntryTurnsItOff() throws IOException {
    AutoConfiguredOpenTelemetrySdk sdk =
        start(config("    - openinference:\n        enabled: false\n" + BATCH_EXPORT));
    String processors = Autoconfigure.processorsInOrder(sdk);
    try {
      try (Scope session = OpenInference.usingSession("scoped-session")) {
        sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
      }
    } finally {
      flushAndClose(sdk);
    }

    assertThat(processors).doesNotContain("OpenInferenceSpanProcessor");
    assertThat(otlp.awaitSpans(1, TIMEOUT).get(0).getAttributes().get(SESSION_ID)).isNull();
  }

  @Test
  void badValuesAreNamedInAWarningAndTheSdkStillStarts() throws IOException {
    AutoConfiguredOpenTelemetrySdk sdk;
    List<String> warnings;
    try (WarningCapture capture = new WarningCapture("dev.openinference")) {
      sdk =
          start(
              config(
                  "    - openinference:\n"
                      + "        span_kind_default: WIZARD\n"
                      + "        sessionId: camel-case\n"
                      + "        tags: {not: a-list}\n"
                      + "        metadata: {kept: value, nested: {not: a-string}}\n"
                      + BATCH_EXPORT));
      warnings = capture.records();
    }
    try {
      try (Scope session = OpenInference.usingSession("still-works")) {
        sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
      }
    } finally {
      flushAndClose(sdk);
    }

    assertThat(warnings)
        .anyMatch(w -> w.startsWith("WARNING") && w.contains("span_kind_default=\"WIZARD\""))
        .anyMatch(w -> w.startsWith("WARNING") && w.contains("unknown key \"sessionId\""))
        .anyMatch(w -> w.startsWith("WARNING") && w.contains("openinference.tags is not a list"))
        .anyMatch(w -> w.startsWith("WARNING") && w.contains("metadata.nested is not a string"));
    SpanData span = otlp.awaitSpans(1, TIMEOUT).get(0);
    assertThat(span)
        .hasAttribute(SESSION_ID, "still-works")
        .hasAttribute(METADATA, "{\"kept\":\"value\"}")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    assertThat(span.getAttributes().get(TAG_TAGS)).isNull();
  }

  @Test
  void turnRootsAreFilledUnlessTheSystemPropertyTurnsItOff() throws IOException {
    AutoConfiguredOpenTelemetrySdk filling = start(config(BATCH_EXPORT));
    String previous = System.setProperty(TURNS_ENABLED, "false");
    AutoConfiguredOpenTelemetrySdk notFilling;
    try {
      notFilling = start(config(BATCH_EXPORT));
    } finally {
      restore(TURNS_ENABLED, previous);
    }
    for (AutoConfiguredOpenTelemetrySdk sdk : List.of(filling, notFilling)) {
      Tracer tracer = sdk.getOpenTelemetrySdk().getTracer("test");
      Span root = tracer.spanBuilder(sdk == filling ? "filled" : "not filled").startSpan();
      try (Scope current = root.makeCurrent()) {
        tracer
            .spanBuilder("agent")
            .setAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
            .setAttribute(INPUT_VALUE, "question")
            .startSpan()
            .end();
      } finally {
        root.end();
      }
      flushAndClose(sdk);
    }

    List<SpanData> spans = otlp.awaitSpans(4, TIMEOUT);
    assertThat(byName(spans, "filled")).hasAttribute(INPUT_VALUE, "question");
    assertThat(byName(spans, "not filled").getAttributes().get(INPUT_VALUE)).isNull();
  }
}
