/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.ContextAttributes;
import dev.openinference.context.OpenInference;
import dev.openinference.exporter.OpenInferenceOtel;
import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the README's set-up and context snippets as written (their lines are matched against this
 * file by {@link ReadmeSnippetsTest}), with spans going to the loopback receiver.
 */
class ReadmeQuickSnippetsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  /** What the README's first snippet wraps: something that answers and starts spans. */
  interface Agent {
    String answer(String question);
  }

  private Tracer tracer;

  private OpenTelemetrySdk unbatched() {
    return OpenInferenceOtel.builder()
        .setEndpoint(otlp.getHttpTracesEndpoint())
        .setBatch(false)
        .setGlobal(false)
        .build();
  }

  static String answer(Agent agent, String conversationId, String userId, String question) {
    try (Scope session = OpenInference.usingSession(conversationId);
        Scope user = OpenInference.usingUser(userId)) {
      return agent.answer(question); // every span in here carries session.id and user.id
    }
  }

  @Test
  void introSnippetStampsTheSessionAndUserOnEverySpanInside() {
    try (OpenTelemetrySdk sdk = unbatched()) {
      Tracer agentTracer = sdk.getTracer("agent");
      String reply =
          answer(
              question -> {
                agentTracer.spanBuilder("agent").startSpan().end();
                return "hello";
              },
              "conversation-7",
              "bob",
              "hi");
      assertThat(reply).isEqualTo("hello");
    }
    assertThat(otlp.awaitSpans(1, WAIT))
        .singleElement()
        .satisfies(
            span -> assertThat(span).hasAttribute(SESSION_ID, "conversation-7").hasAttribute(USER_ID, "bob"));
  }

  /** Compiled, not run: {@code register()} reads this machine's environment and sets the global. */
  @SuppressWarnings("unused")
  static OpenTelemetrySdk libraryRegisterSnippet() {
    OpenTelemetrySdk sdk = OpenInferenceOtel.register(); // PHOENIX_COLLECTOR_ENDPOINT, PHOENIX_API_KEY, ...
    return sdk;
  }

  @Test
  void libraryBuilderSnippetBuildsAnSdkForItsProject() {
    // Built and closed without a span: nothing is sent to the snippet's endpoint.
    OpenTelemetrySdk sdk = OpenInferenceOtel.builder()
        .setProjectName("support-bot")
        .setEndpoint("http://localhost:6006/v1/traces")
        .build();
    try {
      assertThat(sdk.getSdkTracerProvider().toString())
          .contains("openinference.project.name=\"support-bot\"")
          .contains("endpoint=http://localhost:6006/v1/traces");
    } finally {
      sdk.close();
    }
  }

  /** The README's complete library-mode application, run in a child JVM. */
  public static final class LibraryApp {
    public static void main(String[] args) {
      OpenTelemetrySdk sdk = OpenInferenceOtel.builder() // PHOENIX_COLLECTOR_ENDPOINT, PHOENIX_API_KEY
          .setProjectName("support-bot")
          .setGlobal(true) // GlobalOpenTelemetry: for instrumentation libraries (default false)
          .setRegisterShutdownHook(true) // the last spans are sent at JVM exit (the default)
          .build();
      Tracer tracer = sdk.getTracer("support-bot");
      try (Scope session = OpenInference.usingSession("conversation-42")) {
        tracer.spanBuilder("turn").startSpan().end(); // carries session.id=conversation-42
      }
      sdk.close(); // flushes now; the shutdown hook then has nothing left to do
    }
  }

  @Test
  void libraryAppSendsASessionTaggedSpanAndExitsQuietly() throws Exception {
    // PHOENIX_COLLECTOR_ENDPOINT is a base URL, as Phoenix documents it.
    Map<String, String> env = Map.of("PHOENIX_COLLECTOR_ENDPOINT", otlp.getHttpEndpoint());
    String output = runChild(LibraryApp.class, env);
    // Closed by the app, then by the shutdown hook: no "Multiple shutdown calls", no warning.
    assertThat(output).as("the app's output").doesNotContain("WARN", "SEVERE", "Exception", "shutdown");
    SpanData span = otlp.awaitSpans(1, WAIT).get(0);
    assertThat(span).hasName("turn").hasAttribute(SESSION_ID, "conversation-42");
    assertThat(span.getResource().getAttribute(PROJECT_NAME)).isEqualTo("support-bot");
  }

  /** Runs {@code main} in a child JVM with only {@code variables} of OTel's and ours. */
  private static String runChild(Class<?> main, Map<String, String> variables, String... args)
      throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dio.opentelemetry.context.enableStrictContext=true",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("OTEL_")
                    || name.startsWith("OPENINFERENCE_")
                    || name.startsWith("PHOENIX_")
                    || name.endsWith("JAVA_OPTIONS")
                    || name.equals("JAVA_TOOL_OPTIONS"));
    env.putAll(variables);
    Process process = builder.start();
    String output;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      output = in.lines().collect(Collectors.joining("\n"));
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** The README's autoconfigure snippet as an application's main, run in a child JVM. */
  public static final class AutoconfigureApp {
    public static void main(String[] args) {
      String sessionId = args[0];
      String userId = args[1];
      // env: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://localhost:6006/v1/traces
      //      OTEL_OPENINFERENCE_PROJECT_NAME=my-app
      //      OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none (unless you send those too)
      OpenTelemetry otel = AutoConfiguredOpenTelemetrySdk.initialize().getOpenTelemetrySdk();
      try (Scope s = OpenInference.usingSession(sessionId); Scope u = OpenInference.usingUser(userId)) {
        otel.getTracer("my-app").spanBuilder("turn").startSpan().end(); // carries session.id, user.id
      }
    }
  }

  @Test
  void autoconfigureSnippetWorksWithExactlyItsEnvironmentLine() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dio.opentelemetry.context.enableStrictContext=true",
                "-cp",
                System.getProperty("java.class.path"),
                AutoconfigureApp.class.getName(),
                "conversation-9",
                "alice")
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("OTEL_")
                    || name.startsWith("OPENINFERENCE_")
                    || name.startsWith("PHOENIX_")
                    || name.endsWith("JAVA_OPTIONS")
                    || name.equals("JAVA_TOOL_OPTIONS"));
    env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otlp.getHttpTracesEndpoint());
    env.put("OTEL_OPENINFERENCE_PROJECT_NAME", "my-app");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    Process process = builder.start();
    String output;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      output = in.lines().collect(Collectors.joining("\n"));
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).as("the app's output").doesNotContain("WARN", "SEVERE", "Exception");
    SpanData span = otlp.awaitSpans(1, WAIT).get(0);
    assertThat(span)
        .hasName("turn")
        .hasAttribute(SESSION_ID, "conversation-9")
        .hasAttribute(USER_ID, "alice");
    assertThat(span.getResource().getAttribute(PROJECT_NAME)).isEqualTo("my-app");
  }

  /** The README's Spring Boot starter properties, as a text block. */
  private static final String STARTER_PROPERTIES =
      """
      otel.exporter.otlp.traces.endpoint=http://localhost:6006/v1/traces
      otel.openinference.project.name=my-app
      # code: try (Scope s = OpenInference.usingSession(sessionId)) { ... }
      """;

  @Test
  void starterPropertiesAreKeysAutoconfigureReads() throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(STARTER_PROPERTIES));
    assertThat(properties.stringPropertyNames())
        .containsExactlyInAnyOrder("otel.exporter.otlp.traces.endpoint", "otel.openinference.project.name");
    Map<String, String> settings = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      settings.put(key, properties.getProperty(key));
    }
    // The endpoint is the receiver's; the other keys as written.
    settings.remove("otel.exporter.otlp.traces.endpoint");
    AutoConfiguredOpenTelemetrySdk sdk = Autoconfigure.sdk(otlp.getHttpTracesEndpoint(), settings);
    try (Scope s = OpenInference.usingSession("starter-session")) {
      sdk.getOpenTelemetrySdk().getTracer("app").spanBuilder("turn").startSpan().end();
    }
    Autoconfigure.flush(sdk);
    sdk.getOpenTelemetrySdk().close();

    SpanData span = otlp.awaitSpans(1, WAIT).get(0);
    assertThat(span).hasAttribute(SESSION_ID, "starter-session");
    assertThat(span.getResource().getAttribute(PROJECT_NAME)).isEqualTo("my-app");
  }

  private void answer(String question) {
    tracer.spanBuilder("answer " + question).startSpan().end();
  }

  @Test
  @SuppressWarnings("try")
  void contextAttributesSnippetStampsTheTurnAndDetachesIt() {
    Context detachedContext;
    try (OpenTelemetrySdk sdk = unbatched()) {
      tracer = sdk.getTracer("app");
      String question = "where is my order?";
      ContextAttributes turn =
          ContextAttributes.builder()
              .setSessionId("conversation-42")
              .setUserId("bob")
              .setMetadata(Map.of("channel", "web"))
              .setTags("support", "beta")
              .build();
      try (Scope s = turn.makeCurrent()) {               // or OpenInference.usingAttributes(turn)
        answer(question);
      }
      Context detached = Context.root().with(turn);       // for spans with an explicit parent
      detachedContext = detached;
      tracer.spanBuilder("detached").setParent(detachedContext).startSpan().end();
    }
    List<SpanData> spans = otlp.awaitSpans(2, WAIT);
    assertThat(spans)
        .hasSize(2)
        .allSatisfy(
            span ->
                assertThat(span)
                    .hasAttribute(SESSION_ID, "conversation-42")
                    .hasAttribute(USER_ID, "bob")
                    .hasAttribute(METADATA, "{\"channel\":\"web\"}")
                    .hasAttribute(TAG_TAGS, List.of("support", "beta")));
  }
}
