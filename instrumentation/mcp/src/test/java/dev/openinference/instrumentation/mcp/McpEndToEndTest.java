/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.internal.CapturedLogs;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An agent process (this JVM) calls the {@code weather} tool of a tool server process ({@link
 * WeatherToolServer}, a child JVM) over stdio and over streamable HTTP, real MCP SDK on both sides,
 * both exporting over OTLP/HTTP to one loopback receiver. The tool server's spans join the agent's
 * trace always, and its session and user only when it holds the agent's propagation key.
 */
class McpEndToEndTest {

  /** The MCP SDK's INFO lines (initialisation, process exit) kept out of the build output. */
  private static final java.util.logging.Logger MCP_SDK_LOGS = quiet("io.modelcontextprotocol");

  private static final String KEY = "mcp-e2e-key-0123456789abcdef";
  private static final String WRONG_KEY = "not-the-agents-key-0123456789";
  private static final String QUESTION = "What's the weather in Paris?";
  private static final String ANSWER = "It is sunny in Paris, 21 °C.";
  private static final String STDIO_NAME = "weather-tools.stdio";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @TempDir Path tempDir;

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final List<Process> servers = new ArrayList<>();

  enum ServerKey {
    MATCHING,
    WRONG,
    MISSING
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @ParameterizedTest
  @EnumSource(ServerKey.class)
  void stdioToolServerJoinsTheTraceAndGetsTheSessionOnlyWithTheKey(ServerKey serverKey)
      throws Exception {
    AutoConfiguredOpenTelemetrySdk agent = agentSdk();
    List<String> serverStderr = new CopyOnWriteArrayList<>();
    StdioClientTransport stdio =
        new StdioClientTransport(
            ServerParameters.builder(javaCommand()).args(childArgs(serverKey, "stdio")).build(),
            McpJsonDefaults.getMapper());
    stdio.setStdErrorHandler(serverStderr::add);
    McpClientTransport transport =
        McpTelemetry.create(agent.getOpenTelemetrySdk()).wrap(stdio, STDIO_NAME);
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
    // The tool server process runs on the SDK this surefire execution tests.
    assertThat(client.getServerInfo().version()).isEqualTo(expectedSdkJar());
    String result;
    try {
      result = turn(agent, () -> text(client.callTool(weatherIn("Paris"))));
    } finally {
      // The SDK ends the server process with SIGTERM and logs its exit code 143 (1.x: a warning).
      try (CapturedLogs sdkLogs = CapturedLogs.of("io.modelcontextprotocol")) {
        client.closeGracefully();
        assertThat(sdkLogs.toString()).isNotEmpty();
      }
    }
    flush(agent);

    assertThat(result).isEqualTo("Sunny in Paris, 21 °C");
    assertTrace(serverKey, STDIO_NAME, "pipe", String.join("\n", serverStderr));
  }

