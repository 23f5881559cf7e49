/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.context.OpenInference;
import dev.openinference.instrumentation.mcp.McpTelemetry;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.SessionView;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Example 11, a session across an MCP tool server: an agent calls the {@code weather} tool of an
 * MCP server that runs as a process of its own ({@link McpWeatherServer}, started over stdio, as
 * Claude Desktop or an IDE starts tool servers), and the tool server's spans land in the agent's
 * trace with the agent's session and user.
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=McpToolSessions
 * </pre>
 *
 * <p>The agent wraps its MCP client transport with {@code McpTelemetry.wrap(transport,
 * "weather-tools.stdio")}: each request carries {@code traceparent} and the {@code openinference}
 * propagator's signed session and user in {@code params._meta}. A stdio server has no host name, so
 * the agent names it, and {@code weather-tools.stdio} is on the agent's {@code
 * otel.openinference.propagation.destinations}. The tool server wraps its tools with {@code
 * McpTelemetry.create().wrapSyncTools(...)} and holds the same {@code
 * otel.openinference.propagation.key}; a server without it would join the trace but get no session.
 * Both processes export to the embedded receiver, whose session view closes the run.
 */
public final class McpToolSessions {

  /** The key both processes share; in production it comes from a secret store, never code. */
  static final String KEY = "example-key-do-not-use-in-production";

  static final String SESSION = "conversation-1";
  static final String USER = "alice";
  static final List<String> CITIES = List.of("Paris", "Oslo");

  private static final String SLF4J_PROVIDER = "slf4j.provider";
  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
  private static final String SLF4J_NOP = "org.slf4j.helpers.NOP_FallbackServiceProvider";

  private McpToolSessions() {}

  /**
   * The MCP SDK logs each connection at INFO through SLF4J; this example's output is its story, so
   * unless the caller chose an SLF4J provider it gets none.
   */
  private static void quietSdkLogging() {
    if (System.getProperty(SLF4J_PROVIDER) == null) {
      System.setProperty(SLF4J_PROVIDER, SLF4J_NOP);
      // Without this, SLF4J says on standard error which provider it was told to load.
      System.setProperty(SLF4J_VERBOSITY, "WARN");
    }
  }

  public static void main(String[] args) {
    quietSdkLogging();
    boolean quiet = List.of(args).contains("--quiet");
    SessionView view = run(quiet ? Examples.nowhere() : System.out);
    if (quiet) {
      System.out.println(Examples.checkLine(view));
    }
  }

