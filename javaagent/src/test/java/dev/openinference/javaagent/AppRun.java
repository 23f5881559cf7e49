/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of {@link InstrumentedApp} in a child JVM, driven from start to exit, with everything the
 * test asserts on afterwards: exit code, output, the spans an {@link OtlpReceiver} decoded, the
 * headers the app's outgoing request carried, and what the app saw of the inbound baggage.
 */
final class AppRun {

  /** What the child JVM runs with. */
  enum Mode {
    AGENT_WITH_EXTENSION,
    AGENT_ONLY,
    NO_AGENT
  }

  /** The spans {@link InstrumentedApp} creates (or the agent creates for it), by name or kind. */
  static final List<String> MANUAL_SPANS =
      List.of(
          "before-scope",
          "outlives-scope",
          "in-scope",
          "llm-call",
          "executor-in-scope",
          "nested-scope",
          "restored-scope",
          "after-scope",
          "executor-after-scope",
          "inbound-handler");

  /** The manual spans plus the agent's HTTP CLIENT and SERVER span. */
  static final int SPANS_PER_RUN = MANUAL_SPANS.size() + 2;

  /** What a request to the app's server carries: values nobody may trust. */
  static final String INBOUND_BAGGAGE = "session.id=evil,user.id=mallory";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private final Mode mode;
  private final int exitCode;
  private final List<String> stdout;
  private final List<String> stderr;
  private final String description;
  private final List<SpanData> spans;
  private final int exportRequests;
  private final List<Map<String, List<String>>> targetRequestHeaders;
  private final String inboundResponse;

  private AppRun(
      Mode mode,
      int exitCode,
      ChildJvm child,
      List<SpanData> spans,
      int exportRequests,
      List<Map<String, List<String>>> targetRequestHeaders,
      String inboundResponse) {
    this.mode = mode;
    this.exitCode = exitCode;
    this.stdout = child.getStdout();
    this.stderr = child.getStderr();
    this.description = child.describe();
    this.spans = spans;
    this.exportRequests = exportRequests;
    this.targetRequestHeaders = targetRequestHeaders;
    this.inboundResponse = inboundResponse;
  }

  static Builder builder(Mode mode) {
    return new Builder(mode);
  }

  Mode getMode() {
    return mode;
  }

  int getExitCode() {
    return exitCode;
  }

  List<String> getStdout() {
    return stdout;
  }

  List<String> getStderr() {
    return stderr;
  }

  /** All spans the receiver decoded. */
  List<SpanData> getSpans() {
    return spans;
  }

  /** How many OTLP export requests the receiver answered. */
  int getExportRequests() {
    return exportRequests;
  }

  /** The one span named {@code name}. */
  SpanData span(String name) {
    List<SpanData> named =
        spans.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    assertThat(named).as("spans named %s among %s", name, names()).hasSize(1);
    return named.get(0);
  }

  /** The one span of {@code kind}. */
  SpanData span(SpanKind kind) {
    List<SpanData> ofKind =
        spans.stream().filter(s -> s.getKind() == kind).collect(Collectors.toList());
    assertThat(ofKind).as("%s spans among %s", kind, names()).hasSize(1);
    return ofKind.get(0);
  }

  private List<String> names() {
    return spans.stream().map(s -> s.getName() + "/" + s.getKind()).collect(Collectors.toList());
  }

  /** The headers of each request the app sent to the test's server. */
  List<Map<String, List<String>>> getTargetRequestHeaders() {
    return targetRequestHeaders;
  }

  /** What the app's inbound handler saw in {@code Baggage.current()}: {@code session,user}. */
  String getInboundResponse() {
    return inboundResponse;
  }

  /** The app's own view ({@code getAttributesFromContext}) at each checkpoint, by checkpoint. */
  Map<String, String> getViews() {
    Map<String, String> views = new LinkedHashMap<>();
    for (String line : stdout) {
      if (line.startsWith(InstrumentedApp.VIEW)) {
        String rest = line.substring(InstrumentedApp.VIEW.length());
        int space = rest.indexOf(' ');
        views.put(rest.substring(0, space), rest.substring(space + 1));
      }
    }
    return views;
  }

