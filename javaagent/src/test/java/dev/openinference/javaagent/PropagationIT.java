/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One session across three services, each in a JVM of its own: a gateway opens {@code session-42}
 * for {@code user-7} and calls an agent service, which calls a tool service and a third party, over
 * real HTTP on the loopback interface; all three export over real OTLP to one {@link OtlpReceiver}.
 * The propagator is configured the documented way ({@code otel.propagators=...,openinference},
 * destinations as system properties, keys in {@code OTEL_OPENINFERENCE_PROPAGATION_KEY}) and is
 * mid-rotation: the gateway signs with the new key, the agent service still signs with the old one
 * but accepts both, the tool service knows only the old one.
 *
 * <p>Only {@code 127.0.0.1} is allow-listed. The third party is a server on the same loopback
 * interface that the agent service calls as {@code localhost}: a different host name, so a
 * different destination, which is what the allow-list is about (both resolve to the same interface
 * only because everything must stay on loopback here).
 *
 * <p>Afterwards the test itself sends the tool service a forged and an unsigned header.
 */
class PropagationIT {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final String NEW_KEY = "new-key-" + "A1b2C3d4E5f6G7h8";
  private static final String OLD_KEY = "old-key-" + "Z9y8X7w6V5u4T3s2";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** gateway: turn + CLIENT; agent: SERVER, plan, 2 CLIENT, subtask; tool: SERVER, run. */
  private static final int SESSION_TRACE_SPANS = 9;

  enum Mode {
    SDK,
    AGENT
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class SdkAutoconfigure extends Scenario {
    SdkAutoconfigure() {
      super(Mode.SDK);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class JavaagentExtension extends Scenario {
    JavaagentExtension() {
      super(Mode.AGENT);
    }
  }

  abstract static class Scenario {

    private final Mode mode;
    private Run run;

    Scenario(Mode mode) {
      this.mode = mode;
    }

    @BeforeAll
    void runTheThreeServices() throws Exception {
      run = Run.of(mode);
    }

    @Test
    void everySpanOfAllThreeServicesCarriesTheGatewaysSessionAndUser() {
      List<SpanData> trace = run.sessionTrace();
      assertThat(trace).as(run.describe()).hasSize(SESSION_TRACE_SPANS);
      assertThat(trace.stream().map(s -> s.getResource().getAttribute(SERVICE_NAME)).distinct())
          .containsExactlyInAnyOrder("gateway", "agent-service", "tool-service");
      assertThat(trace.stream().filter(s -> s.getKind() == SpanKind.SERVER))
          .extracting(s -> s.getResource().getAttribute(SERVICE_NAME))
          .containsExactlyInAnyOrder("agent-service", "tool-service");
      for (SpanData span : trace) {
        if (span.getName().equals("agent.subtask")) {
          continue;
        }
        assertThat(span)
            .as("%s of %s", span.getName(), span.getResource().getAttribute(SERVICE_NAME))
            .hasAttribute(SESSION_ID, ServiceApp.SESSION)
            .hasAttribute(USER_ID, ServiceApp.USER);
      }
      assertThat(run.answer).isEqualTo("200:agent(200:tool,200:ok)");
    }

    @Test
    void aLocalScopeOverridesTheInboundSessionAndKeepsTheInboundUser() {
      SpanData subtask =
          run.sessionTrace().stream()
              .filter(s -> s.getName().equals("agent.subtask"))
              .findFirst()
              .orElseThrow();
      assertThat(subtask)
          .hasAttribute(SESSION_ID, ServiceApp.SUBTASK_SESSION)
          .hasAttribute(USER_ID, ServiceApp.USER);
    }

    @Test
    void theHostThatIsNotAllowListedGetsTheTraceButNoOpenInferenceValue() {
      assertThat(run.thirdPartyHeaders).as(run.describe()).hasSize(1);
      Map<String, List<String>> headers = run.thirdPartyHeaders.get(0);
      assertThat(headers.get("traceparent"))
          .singleElement()
          .satisfies(t -> assertThat(t).contains(run.sessionTraceId()));
      assertThat(headers).doesNotContainKey("openinference");
      assertThat(headers.values().stream().flatMap(List::stream))
          .noneMatch(v -> v.contains(ServiceApp.SESSION) || v.contains(ServiceApp.USER));
    }

    @Test
    void forgedAndUnsignedHeadersAreIgnoredWithAWarning() {
      for (String traceId : List.of(run.forgedTraceId, run.unsignedTraceId)) {
        List<SpanData> spans = run.trace(traceId);
        assertThat(spans).as(run.describe()).hasSize(2);
        for (SpanData span : spans) {
          assertThat(span.getResource().getAttribute(SERVICE_NAME)).isEqualTo("tool-service");
          assertThat(span.getAttributes().get(SESSION_ID)).as(span.getName()).isNull();
          assertThat(span.getAttributes().get(USER_ID)).as(span.getName()).isNull();
        }
      }
      assertThat(run.toolWarnings())
          .as(run.describe())
          .hasSize(4)
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("inbound session.id (value of 14 chars")
                      .contains("signature does not verify"))
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("inbound user.id (value of 11 chars")
                      .contains("signature does not verify"))
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("inbound session.id (value of 16 chars")
                      .contains("it is unsigned"))
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("inbound user.id (value of 13 chars")
                      .contains("it is unsigned"));
      // The rejected values are attacker-supplied: named by length and fingerprint only.
      assertThat(run.toolStderr)
          .noneMatch(l -> l.contains("forged-session") || l.contains("forged-user"))
          .noneMatch(l -> l.contains("unsigned-session") || l.contains("unsigned-user"));
    }

