/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import dev.openinference.context.internal.RateLimitedLogger;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * Traces the Model Context Protocol (the MCP Java SDK, 1.0.1 or later) on both sides of a call, so
 * that a tool server's spans join the agent's trace and session.
 *
 * <p>Client side, {@link #wrap(McpClientTransport)} wraps the transport an {@code McpClient} is
 * built on (stdio or streamable HTTP, sync or async client): every request gets a {@code CLIENT}
 * span and carries the context in {@code params._meta} ({@code traceparent}, {@code tracestate},
 * {@code baggage}, and the signed {@code openinference} field when that propagator is configured
 * and the server is allow-listed); a {@code tools/call} span is an OpenInference {@code TOOL} span
 * with the arguments as {@code input.value} and the result as {@code output.value}.
 *
 * <pre>{@code
 * McpClientTransport transport = McpTelemetry.create().wrap(new StdioClientTransport(params, json));
 * }</pre>
 *
 * <p>Server side, {@link #wrap(McpServerFeatures.SyncToolSpecification)} (and the async and list
 * forms) wraps a tool: each call runs in a {@code SERVER} {@code TOOL} span whose parent is the
 * context read back from {@code params._meta} with the configured propagators, so {@code
 * session.id} and {@code user.id} arrive only through the {@code openinference} propagator's signed
 * field.
 *
 * <p>Propagators and tracer come from the given {@link OpenTelemetry}, or from {@link
 * GlobalOpenTelemetry} at each call for {@link #create()}. Nothing here throws into the MCP SDK: a
 * failure of the instrumentation leaves the call untraced, with a rate-limited warning.
 */
public final class McpTelemetry {

  static final String INSTRUMENTATION_NAME = "dev.openinference.instrumentation.mcp";

  private static final String REACTOR_CONTEXT_KEY =
      "dev.openinference.instrumentation.mcp.otel-context";

  private static final RateLimitedLogger logger = RateLimitedLogger.create(McpTelemetry.class);

  @Nullable private final OpenTelemetry openTelemetry;

  private McpTelemetry(@Nullable OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
  }

  /**
   * Returns an instance that uses {@link GlobalOpenTelemetry} (the javaagent's, or the one the
   * application registered), looked up at each call.
   *
   * @return a new instance, never null
   */
  public static McpTelemetry create() {
    return new McpTelemetry(null);
  }

  /**
   * Returns an instance that uses {@code openTelemetry}'s tracer and propagators.
   *
   * @param openTelemetry the OpenTelemetry to use; null means {@link GlobalOpenTelemetry}, with a
   *     warning
   * @return a new instance, never null
   */
  public static McpTelemetry create(OpenTelemetry openTelemetry) {
    if (openTelemetry == null) {
      logger.warning("McpTelemetry.create: null OpenTelemetry; GlobalOpenTelemetry is used.");
    }
    return new McpTelemetry(openTelemetry);
  }

  /**
   * Wraps the transport of an MCP client. The server's address (on the client spans, and the
   * destination the {@code openinference} propagator checks against its allow-list) is the base URL
   * of the SDK's HTTP transports; a stdio server has none, so it gets the trace context but no
   * OpenInference values unless named with {@link #wrap(McpClientTransport, String)}.
   *
   * @param transport the transport to wrap; null is returned as is, with a warning
   * @return the traced transport, or {@code transport} itself when it is already traced
   */
  public McpClientTransport wrap(McpClientTransport transport) {
    return wrapClient(transport, null);
  }

  /**
   * Wraps the transport of an MCP client whose server is known as {@code serverAddress}: a host,
   * {@code host:port} or URL for an HTTP server; for a stdio server a name of your choosing (for
   * example {@code weather-tools.stdio}), which its client spans carry as {@code server.address}
   * and which {@code otel.openinference.propagation.destinations} must list before session and user
   * are sent to that process.
   *
   * @param transport the transport to wrap; null is returned as is, with a warning
   * @param serverAddress the server's host, {@code host:port}, URL or stdio name; null or blank
   *     means {@link #wrap(McpClientTransport)}
   * @return the traced transport, or {@code transport} itself when it is already traced
   */
  public McpClientTransport wrap(McpClientTransport transport, String serverAddress) {
    return wrapClient(transport, serverAddress);
  }

  private McpClientTransport wrapClient(
      @Nullable McpClientTransport transport, @Nullable String serverAddress) {
    if (transport == null) {
      logger.warning("McpTelemetry.wrap: null transport; nothing to trace.");
      return transport;
    }
    if (transport instanceof TracingClientTransport) {
      return transport;
    }
    try {
      return new TracingClientTransport(
          this, transport, ServerAddress.of(transport, serverAddress));
    } catch (Throwable t) {
      logger.warning("McpTelemetry.wrap: could not trace " + transport + "; it runs untraced", t);
      return transport;
    }
  }

  /**
   * Wraps a synchronous tool of an MCP server: each call runs in a {@code TOOL} span joined to the
   * caller's trace, with the OpenInference values the caller signed.
   *
   * @param tool the tool to wrap; null is returned as is, with a warning
   * @return the traced tool, or {@code tool} itself when it is already traced
   */
  public McpServerFeatures.SyncToolSpecification wrap(
      McpServerFeatures.SyncToolSpecification tool) {
    return TracedTools.wrap(this, tool);
  }

  /**
   * Wraps an asynchronous tool of an MCP server; see {@link
   * #wrap(McpServerFeatures.SyncToolSpecification)}. The context is current while the handler
   * builds its {@code Mono}; the span ends when that {@code Mono} completes, fails or is cancelled.
   *
   * @param tool the tool to wrap; null is returned as is, with a warning
   * @return the traced tool, or {@code tool} itself when it is already traced
   */
  public McpServerFeatures.AsyncToolSpecification wrap(
      McpServerFeatures.AsyncToolSpecification tool) {
    return TracedTools.wrap(this, tool);
  }

  /**
   * Wraps each synchronous tool of {@code tools}; see {@link
   * #wrap(McpServerFeatures.SyncToolSpecification)}.
   *
   * @param tools the tools to wrap; null elements are dropped with a warning, null is an empty list
   * @return a new unmodifiable list of the traced tools, never null
   */
  public List<McpServerFeatures.SyncToolSpecification> wrapSyncTools(
      List<McpServerFeatures.SyncToolSpecification> tools) {
    List<McpServerFeatures.SyncToolSpecification> wrapped = new ArrayList<>();
    if (tools == null) {
      logger.warning("McpTelemetry.wrapSyncTools: null tools; none to trace.");
      return Collections.unmodifiableList(wrapped);
    }
    for (McpServerFeatures.SyncToolSpecification tool : tools) {
      if (tool != null) {
        wrapped.add(wrap(tool));
      } else {
        logger.warning("McpTelemetry.wrapSyncTools: dropped a null tool.");
      }
    }
    return Collections.unmodifiableList(wrapped);
  }

  /**
   * Wraps each asynchronous tool of {@code tools}; see {@link
   * #wrap(McpServerFeatures.AsyncToolSpecification)}.
   *
   * @param tools the tools to wrap; null elements are dropped with a warning, null is an empty list
   * @return a new unmodifiable list of the traced tools, never null
   */
  public List<McpServerFeatures.AsyncToolSpecification> wrapAsyncTools(
      List<McpServerFeatures.AsyncToolSpecification> tools) {
    List<McpServerFeatures.AsyncToolSpecification> wrapped = new ArrayList<>();
    if (tools == null) {
      logger.warning("McpTelemetry.wrapAsyncTools: null tools; none to trace.");
      return Collections.unmodifiableList(wrapped);
    }
    for (McpServerFeatures.AsyncToolSpecification tool : tools) {
      if (tool != null) {
        wrapped.add(wrap(tool));
      } else {
        logger.warning("McpTelemetry.wrapAsyncTools: dropped a null tool.");
      }
    }
    return Collections.unmodifiableList(wrapped);
  }

  /**
   * Returns a Reactor context function that makes {@code context} the context the requests of an
   * async MCP client carry, for a {@code Mono} subscribed where that context is not current (on
   * another thread, without the javaagent's Reactor instrumentation):
   *
   * <pre>{@code
   * client.callTool(request).contextWrite(McpTelemetry.withContext(Context.current()))
   * }</pre>
   *
   * @param context the OpenTelemetry context (span, session, user) the requests belong to; null
   *     leaves the Reactor context unchanged
   * @return a function for {@code Mono.contextWrite}, never null
   */
  public static Function<reactor.util.context.Context, reactor.util.context.Context> withContext(
      io.opentelemetry.context.Context context) {
    return reactorContext ->
        context == null ? reactorContext : reactorContext.put(REACTOR_CONTEXT_KEY, context);
  }

  /** The OpenTelemetry context in a Reactor context, or null. */
  @Nullable
  static io.opentelemetry.context.Context fromReactorContext(
      reactor.util.context.ContextView reactorContext) {
    Object context = reactorContext.getOrDefault(REACTOR_CONTEXT_KEY, null);
    return context instanceof io.opentelemetry.context.Context
        ? (io.opentelemetry.context.Context) context
        : null;
  }

  OpenTelemetry openTelemetry() {
    return openTelemetry != null ? openTelemetry : GlobalOpenTelemetry.get();
  }

  Tracer tracer() {
    return openTelemetry().getTracer(INSTRUMENTATION_NAME);
  }

  TextMapPropagator propagator() {
    return openTelemetry().getPropagators().getTextMapPropagator();
  }

  @Override
  public String toString() {
    return "McpTelemetry{openTelemetry=" + (openTelemetry == null ? "global" : openTelemetry) + "}";
  }
}
