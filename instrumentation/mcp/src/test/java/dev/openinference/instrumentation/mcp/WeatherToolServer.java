/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import reactor.core.publisher.Mono;

/**
 * The tool server process of the end-to-end tests: a real MCP server (stdio with a sync tool, or
 * streamable HTTP on 127.0.0.1 with an async tool) whose one tool, {@code weather}, is wrapped by
 * {@link McpTelemetry} and opens a span of its own. Its SDK is autoconfigured from the {@code
 * -Dotel.*} properties the test passes, and exports to the test's receiver; the shutdown hook the
 * SDK registers flushes it when the test ends the process.
 *
 * <p>Usage: {@code WeatherToolServer stdio|http}. In HTTP mode the first line on standard output is
 * {@code LISTENING <port>}; in stdio mode standard output is the MCP channel.
 */
public final class WeatherToolServer {

  private WeatherToolServer() {}

  // Tool.builder() is deprecated in 2.x, but the one way to build a Tool that 1.x and 2.x share.
  @SuppressWarnings("deprecation")
  public static void main(String[] args) throws Exception {
    AutoConfiguredOpenTelemetrySdk.builder().setResultAsGlobal().build();
    McpTelemetry telemetry = McpTelemetry.create();
    McpJsonMapper json = McpJsonDefaults.getMapper();
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name("weather")
            .description("Today's weather in a city")
            .inputSchema(
                json,
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                    + "\"required\":[\"city\"]}")
            .build();
    McpSchema.ServerCapabilities capabilities =
        McpSchema.ServerCapabilities.builder().tools(false).build();
    if ("stdio".equals(args[0])) {
      McpServer.sync(new StdioServerTransportProvider(json))
          .serverInfo("weather-tools", sdkJar())
          .capabilities(capabilities)
          .tools(
              telemetry.wrapSyncTools(
                  List.of(
                      new McpServerFeatures.SyncToolSpecification(
                          tool, (exchange, request) -> forecast(request)))))
          .build();
      Thread.currentThread().join();
    } else {
      HttpServletStreamableServerTransportProvider transport =
          HttpServletStreamableServerTransportProvider.builder()
              .jsonMapper(json)
              .mcpEndpoint("/mcp")
              .build();
      McpServer.async(transport)
          .serverInfo("weather-tools", sdkJar())
          .capabilities(capabilities)
          .tools(
              telemetry.wrap(
                  new McpServerFeatures.AsyncToolSpecification(
                      tool, (exchange, request) -> Mono.fromCallable(() -> forecast(request)))))
          .build();
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addServlet(new ServletHolder(transport), "/mcp");
      server.setHandler(context);
      server.start();
      System.out.println("LISTENING " + connector.getLocalPort());
      System.out.flush();
      server.join();
    }
  }

  /** The MCP SDK jar this process runs on, as its server version: the tests check it. */
  static String sdkJar() {
    String location = McpSchema.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** The tool: a span of its own (which must join the caller's trace and session), then text. */
  private static McpSchema.CallToolResult forecast(McpSchema.CallToolRequest request) {
    Map<String, Object> arguments = request.arguments();
    Object city = arguments == null ? null : arguments.get("city");
    Span lookup =
        GlobalOpenTelemetry.getTracer("weather-tools").spanBuilder("forecast lookup").startSpan();
    try {
      lookup.setAttribute("weather.city", String.valueOf(city));
    } finally {
      lookup.end();
    }
    return McpSchema.CallToolResult.builder()
        .addTextContent("Sunny in " + city + ", 21 °C")
        .isError(false)
        .build();
  }
}
