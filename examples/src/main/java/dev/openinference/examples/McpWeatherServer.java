/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.instrumentation.mcp.McpTelemetry;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.List;

/**
 * The MCP tool server of {@link McpToolSessions}: a process of its own, started by the agent, that
 * serves one tool ({@code weather}) over stdio. Its SDK is autoconfigured like any service's, here
 * from the {@code -Dotel.*} properties the agent passes (a deployment would set {@code OTEL_*}
 * variables): {@code otel.propagators=tracecontext,baggage,openinference} and the shared {@code
 * otel.openinference.propagation.key}. One line of OpenInference code, {@code
 * McpTelemetry.create().wrapSyncTools(...)}, makes each call run in the caller's trace and signed
 * session.
 */
public final class McpWeatherServer {

  private McpWeatherServer() {}

  public static void main(String[] args) throws InterruptedException {
    // Exports on shutdown too: the agent ends this process when it closes its MCP client.
    AutoConfiguredOpenTelemetrySdk.initialize();
    McpJsonMapper json = McpJsonDefaults.getMapper();
    McpServer.sync(new StdioServerTransportProvider(json))
        .serverInfo("weather-tools", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(McpTelemetry.create().wrapSyncTools(List.of(weatherTool(json))))
        .build();
    Thread.currentThread().join();
  }

  // Tool.builder() is deprecated in MCP SDK 2.x, but the one way to build a Tool that 1.x shares.
  @SuppressWarnings("deprecation")
  private static McpServerFeatures.SyncToolSpecification weatherTool(McpJsonMapper json) {
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name("weather")
            .description("Today's weather in a city")
            .inputSchema(
                json,
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                    + "\"required\":[\"city\"]}")
            .build();
    return new McpServerFeatures.SyncToolSpecification(
        tool,
        (exchange, request) -> {
          Object city = request.arguments() == null ? null : request.arguments().get("city");
          // The tool's own work: a span in the agent's trace, with the agent's session and user.
          Span lookup =
              GlobalOpenTelemetry.getTracer("weather-tools")
                  .spanBuilder("forecast lookup")
                  .setAttribute("weather.city", String.valueOf(city))
                  .startSpan();
          lookup.end();
          return McpSchema.CallToolResult.builder()
              .addTextContent("Sunny in " + city + ", 21 °C")
              .isError(false)
              .build();
        });
  }
}