    @Test
    void nothingElseIsWarnedAboutAndEveryServiceExitsCleanly() {
      assertThat(run.exitCodes).as(run.describe()).containsOnly(0);
      assertThat(run.gatewayAndAgentPropagatorLines).as(run.describe()).isEmpty();
      assertThat(run.receiver.size())
          .as("spans: the session trace and the two rejected requests, nothing else")
          .isEqualTo(SESSION_TRACE_SPANS + 4);
    }
  }

  /** One run of the three services in {@code mode}, and everything the tests assert on. */
  static final class Run {
    List<SpanData> receiver;
    List<Map<String, List<String>>> thirdPartyHeaders;
    String answer;
    String forgedTraceId;
    String unsignedTraceId;
    List<String> toolStderr;
    List<String> gatewayAndAgentPropagatorLines;
    List<Integer> exitCodes = new ArrayList<>();
    String description;

    static Run of(Mode mode) throws Exception {
      Run run = new Run();
      try (OtlpReceiver receiver = OtlpReceiver.create();
          TargetServer thirdParty = TargetServer.start();
          ChildJvm tool = start(mode, receiver, "tool-service", OLD_KEY, List.of("tool"));
          Services services = new Services()) {
        services.add("tool", tool);
        try {
          int toolPort = port(tool);
          URI thirdPartyUri =
              URI.create("http://localhost:" + thirdParty.getUri().getPort() + "/thirdparty");
          ChildJvm agent =
              services.add(
                  "agent",
                  start(
                      mode,
                      receiver,
                      "agent-service",
                      OLD_KEY + "," + NEW_KEY,
                      List.of(
                          "agent",
                          "http://127.0.0.1:" + toolPort + "/tool",
                          thirdPartyUri.toString())));
          int agentPort = port(agent);
          ChildJvm gateway =
              services.add(
                  "gateway",
                  start(
                      mode,
                      receiver,
                      "gateway",
                      NEW_KEY + "," + OLD_KEY,
                      List.of("gateway", "http://127.0.0.1:" + agentPort + "/agent")));
          port(gateway);
          gateway.writeLine(ServiceApp.TURN);
          run.answer =
              gateway
                  .awaitLine(ServiceApp.TURN_DONE, TIMEOUT)
                  .substring(ServiceApp.TURN_DONE.length());

          run.forgedTraceId = randomHex(16);
          sendToTool(
              toolPort,
              run.forgedTraceId,
              "v=1;t="
                  + System.currentTimeMillis() / 1000
                  + ",session.id=forged-session;sig="
                  + randomSignature()
                  + ",user.id=forged-user;sig="
                  + randomSignature());
          run.unsignedTraceId = randomHex(16);
          sendToTool(
              toolPort,
              run.unsignedTraceId,
              "v=1;t="
                  + System.currentTimeMillis() / 1000
                  + ",session.id=unsigned-session,user.id=unsigned-user");

          receiver.awaitSpans(SESSION_TRACE_SPANS + 4, TIMEOUT);
          for (ChildJvm child : services.children.values()) {
            child.writeLine(ServiceApp.STOP);
          }
          for (ChildJvm child : services.children.values()) {
            run.exitCodes.add(child.awaitExit(TIMEOUT));
          }
          run.receiver = receiver.getSpans();
          run.thirdPartyHeaders = thirdParty.getRequestHeaders();
          run.toolStderr = tool.getStderr();
          run.gatewayAndAgentPropagatorLines =
              List.of(gateway, agent).stream()
                  .flatMap(c -> c.getStderr().stream())
                  .filter(l -> l.contains("openinference") || l.contains("OpenInference"))
                  .collect(Collectors.toList());
          run.description = services.describe();
          return run;
        } catch (Exception | AssertionError e) {
          throw new AssertionError(e + "\n" + services.describe(), e);
        }
      }
    }

    private static ChildJvm start(
        Mode mode, OtlpReceiver receiver, String serviceName, String keys, List<String> args) {
      List<String> jvmArgs = new ArrayList<>();
      jvmArgs.add("-Dio.opentelemetry.context.enableStrictContext=true");
      jvmArgs.add("-Dotel.service.name=" + serviceName);
      jvmArgs.add("-Dotel.traces.exporter=otlp");
      jvmArgs.add("-Dotel.exporter.otlp.protocol=http/protobuf");
      jvmArgs.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.getHttpTracesEndpoint());
      jvmArgs.add("-Dotel.metrics.exporter=none");
      jvmArgs.add("-Dotel.logs.exporter=none");
      jvmArgs.add("-Dotel.bsp.schedule.delay=100");
      jvmArgs.add("-Dotel.propagators=tracecontext,baggage,openinference");
      jvmArgs.add("-Dotel.openinference.propagation.destinations=127.0.0.1");
      String classPath;
      if (mode == Mode.AGENT) {
        jvmArgs.add("-javaagent:" + existingFile("openinference.it.agent"));
        jvmArgs.add("-Dotel.javaagent.extensions=" + existingFile("openinference.it.extension"));
        jvmArgs.add("-Dotel.instrumentation.common.default-enabled=false");
        jvmArgs.add("-Dotel.instrumentation.opentelemetry-api.enabled=true");
        jvmArgs.add("-Dotel.instrumentation.java-http-client.enabled=true");
        jvmArgs.add("-Dotel.instrumentation.java-http-server.enabled=true");
        classPath = requiredProperty("openinference.it.app.classpath");
      } else {
        classPath = requiredProperty("openinference.it.sdk.app.classpath");
      }
      List<String> appArgs = new ArrayList<>();
      appArgs.add(mode == Mode.AGENT ? "agent" : "sdk");
      appArgs.addAll(args);
      // The key goes in the environment, not on the command line, as it would in production.
      return ChildJvm.start(
          jvmArgs,
          Map.of("OTEL_OPENINFERENCE_PROPAGATION_KEY", keys),
          classPath,
          ServiceApp.class.getName(),
          appArgs);
    }

    private static int port(ChildJvm child) throws InterruptedException {
      String line = child.awaitLine(ServiceApp.LISTENING, START_TIMEOUT);
      return Integer.parseInt(line.substring(ServiceApp.LISTENING.length()).trim());
    }

    private static void sendToTool(int port, String traceId, String openinferenceHeader)
        throws Exception {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tool"))
              .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
              .header("openinference", openinferenceHeader)
              .timeout(TIMEOUT)
              .GET()
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }

    private static final SecureRandom random = new SecureRandom();

    private static String randomHex(int bytes) {
      byte[] b = new byte[bytes];
      random.nextBytes(b);
      return HexFormat.of().formatHex(b);
    }

    private static String randomSignature() {
      byte[] b = new byte[32];
      random.nextBytes(b);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    String sessionTraceId() {
      List<String> ids =
          receiver.stream()
              .filter(s -> s.getName().equals("gateway.turn"))
              .map(SpanData::getTraceId)
              .collect(Collectors.toList());
      assertThat(ids).as(describe()).hasSize(1);
      return ids.get(0);
    }

    List<SpanData> sessionTrace() {
      return trace(sessionTraceId());
    }

    List<SpanData> trace(String traceId) {
      return receiver.stream()
          .filter(s -> s.getTraceId().equals(traceId))
          .collect(Collectors.toList());
    }

    /** The tool service's warnings from the propagator (JUL prints the message on its own line). */
    List<String> toolWarnings() {
      return toolStderr.stream()
          .filter(l -> l.contains("openinference propagator"))
          .collect(Collectors.toList());
    }

    String describe() {
      return description
          + "\nspans: "
          + receiver.stream()
              .map(
                  s ->
                      s.getResource().getAttribute(SERVICE_NAME)
                          + "/"
                          + s.getName()
                          + "/"
                          + s.getKind()
                          + " "
                          + s.getAttributes())
              .collect(Collectors.joining("\n  "));
    }
  }

  /** The children of one run, stopped together. */
  private static final class Services implements AutoCloseable {
    final Map<String, ChildJvm> children = new LinkedHashMap<>();

    ChildJvm add(String name, ChildJvm child) {
      children.put(name, child);
      return child;
    }

    String describe() {
      return children.entrySet().stream()
          .map(e -> "=== " + e.getKey() + " ===\n" + e.getValue().describe())
          .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
      children.values().forEach(ChildJvm::close);
    }
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
