/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The propagation key given the way the issue found it leaking, as a {@code -D} system property
 * under the real javaagent (with an OTLP header secret and an API key beside it): two services, a
 * gateway and a tool service, exporting spans, metrics and logs over OTLP/HTTP through a recording
 * proxy on the loopback interface, which keeps every request body as it was sent and hands the
 * traces on to an {@link OtlpReceiver}. No exported byte, and no line either JVM prints, holds a
 * secret or the text of a rejected inbound value; the session still crosses. (The extension's own
 * warnings are printed to stderr, which is checked; the agent does not export them as log records,
 * the application's JUL records it does.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropagationKeyLeakIT {

  private static final String KEY = "prop-key-" + "Q7w8E9r0T1y2U3i4";
  private static final String HEADER_SECRET = "hdr-secret-" + "P0o9I8u7Y6t5";
  private static final String API_KEY = "api-key-" + "L1k2J3h4G5f6";
  private static final String INBOUND_MARKER = "inbound-" + "Zx81Cv92Bn03";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final AttributeKey<List<String>> COMMAND_ARGS =
      AttributeKey.stringArrayKey("process.command_args");
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final List<Recorded> recorded = new ArrayList<>();
  private List<SpanData> spans;
  private final List<String> output = new ArrayList<>();
  private final List<Integer> exitCodes = new ArrayList<>();
  private String description = "";

  /** One request body as an exporter sent it (gunzipped when it was compressed). */
  private static final class Recorded {
    final String path;
    final byte[] body;

    Recorded(String path, byte[] body) {
      this.path = path;
      this.body = body;
    }

    /** The body as Latin-1 text: every byte one char, so a search finds any ASCII secret. */
    String text() {
      return new String(body, ISO_8859_1);
    }
  }

  @BeforeAll
  void runTwoServicesUnderTheAgent() throws Exception {
    HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      proxy.createContext("/", exchange -> record(exchange, receiver, forwarder));
      proxy.start();
      String endpoint = "http://127.0.0.1:" + proxy.getAddress().getPort();
      try (ChildJvm tool = start(endpoint, "leak-tool", List.of("tool"))) {
        ChildJvm gateway = null;
        try {
          int toolPort = port(tool);
          gateway =
              start(endpoint, "leak-gateway", List.of("gateway", "http://127.0.0.1:" + toolPort));
          port(gateway);
          gateway.writeLine(ServiceApp.TURN);
          gateway.awaitLine(ServiceApp.TURN_DONE, TIMEOUT);
          sendForgedHeader(toolPort);
          receiver.awaitSpans(6, TIMEOUT);
          for (ChildJvm child : List.of(gateway, tool)) {
            child.writeLine(ServiceApp.STOP);
          }
          for (ChildJvm child : List.of(gateway, tool)) {
            exitCodes.add(child.awaitExit(TIMEOUT));
            output.addAll(child.getStdout());
            output.addAll(child.getStderr());
            description += child.describe() + "\n";
          }
        } catch (Exception | AssertionError e) {
          throw new AssertionError(
              e + "\n" + tool.describe() + (gateway == null ? "" : "\n" + gateway.describe()), e);
        } finally {
          if (gateway != null) {
            gateway.close();
          }
        }
      } finally {
        proxy.stop(0);
      }
      spans = receiver.getSpans();
    }
  }

  private ChildJvm start(String endpoint, String serviceName, List<String> args) {
    List<String> jvmArgs = new ArrayList<>();
    jvmArgs.add("-Dio.opentelemetry.context.enableStrictContext=true");
    jvmArgs.add("-javaagent:" + existingFile("openinference.it.agent"));
    jvmArgs.add("-Dotel.javaagent.extensions=" + existingFile("openinference.it.extension"));
    jvmArgs.add("-Dotel.instrumentation.common.default-enabled=false");
    jvmArgs.add("-Dotel.instrumentation.opentelemetry-api.enabled=true");
    jvmArgs.add("-Dotel.instrumentation.java-http-client.enabled=true");
    jvmArgs.add("-Dotel.instrumentation.java-http-server.enabled=true");
    jvmArgs.add("-Dotel.instrumentation.java-util-logging.enabled=true");
    jvmArgs.add("-Dotel.service.name=" + serviceName);
    jvmArgs.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    jvmArgs.add("-Dotel.exporter.otlp.endpoint=" + endpoint);
    jvmArgs.add("-Dotel.traces.exporter=otlp");
    jvmArgs.add("-Dotel.metrics.exporter=otlp");
    jvmArgs.add("-Dotel.logs.exporter=otlp");
    jvmArgs.add("-Dotel.bsp.schedule.delay=100");
    jvmArgs.add("-Dotel.blrp.schedule.delay=100");
    jvmArgs.add("-Dotel.metric.export.interval=500");
    jvmArgs.add("-Dotel.propagators=tracecontext,baggage,openinference");
    jvmArgs.add("-Dotel.openinference.propagation.destinations=127.0.0.1");
    // The secrets, on the command line.
    jvmArgs.add("-Dotel.openinference.propagation.key=" + KEY);
    jvmArgs.add("-Dotel.exporter.otlp.headers=x-test-secret=" + HEADER_SECRET);
    jvmArgs.add("-Dphoenix.api.key=" + API_KEY);
    List<String> appArgs = new ArrayList<>();
    appArgs.add("agent");
    appArgs.addAll(args);
    return ChildJvm.start(
        jvmArgs,
        Map.of(),
        requiredProperty("openinference.it.app.classpath"),
        ServiceApp.class.getName(),
        appArgs);
  }

  /** Keeps the body; forwards traces to the receiver, answers logs and metrics itself. */
  private void record(HttpExchange exchange, OtlpReceiver receiver, HttpClient forwarder)
      throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      byte[] plain = body;
      if ("gzip".equalsIgnoreCase(encoding)) {
        try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
          plain = gunzip.readAllBytes();
        }
      }
      synchronized (recorded) {
        recorded.add(new Recorded(path, plain));
      }
      int status = 200;
      byte[] answer = new byte[0];
      if (path.equals("/v1/traces")) {
        HttpRequest.Builder forward =
            HttpRequest.newBuilder(URI.create(receiver.getHttpTracesEndpoint()))
                .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
          forward.header("Content-Encoding", encoding);
        }
        HttpResponse<byte[]> response =
            forwarder.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        status = response.statusCode();
        answer = response.body();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(503, -1);
    } finally {
      exchange.close();
    }
  }

  private static void sendForgedHeader(int toolPort) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + toolPort + "/tool"))
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .header(
                "openinference",
                "v=1;t="
                    + System.currentTimeMillis() / 1000
                    + ",session.id="
                    + INBOUND_MARKER
                    + ";sig=Zm9yZ2VkLXNpZ25hdHVyZS1ieS1tYWxsb3J5LXh4eHg,"
                    + INBOUND_MARKER
                    + "="
                    + INBOUND_MARKER)
            .timeout(TIMEOUT)
            .GET()
            .build();
    assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  private List<Recorded> recorded(String path) {
    synchronized (recorded) {
      return recorded.stream().filter(r -> r.path.equals(path)).collect(Collectors.toList());
    }
  }

  @Test
  void theSessionCrossesWithTheKeyGivenOnTheCommandLine() {
    assertThat(exitCodes).as(description).containsOnly(0);
    SpanData toolRun =
        spans.stream()
            .filter(s -> s.getName().equals("tool.run"))
            .filter(s -> !s.getTraceId().equals("4bf92f3577b34da6a3ce929d0e0e4736"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no tool.run span: " + spans));
    assertThat(toolRun)
        .hasAttribute(SESSION_ID, ServiceApp.SESSION)
        .hasAttribute(USER_ID, ServiceApp.USER);
  }

  @Test
  void theCommandLineIsExportedWithTheSecretsRedacted() {
    assertThat(spans).isNotEmpty();
    for (SpanData span : spans) {
      List<String> args = span.getResource().getAttribute(COMMAND_ARGS);
      assertThat(args)
          .as("process.command_args of %s", span.getResource().getAttribute(SERVICE_NAME))
          .contains(
              "-Dotel.openinference.propagation.key=__REDACTED__",
              "-Dotel.exporter.otlp.headers=__REDACTED__",
              "-Dphoenix.api.key=__REDACTED__",
              "-Dotel.openinference.propagation.destinations=127.0.0.1");
    }
  }

  @Test
  void noExportedByteHoldsASecretOrARejectedInboundValue() {
    List<Recorded> traces = recorded("/v1/traces");
    List<Recorded> logs = recorded("/v1/logs");
    List<Recorded> metrics = recorded("/v1/metrics");
    assertThat(traces).isNotEmpty();
    assertThat(metrics).isNotEmpty();
    // The application's log records went out, with the resource.
    assertThat(logs.stream().map(Recorded::text))
        .as("exported log records")
        .anySatisfy(text -> assertThat(text).contains("tool ran"));
    for (Recorded request : recorded) {
      assertThat(request.text())
          .as("a request to %s", request.path)
          .doesNotContain(KEY, HEADER_SECRET, API_KEY, INBOUND_MARKER)
          // The command line did go out, redacted: this search would have found the key.
          .contains("-Dotel.openinference.propagation.key=__REDACTED__");
    }
  }

  @Test
  void neitherServicePrintsASecretOrARejectedInboundValue() {
    assertThat(output).isNotEmpty();
    assertThat(output)
        .anySatisfy(line -> assertThat(line).contains("openinference propagator: ignored"));
    for (String line : output) {
      assertThat(line).doesNotContain(KEY, HEADER_SECRET, API_KEY, INBOUND_MARKER);
    }
  }

  private static int port(ChildJvm child) throws InterruptedException {
    String line = child.awaitLine(ServiceApp.LISTENING, START_TIMEOUT);
    return Integer.parseInt(line.substring(ServiceApp.LISTENING.length()).trim());
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
