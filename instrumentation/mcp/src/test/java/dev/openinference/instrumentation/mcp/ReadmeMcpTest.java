/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.internal.CapturedLogs;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's "MCP tool servers" snippets, run: the agent's client wrapper (with the agent's
 * properties, through {@code GlobalOpenTelemetry}) against the tool server snippet in a process
 * of its own (with the tool server's properties), both sharing one key.
 */
class ReadmeMcpTest {

  private static final String KEY = "readme-key-0123456789abcdef";

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  /** The README's tool server. */
  public static final class WeatherTools {
    // Tool.builder() is deprecated in 2.x, but the one way to build a Tool that 1.x shares.
    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws InterruptedException {
      AutoConfiguredOpenTelemetrySdk.initialize();
      McpJsonMapper jsonMapper = McpJsonDefaults.getMapper();
      McpSchema.Tool weather = McpSchema.Tool.builder().name("weather").description("Today's weather").inputSchema(jsonMapper, "{\"type\":\"object\"}").build();
      List<McpServerFeatures.SyncToolSpecification> tools = List.of(new McpServerFeatures.SyncToolSpecification(weather, (exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("Sunny").build()));

      McpServer.sync(new StdioServerTransportProvider(jsonMapper))
          .serverInfo("weather-tools", "1.0")
          .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
          .tools(McpTelemetry.create().wrapSyncTools(tools))
          .build();

      Thread.currentThread().join();
    }
  }

  @Test
  @SuppressWarnings("deprecation") // the CallToolRequest form that MCP SDK 1.x and 2.x share
  void theAgentAndTheToolServerOfTheReadmeShareTheSession() throws Exception {
    Map<String, String> agentProperties = load("readme/agent.properties");
    agentProperties.putAll(exportTo("support-agent"));
    agentProperties.put("otel.openinference.propagation.key", KEY);
    List<String> serverArgs = new ArrayList<>();
    Map<String, String> serverProperties = load("readme/tool-server.properties");
    serverProperties.putAll(exportTo("weather-tools"));
    serverProperties.put("otel.openinference.propagation.key", KEY);
    serverProperties.forEach((k, v) -> serverArgs.add("-D" + k + "=" + v));
    serverArgs.addAll(List.of("-cp", System.getProperty("java.class.path"), WeatherTools.class.getName()));
    ServerParameters serverParameters = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString()).args(serverArgs).build();
    McpJsonMapper jsonMapper = McpJsonDefaults.getMapper();
    String toolsUrl = "http://tools.internal:8080";

    GlobalOpenTelemetry.resetForTest();
    AutoConfiguredOpenTelemetrySdk agent = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesCustomizer(config -> agentProperties).disableShutdownHook().setResultAsGlobal().build();
    // The SDK logs the server's standard error and its exit at INFO; kept out of the build output.
    try (CapturedLogs sdkLogs = CapturedLogs.of("io.modelcontextprotocol")) {
      McpClientTransport transport = McpTelemetry.create().wrap(new StdioClientTransport(serverParameters, jsonMapper), "weather-tools.stdio");
      McpSyncClient client = McpClient.sync(transport).build();

      McpClientTransport http = McpTelemetry.create().wrap(HttpClientStreamableHttpTransport.builder(toolsUrl).endpoint("/mcp").build());

      assertThat(http.toString()).contains("host=tools.internal, port=8080");
      client.initialize();
      try (Scope s = OpenInference.usingSession("readme-session");
          Scope u = OpenInference.usingUser("readme-user")) {
        assertThat(client.callTool(new McpSchema.CallToolRequest("weather", Map.of())).isError()).isNotEqualTo(true);
      }
      client.closeGracefully();
      assertThat(sdkLogs.toString()).isNotEmpty();
      agent.getOpenTelemetrySdk().getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    } finally {
      agent.getOpenTelemetrySdk().close();
      GlobalOpenTelemetry.resetForTest();
    }

    SpanData server = awaitServerSpan();
    assertThat(server).hasAttribute(SESSION_ID, "readme-session").hasAttribute(USER_ID, "readme-user");
  }

  private static SpanData awaitServerSpan() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (SpanData span : otlp.getSpans()) {
        if (span.getName().equals("tools/call weather") && span.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER) {
          return span;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no tool server span in " + otlp.getSpans());
  }

  private static Map<String, String> exportTo(String serviceName) {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.service.name", serviceName);
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
    properties.put("otel.exporter.otlp.traces.endpoint", otlp.getHttpTracesEndpoint());
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.bsp.schedule.delay", "100");
    return properties;
  }

  private static Map<String, String> load(String resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = ReadmeMcpTest.class.getClassLoader().getResourceAsStream(resource)) {
      properties.load(in);
    }
    Map<String, String> map = new HashMap<>();
    properties.forEach((k, v) -> map.put((String) k, (String) v));
    assertThat(map).containsEntry("otel.propagators", "tracecontext,baggage,openinference");
    return map;
  }
}