  /** The command line and the child's whole output. */
  String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "AppRun{mode=" + mode + ", exitCode=" + exitCode + ", spans=" + names() + "}";
  }

  static final class Builder {

    private final Mode mode;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean declarativeConfiguration;

    private Builder(Mode mode) {
      this.mode = mode;
    }

    /** Adds {@code -Dkey=value} to the child's command line. */
    Builder addSystemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    /** Sets an environment variable of the child. */
    Builder putEnvironment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * Configures the agent's SDK from a YAML file ({@code otel.config.file}) with the same
     * exporter, propagators and batch delay, instead of from {@code otel.*} properties. All of the
     * agent's instrumentation stays on.
     */
    Builder useDeclarativeConfiguration() {
      declarativeConfiguration = true;
      return this;
    }

    /**
     * Starts the app, sends it the inbound request, stops it and collects what arrived.
     *
     * @throws AssertionError with the child's output if any step fails or times out
     */
    AppRun run() throws Exception {
      Path configFile = Files.createTempFile("openinference-javaagent-it", ".yaml");
      try (OtlpReceiver receiver = OtlpReceiver.create();
          TargetServer target = TargetServer.start();
          ChildJvm child =
              ChildJvm.start(
                  jvmArgs(receiver, configFile),
                  environment,
                  requiredProperty("openinference.it.app.classpath"),
                  InstrumentedApp.class.getName(),
                  List.of(target.getUri().toString()))) {
        try {
          String listening = child.awaitLine(InstrumentedApp.LISTENING, START_TIMEOUT);
          int port =
              Integer.parseInt(listening.substring(InstrumentedApp.LISTENING.length()).trim());
          String inboundResponse = sendInbound(port);
          if (mode != Mode.NO_AGENT) {
            // The server span ends after the handler answered; let it reach the receiver before
            // the app stops its server and exits.
            receiver.awaitSpans(SPANS_PER_RUN, SPAN_TIMEOUT);
          }
          child.writeLine(InstrumentedApp.STOP);
          int exitCode = child.awaitExit(EXIT_TIMEOUT);
          return new AppRun(
              mode,
              exitCode,
              child,
              receiver.getSpans(),
              receiver.getRequests().size(),
              target.getRequestHeaders(),
              inboundResponse);
        } catch (Exception | AssertionError e) {
          throw new AssertionError(e + "\n" + child.describe(), e);
        }
      } finally {
        Files.deleteIfExists(configFile);
      }
    }

    private static String sendInbound(int port) throws Exception {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + InstrumentedApp.INBOUND_PATH))
              .header("baggage", INBOUND_BAGGAGE)
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("status of the app's inbound handler").isEqualTo(200);
      return response.body();
    }

    private List<String> jvmArgs(OtlpReceiver receiver, Path configFile) throws IOException {
      List<String> args = new ArrayList<>();
      args.add("-Dio.opentelemetry.context.enableStrictContext=true");
      if (mode != Mode.NO_AGENT) {
        args.add("-javaagent:" + existingFile("openinference.it.agent"));
        if (mode == Mode.AGENT_WITH_EXTENSION) {
          args.add("-Dotel.javaagent.extensions=" + existingFile("openinference.it.extension"));
        }
      }
      if (mode != Mode.NO_AGENT && declarativeConfiguration) {
        Files.write(configFile, declarativeConfiguration(receiver).getBytes(UTF_8));
        args.add("-Dotel.config.file=" + configFile.toAbsolutePath());
      } else if (mode != Mode.NO_AGENT) {
        args.add("-Dotel.service.name=openinference-javaagent-it");
        args.add("-Dotel.traces.exporter=otlp");
        args.add("-Dotel.exporter.otlp.protocol=http/protobuf");
        args.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.getHttpTracesEndpoint());
        args.add("-Dotel.metrics.exporter=none");
        args.add("-Dotel.logs.exporter=none");
        args.add("-Dotel.bsp.schedule.delay=100");
        args.add("-Dotel.propagators=tracecontext,baggage");
        // Only what the app needs. default-enabled=false also turns off the bridge from the app's
        // OTel API to the agent's, so that one comes back explicitly.
        args.add("-Dotel.instrumentation.common.default-enabled=false");
        args.add("-Dotel.instrumentation.opentelemetry-api.enabled=true");
        args.add("-Dotel.instrumentation.java-http-client.enabled=true");
        args.add("-Dotel.instrumentation.java-http-server.enabled=true");
        args.add("-Dotel.instrumentation.executors.enabled=true");
      }
      systemProperties.forEach((key, value) -> args.add("-D" + key + "=" + value));
      return args;
    }

    private static String declarativeConfiguration(OtlpReceiver receiver) {
      // file_format 1.2 is what the SDK 1.67 in agent 2.33.1 expects.
      return String.join(
          "\n",
          "file_format: \"1.2\"",
          "resource:",
          "  attributes:",
          "    - name: service.name",
          "      value: openinference-javaagent-it",
          "propagator:",
          "  composite:",
          "    - tracecontext:",
          "    - baggage:",
          "tracer_provider:",
          "  processors:",
          "    - batch:",
          "        schedule_delay: 100",
          "        exporter:",
          "          otlp_http:",
          "            endpoint: " + receiver.getHttpTracesEndpoint(),
          "");
    }

    private static String requiredProperty(String key) {
      String value = System.getProperty(key);
      assertThat(value)
          .as("system property %s (set by the failsafe configuration)", key)
          .isNotBlank();
      return value;
    }

    private static String existingFile(String key) {
      Path path = Paths.get(requiredProperty(key));
      assertThat(Files.isRegularFile(path)).as("%s=%s exists", key, path).isTrue();
      return path.toAbsolutePath().toString();
    }
  }
}