  /** The settings of a process: what {@code OTEL_*} variables would say in a deployment. */
  static Map<String, String> configuration(String serviceName, String tracesEndpoint) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("otel.service.name", serviceName);
    config.put("otel.traces.exporter", "otlp");
    config.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
    config.put("otel.exporter.otlp.traces.endpoint", tracesEndpoint);
    config.put("otel.metrics.exporter", "none");
    config.put("otel.logs.exporter", "none");
    config.put("otel.bsp.schedule.delay", "100");
    config.put("otel.propagators", "tracecontext,baggage,openinference");
    config.put("otel.openinference.propagation.key", KEY);
    return config;
  }

  static SessionView run(PrintStream out) {
    Examples.disableNagleInJdkHttpServer();
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      String endpoint = receiver.getHttpTracesEndpoint();
      Map<String, String> agentConfig = configuration("support-agent", endpoint);
      agentConfig.put("otel.openinference.propagation.destinations", "weather-tools.stdio");
      AutoConfiguredOpenTelemetrySdk agent =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesCustomizer(config -> agentConfig)
              .disableShutdownHook()
              .build();
      List<String> serverLog = new CopyOnWriteArrayList<>();
      try {
        McpSyncClient client = connect(agent.getOpenTelemetrySdk(), endpoint, serverLog);
        try {
          for (String city : CITIES) {
            out.println(turn(agent.getOpenTelemetrySdk(), client, city));
          }
        } finally {
          // Ends the tool server process, whose SDK exports what it has on the way out.
          client.closeGracefully();
        }
      } finally {
        agent.getOpenTelemetrySdk().getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
        agent.getOpenTelemetrySdk().close();
      }
      List<SpanData> spans = awaitToolServerSpans(receiver, CITIES.size() * 2);
      SessionView view = SessionView.from(spans);
      if (!serverLog.isEmpty()) {
        out.println();
        out.println("The tool server process said:");
        serverLog.forEach(line -> out.println("  " + line));
      }
      out.println();
      out.println(view.render());
      return view;
    }
  }

  /** Starts the tool server process over stdio and connects the traced client to it. */
  private static McpSyncClient connect(
      OpenTelemetry openTelemetry, String endpoint, List<String> serverLog) {
    List<String> args = new ArrayList<>();
    // A stdio tool server's standard output is the MCP channel: no log line may go there, and
    // Logback (on this module's class path for the Spring example) writes to it by default.
    args.add("-D" + SLF4J_PROVIDER + "=" + SLF4J_NOP);
    args.add("-D" + SLF4J_VERBOSITY + "=WARN");
    configuration("weather-tools", endpoint).forEach((k, v) -> args.add("-D" + k + "=" + v));
    args.add("-cp");
    args.add(classPath());
    args.add(McpWeatherServer.class.getName());
    StdioClientTransport stdio =
        new StdioClientTransport(
            ServerParameters.builder(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString())
                .args(args)
                .build(),
            McpJsonDefaults.getMapper());
    stdio.setStdErrorHandler(serverLog::add);
    McpClientTransport transport =
        McpTelemetry.create(openTelemetry).wrap(stdio, "weather-tools.stdio");
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
    return client;
  }

  /**
   * One turn: the model asks for the tool, the MCP call runs it in the other process, the model
   * answers.
   */
  @SuppressWarnings("deprecation") // the CallToolRequest form that MCP SDK 1.x and 2.x share
  private static String turn(OpenTelemetry openTelemetry, McpSyncClient client, String city) {
    Tracer tracer = openTelemetry.getTracer("dev.openinference.examples.mcp");
    String question = "What's the weather in " + city + "?";
    try (Scope s = OpenInference.usingSession(SESSION);
        Scope u = OpenInference.usingUser(USER)) {
      Span turn = tracer.spanBuilder("support turn").startSpan();
      try (Scope current = turn.makeCurrent()) {
        model(tracer, question, null);
        McpSchema.CallToolResult result =
            client.callTool(new McpSchema.CallToolRequest("weather", Map.of("city", city)));
        String forecast = ((McpSchema.TextContent) result.content().get(0)).text();
        String answer = "It is " + forecast.replace("Sunny", "sunny") + ".";
        model(tracer, question, answer);
        return question + " " + answer;
      } finally {
        turn.end();
      }
    }
  }

  /** A model call, as an LLM instrumentation would record it (no model is called here). */
  private static void model(Tracer tracer, String question, String answer) {
    Span span =
        tracer
            .spanBuilder("chat")
            .setAttribute(
                SemanticConventions.OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.LLM.getValue())
            .setAttribute("llm.input_messages.0.message.role", "user")
            .setAttribute("llm.input_messages.0.message.content", question)
            .setAttribute("llm.output_messages.0.message.role", "assistant")
            .startSpan();
    if (answer != null) {
      span.setAttribute("llm.output_messages.0.message.content", answer);
    } else {
      span.setAttribute(
          "llm.output_messages.0.message.tool_calls.0.tool_call.function.name", "weather");
    }
    span.end();
  }

  /** All spans, once the tool server's (which arrive when its process ends) are in. */
  private static List<SpanData> awaitToolServerSpans(OtlpReceiver receiver, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<SpanData> spans = receiver.getSpans();
      long fromToolServer =
          spans.stream()
              .filter(
                  span ->
                      "weather-tools"
                          .equals(
                              span.getResource()
                                  .getAttribute(
                                      io.opentelemetry.api.common.AttributeKey.stringKey(
                                          "service.name"))))
              .count();
      if (fromToolServer >= count) {
        return spans;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return receiver.getSpans();
  }

  /**
   * This program's class path, for the tool server process: the class loader's URLs when run by
   * {@code exec:java} (whose JVM class path is Maven's), else {@code java.class.path}.
   */
  private static String classPath() {
    if (McpToolSessions.class.getClassLoader() instanceof URLClassLoader loader) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // Not a file: nothing a child JVM could load.
        }
      }
      if (!entries.isEmpty()) {
        return String.join(File.pathSeparator, entries);
      }
    }
    return System.getProperty("java.class.path");
  }
}