  @ParameterizedTest
  @EnumSource(ServerKey.class)
  void httpToolServerJoinsTheTraceAndGetsTheSessionOnlyWithTheKey(ServerKey serverKey)
      throws Exception {
    AutoConfiguredOpenTelemetrySdk agent = agentSdk();
    Path stderr = tempDir.resolve("server-stderr.txt");
    String baseUrl = startHttpServer(serverKey, stderr);
    McpClientTransport transport =
        McpTelemetry.create(agent.getOpenTelemetrySdk())
            .wrap(HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp").build());
    McpAsyncClient client =
        McpClient.async(transport).requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize().block(Duration.ofSeconds(30));
    assertThat(client.getServerInfo().version()).isEqualTo(expectedSdkJar());
    String result;
    try {
      result = turn(agent, () -> text(client.callTool(weatherIn("Paris")).block(WAIT)));
    } finally {
      client.closeGracefully().block(Duration.ofSeconds(10));
    }
    flush(agent);
    stopServers();

    assertThat(result).isEqualTo("Sunny in Paris, 21 °C");
    assertTrace(serverKey, "127.0.0.1", "tcp", Files.readString(stderr));
  }

  @Test
  void forgedAndMalformedMetaFromAnUntracedClientNeverBreaksACall() throws Exception {
    Path stderr = tempDir.resolve("server-stderr.txt");
    String baseUrl = startHttpServer(ServerKey.MATCHING, stderr);
    // No wrapper on this client: the _meta below reaches the server as written.
    McpSyncClient client =
        McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp").build())
            .requestTimeout(Duration.ofSeconds(30))
            .build();
    client.initialize();
    Map<String, Object> forged = new LinkedHashMap<>();
    forged.put("traceparent", 42);
    forged.put("tracestate", List.of("a=b"));
    forged.put("baggage", "session.id=forged-baggage," + "x=".repeat(20_000));
    forged.put("openinference", "session.id=forged-session;user.id=forged-user");
    forged.put("session.id", "forged-plain");
    forged.put("user.id", Map.of("nested", true));
    McpSchema.CallToolRequest request =
        new McpSchema.CallToolRequest("weather", Map.of("city", "Oslo"), forged);
    assertThat(MCP_SDK_LOGS.getLevel()).isNotNull();

    assertThat(text(client.callTool(request))).isEqualTo("Sunny in Oslo, 21 °C");
    McpSchema.CallToolRequest hugeTraceparent =
        new McpSchema.CallToolRequest(
            "weather", Map.of("city", "Rome"), Map.of("traceparent", "0".repeat(100_000)));
    assertThat(text(client.callTool(hugeTraceparent))).isEqualTo("Sunny in Rome, 21 °C");
    client.closeGracefully();
    stopServers();

    List<SpanData> lookups = awaitNamed("forecast lookup", 2);
    assertThat(lookups)
        .allSatisfy(
            span -> {
              assertThat(span.getAttributes().get(SESSION_ID)).isNull();
              assertThat(span.getAttributes().get(USER_ID)).isNull();
              assertThat(span.getParentSpanContext().isRemote()).isFalse();
            });
    String serverLog = Files.readString(stderr);
    assertThat(serverLog)
        .contains("params._meta.traceparent (ignored: a JSON number, not a string)")
        .contains("params._meta.baggage (ignored: 40026 characters, over 8192)")
        .doesNotContain("forged-session\"")
        .doesNotContain("Exception in");
  }

  private void assertTrace(ServerKey serverKey, String serverAddress, String network, String log) {
    List<SpanData> spans = awaitNamed("forecast lookup", 1);
    SpanData lookup = spans.get(0);
    spans = otlp.getSpans();
    SpanData root = named(spans, "support turn");
    SpanData clientTool = named(spans, "tools/call weather", SpanKind.CLIENT);
    SpanData serverTool = named(spans, "tools/call weather", SpanKind.SERVER);

    // One trace: turn -> MCP client TOOL span -> tool server's TOOL span -> the tool's own span.
    assertThat(clientTool.getTraceId()).isEqualTo(root.getTraceId());
    assertThat(clientTool.getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(serverTool.getTraceId()).isEqualTo(root.getTraceId());
    assertThat(serverTool.getParentSpanId()).isEqualTo(clientTool.getSpanId());
    assertThat(lookup.getTraceId()).isEqualTo(root.getTraceId());
    assertThat(lookup.getParentSpanId()).isEqualTo(serverTool.getSpanId());
    assertThat(serverTool.getResource().getAttribute(stringKey("service.name")))
        .isEqualTo("weather-tools");

    assertThat(clientTool)
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
        .hasAttribute(TOOL_NAME, "weather")
        .hasAttribute(stringKey("gen_ai.tool.name"), "weather")
        .hasAttribute(stringKey("gen_ai.operation.name"), "execute_tool")
        .hasAttribute(stringKey("mcp.method.name"), "tools/call")
        .hasAttribute(stringKey("server.address"), serverAddress)
        .hasAttribute(stringKey("network.transport"), network)
        .hasAttribute(INPUT_VALUE, "{\"city\":\"Paris\"}")
        .hasAttribute(OUTPUT_VALUE, "Sunny in Paris, 21 °C")
        .hasAttribute(SESSION_ID, "session-42")
        .hasAttribute(USER_ID, "user-7");
    assertThat(clientTool.getAttributes().get(stringKey("jsonrpc.request.id"))).isNotBlank();
    assertThat(serverTool)
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
        .hasAttribute(TOOL_NAME, "weather")
        .hasAttribute(INPUT_VALUE, "{\"city\":\"Paris\"}")
        .hasAttribute(OUTPUT_VALUE, "Sunny in Paris, 21 °C");
    assertThat(serverTool.getAttributes().get(TOOL_PARAMETERS)).contains("\"city\"");

    // The turn shows the question and the answer, not the tool's arguments and result.
    assertThat(root)
        .hasAttribute(INPUT_VALUE, QUESTION)
        .hasAttribute(OUTPUT_VALUE, ANSWER)
        .hasAttribute(SESSION_ID, "session-42");

    for (SpanData server : List.of(serverTool, lookup)) {
      if (serverKey == ServerKey.MATCHING) {
        assertThat(server).hasAttribute(SESSION_ID, "session-42").hasAttribute(USER_ID, "user-7");
      } else {
        assertThat(server.getAttributes().get(SESSION_ID)).as(server.getName()).isNull();
        assertThat(server.getAttributes().get(USER_ID)).as(server.getName()).isNull();
      }
    }
    switch (serverKey) {
      case MATCHING -> assertThat(log).doesNotContain("ignored");
      case WRONG -> assertThat(log).contains("signature does not verify");
      case MISSING -> assertThat(log).contains("no otel.openinference.propagation.key");
    }
  }

  /** One turn of the agent: the model asks for the tool, the tool runs, the model answers. */
  private String turn(AutoConfiguredOpenTelemetrySdk agent, ThrowingSupplier<String> tool)
      throws Exception {
    Tracer tracer = agent.getOpenTelemetrySdk().getTracer("support-agent");
    try (Scope s = OpenInference.usingSession("session-42");
        Scope u = OpenInference.usingUser("user-7")) {
      Span turn = tracer.spanBuilder("support turn").startSpan();
      try (Scope t = turn.makeCurrent()) {
        tracer
            .spanBuilder("chat")
            .setAttribute(OPENINFERENCE_SPAN_KIND, "LLM")
            .setAttribute("llm.input_messages.0.message.role", "user")
            .setAttribute("llm.input_messages.0.message.content", QUESTION)
            .setAttribute("llm.output_messages.0.message.role", "assistant")
            .setAttribute(
                "llm.output_messages.0.message.tool_calls.0.tool_call.function.name", "weather")
            .startSpan()
            .end();
        String result = tool.get();
        tracer
            .spanBuilder("chat")
            .setAttribute(OPENINFERENCE_SPAN_KIND, "LLM")
            .setAttribute("llm.input_messages.0.message.role", "user")
            .setAttribute("llm.input_messages.0.message.content", QUESTION)
            .setAttribute("llm.input_messages.1.message.role", "tool")
            .setAttribute("llm.input_messages.1.message.content", result)
            .setAttribute("llm.output_messages.0.message.role", "assistant")
            .setAttribute("llm.output_messages.0.message.content", ANSWER)
            .startSpan()
            .end();
        return result;
      } finally {
        turn.end();
      }
    }
  }

  private AutoConfiguredOpenTelemetrySdk agentSdk() {
    Map<String, String> properties = new HashMap<>(otelProperties("support-agent"));
    properties.put("otel.openinference.propagation.key", KEY);
    properties.put("otel.openinference.propagation.destinations", STDIO_NAME + ",127.0.0.1");
    AutoConfiguredOpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesCustomizer(config -> properties)
            .disableShutdownHook()
            .build();
    cleanup.add(() -> sdk.getOpenTelemetrySdk().close());
    return sdk;
  }

  private static Map<String, String> otelProperties(String serviceName) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("otel.service.name", serviceName);
    properties.put("otel.resource.attributes", "");
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
    properties.put("otel.exporter.otlp.traces.endpoint", otlp.getHttpTracesEndpoint());
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.traces.sampler", "parentbased_always_on");
    properties.put("otel.bsp.schedule.delay", "100");
    properties.put("otel.propagators", "tracecontext,baggage,openinference");
    properties.put("otel.openinference.session.id", "");
    properties.put("otel.openinference.user.id", "");
    return properties;
  }

  private List<String> childArgs(ServerKey serverKey, String mode) {
    List<String> args = new ArrayList<>();
    args.add("-XX:TieredStopAtLevel=1");
    args.add("-Dio.opentelemetry.context.enableStrictContext=true");
    otelProperties("weather-tools").forEach((k, v) -> args.add("-D" + k + "=" + v));
    switch (serverKey) {
      case MATCHING -> args.add("-Dotel.openinference.propagation.key=" + KEY);
      case WRONG -> args.add("-Dotel.openinference.propagation.key=" + WRONG_KEY);
      case MISSING -> {}
    }
    args.add("-cp");
    args.add(System.getProperty("java.class.path"));
    args.add(WeatherToolServer.class.getName());
    args.add(mode);
    return args;
  }

  private String startHttpServer(ServerKey serverKey, Path stderr) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(javaCommand());
    command.addAll(childArgs(serverKey, "http"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_"));
    Process process = builder.start();
    servers.add(process);
    cleanup.add(this::stopServers);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("LISTENING ")) {
      throw new AssertionError(
          "the tool server did not start: " + line + "\n" + Files.readString(stderr));
    }
    return "http://127.0.0.1:" + line.substring("LISTENING ".length()).trim();
  }

  /** Ends the HTTP tool servers; the shutdown hook of their SDK exports what is pending. */
  private void stopServers() throws InterruptedException {
    for (Process process : servers) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    servers.clear();
  }

  private static void flush(AutoConfiguredOpenTelemetrySdk sdk) {
    assertThat(
            sdk.getOpenTelemetrySdk()
                .getSdkTracerProvider()
                .forceFlush()
                .join(10, TimeUnit.SECONDS)
                .isSuccess())
        .isTrue();
  }

  private static List<SpanData> awaitNamed(String name, int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<SpanData> found =
          otlp.getSpans().stream().filter(span -> span.getName().equals(name)).toList();
      if (found.size() >= count || System.nanoTime() > deadline) {
        assertThat(found).as("spans named " + name).hasSizeGreaterThanOrEqualTo(count);
        return found;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static SpanData named(List<SpanData> spans, String name) {
    Optional<SpanData> found = spans.stream().filter(s -> s.getName().equals(name)).findFirst();
    assertThat(found).as("span " + name + " in " + spans).isPresent();
    return found.get();
  }

  private static SpanData named(List<SpanData> spans, String name, SpanKind kind) {
    Optional<SpanData> found =
        spans.stream().filter(s -> s.getName().equals(name) && s.getKind() == kind).findFirst();
    assertThat(found).as(kind + " span " + name + " in " + spans).isPresent();
    return found.get();
  }

  static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  // The two-argument constructor is deprecated in 2.x, but the only one 1.x and 2.x share.
  @SuppressWarnings("deprecation")
  private static McpSchema.CallToolRequest weatherIn(String city) {
    return new McpSchema.CallToolRequest("weather", Map.of("city", city));
  }

  private static String text(McpSchema.CallToolResult result) {
    assertThat(result.isError()).isNotEqualTo(true);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private static String expectedSdkJar() {
    return "mcp-core-" + System.getProperty("mcp.expected.version") + ".jar";
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
