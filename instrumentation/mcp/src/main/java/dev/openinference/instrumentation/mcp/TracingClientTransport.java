/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static dev.openinference.instrumentation.mcp.McpAttributes.ERROR_TYPE;
import static dev.openinference.instrumentation.mcp.McpAttributes.EXECUTE_TOOL;
import static dev.openinference.instrumentation.mcp.McpAttributes.GEN_AI_OPERATION_NAME;
import static dev.openinference.instrumentation.mcp.McpAttributes.GEN_AI_TOOL_NAME;
import static dev.openinference.instrumentation.mcp.McpAttributes.JSONRPC_REQUEST_ID;
import static dev.openinference.instrumentation.mcp.McpAttributes.MCP_METHOD_NAME;
import static dev.openinference.instrumentation.mcp.McpAttributes.NETWORK_TRANSPORT;
import static dev.openinference.instrumentation.mcp.McpAttributes.RPC_RESPONSE_STATUS_CODE;
import static dev.openinference.instrumentation.mcp.McpAttributes.SERVER_ADDRESS;
import static dev.openinference.instrumentation.mcp.McpAttributes.SERVER_PORT;
import static dev.openinference.instrumentation.mcp.McpAttributes.TOOLS_CALL;
import static dev.openinference.instrumentation.mcp.McpAttributes.TOOLS_LIST;
import static dev.openinference.instrumentation.mcp.McpAttributes.TOOL_ERROR;
import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_PARAMETERS;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.annotation.Nullable;
import reactor.core.publisher.Mono;

/**
 * A client transport that gives each outbound request a {@code CLIENT} span and writes the context
 * of that span into the request's {@code params._meta}; the span ends when the response with the
 * same JSON-RPC id comes in, or when the transport closes.
 *
 * <p>The context is the one {@link McpTelemetry#withContext} put in the request's Reactor context,
 * else the one current when the MCP session hands the request to the transport: the caller's thread
 * for the sync client (and for an async client subscribed on the caller's thread), or whatever
 * Reactor context propagation (the javaagent's) makes current there.
 */
final class TracingClientTransport implements McpClientTransport {

  /** Requests awaiting a response; past this many, the oldest span is ended as unanswered. */
  static final int MAX_PENDING = 1024;

  /**
   * How long a request may wait for its response before its span is ended as unanswered (the SDK
   * times requests out, 20 s by default, without telling the transport).
   */
  static final long MAX_PENDING_NANOS = TimeUnit.MINUTES.toNanos(5);

  /** How often, at most, pending requests are checked against {@link #MAX_PENDING_NANOS}. */
  private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Tool definitions remembered from {@code tools/list} responses, for the TOOL spans. */
  static final int MAX_TOOLS = 256;

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(TracingClientTransport.class);

  private static final TypeRef<Map<String, Object>> MAP = new TypeRef<Map<String, Object>>() {};

  private final McpTelemetry telemetry;
  private final McpClientTransport delegate;
  private final ServerAddress server;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, ToolInfo> tools = new ConcurrentHashMap<>();

  private final long maxPendingNanos;
  private final long sweepIntervalNanos;
  private volatile long lastSweepNanos = System.nanoTime();

  TracingClientTransport(
      McpTelemetry telemetry, McpClientTransport delegate, ServerAddress server) {
    this(telemetry, delegate, server, MAX_PENDING_NANOS, SWEEP_INTERVAL_NANOS);
  }

  TracingClientTransport(
      McpTelemetry telemetry,
      McpClientTransport delegate,
      ServerAddress server,
      long maxPendingNanos,
      long sweepIntervalNanos) {
    this.telemetry = telemetry;
    this.delegate = delegate;
    this.server = server;
    this.maxPendingNanos = maxPendingNanos;
    this.sweepIntervalNanos = sweepIntervalNanos;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return delegate.connect(inbound -> handler.apply(inbound.doOnNext(this::onInbound)));
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    if (!(message instanceof McpSchema.JSONRPCRequest)) {
      return delegate.sendMessage(message);
    }
    McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) message;
    if ("ping".equals(request.method())) {
      // Keep-alive pings would each be a trace of their own.
      return delegate.sendMessage(message);
    }
    // Deferred to subscription, which the MCP session does at once, on the sending thread, with
    // the caller's Reactor context.
    return Mono.deferContextual(
        reactorContext -> {
          Context explicit = McpTelemetry.fromReactorContext(reactorContext);
          return send(request, explicit != null ? explicit : Context.current());
        });
  }

  private Mono<Void> send(McpSchema.JSONRPCRequest request, Context parent) {
    String key = null;
    McpSchema.JSONRPCMessage outbound = request;
    try {
      Map<String, Object> params = paramsOf(request.params());
      Span span = start(request, params, parent);
      key = String.valueOf(request.id());
      track(key, new Pending(span, request.method(), System.nanoTime()));
      outbound =
          new McpSchema.JSONRPCRequest(
              request.jsonrpc(),
              request.method(),
              request.id(),
              withMeta(params, parent.with(span)));
    } catch (Throwable t) {
      logger.warning(
          "OpenInference MCP: sent the "
              + request.method()
              + " request without trace context: "
              + t,
          t);
    }
    String pendingKey = key;
    Mono<Void> sent = delegate.sendMessage(outbound);
    if (pendingKey == null) {
      return sent;
    }
    return sent.doOnError(error -> end(pendingKey, error.toString(), error));
  }

  /** The request's params as a mutable JSON object: records through the SDK's own mapper. */
  private Map<String, Object> paramsOf(@Nullable Object params) {
    if (params == null) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> map = delegate.unmarshalFrom(params, MAP);
    return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
  }

  /** {@code params} with the context injected into its {@code _meta}, other entries kept. */
  private Map<String, Object> withMeta(Map<String, Object> params, Context context) {
    Map<String, Object> meta = new LinkedHashMap<>();
    Object existing = params.get("_meta");
    if (existing instanceof Map) {
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) existing).entrySet()) {
        if (entry.getKey() instanceof String) {
          meta.put((String) entry.getKey(), entry.getValue());
        }
      }
    }
    telemetry.propagator().inject(context, meta, MetaCarrier.INSTANCE);
    if (!meta.isEmpty()) {
      params.put("_meta", meta);
    }
    return params;
  }

  private Span start(McpSchema.JSONRPCRequest request, Map<String, Object> params, Context parent) {
    String method = request.method();
    boolean toolCall = TOOLS_CALL.equals(method);
    String tool =
        toolCall && params.get("name") instanceof String ? (String) params.get("name") : null;
    SpanBuilder builder =
        telemetry
            .tracer()
            .spanBuilder(tool != null ? method + " " + tool : String.valueOf(method))
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(MCP_METHOD_NAME, String.valueOf(method))
            .setAttribute(JSONRPC_REQUEST_ID, String.valueOf(request.id()));
    // Before the span starts: the openinference propagator reads the destination off it.
    if (server.host() != null) {
      builder.setAttribute(SERVER_ADDRESS, server.host());
      if (server.port() > 0) {
        builder.setAttribute(SERVER_PORT, server.port());
      }
    }
    if (server.networkTransport() != null) {
      builder.setAttribute(NETWORK_TRANSPORT, server.networkTransport());
    }
    if (toolCall) {
      builder
          .setAttribute(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.TOOL.getValue())
          .setAttribute(GEN_AI_OPERATION_NAME, EXECUTE_TOOL);
      if (tool != null) {
        builder.setAttribute(GEN_AI_TOOL_NAME, tool).setAttribute(TOOL_NAME, tool);
        ToolInfo info = tools.get(tool);
        if (info != null) {
          if (info.description != null) {
            builder.setAttribute(TOOL_DESCRIPTION, info.description);
          }
          if (info.parameters != null) {
            builder.setAttribute(TOOL_PARAMETERS, info.parameters);
          }
        }
      }
      Object arguments = params.get("arguments");
      builder
          .setAttribute(INPUT_VALUE, McpAttributes.toJson(arguments == null ? Map.of() : arguments))
          .setAttribute(INPUT_MIME_TYPE, McpAttributes.mimeType(true));
    }
    return builder.startSpan();
  }

  private void track(String key, Pending entry) {
    sweep(entry.startNanos);
    Pending previous = pending.put(key, entry);
    if (previous != null) {
      finish(previous, "a request reused its JSON-RPC id before a response came", null);
    }
    if (pending.size() > MAX_PENDING) {
      String oldestKey = null;
      long oldest = Long.MAX_VALUE;
      for (Map.Entry<String, Pending> e : pending.entrySet()) {
        if (e.getValue().startNanos < oldest) {
          oldest = e.getValue().startNanos;
          oldestKey = e.getKey();
        }
      }
      if (oldestKey != null) {
        end(oldestKey, "no response came before " + MAX_PENDING + " newer requests", null);
      }
    }
  }

  /** Ends the spans of requests that have waited longer than allowed; at most every so often. */
  private void sweep(long now) {
    if (pending.isEmpty() || now - lastSweepNanos < sweepIntervalNanos) {
      return;
    }
    lastSweepNanos = now;
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      if (now - e.getValue().startNanos >= maxPendingNanos) {
        end(
            e.getKey(),
            "no response within " + TimeUnit.NANOSECONDS.toSeconds(maxPendingNanos) + " s",
            null);
      }
    }
  }

  private void onInbound(McpSchema.JSONRPCMessage message) {
    try {
      if (message instanceof McpSchema.JSONRPCResponse) {
        McpSchema.JSONRPCResponse response = (McpSchema.JSONRPCResponse) message;
        Pending entry = pending.remove(String.valueOf(response.id()));
        if (entry != null) {
          respond(entry, response);
        }
      }
    } catch (Throwable t) {
      logger.warning("OpenInference MCP: could not record an MCP response: " + t, t);
    }
  }

  private void respond(Pending entry, McpSchema.JSONRPCResponse response) {
    Span span = entry.span;
    try {
      McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
      if (error != null) {
        String code = String.valueOf(error.code());
        span.setAttribute(ERROR_TYPE, code);
        span.setAttribute(RPC_RESPONSE_STATUS_CODE, code);
        span.setStatus(StatusCode.ERROR, String.valueOf(error.message()));
        return;
      }
      Object result = response.result();
      if (TOOLS_CALL.equals(entry.method) && result instanceof Map) {
        Map<?, ?> map = (Map<?, ?>) result;
        String text = McpAttributes.textOf(map.get("content"), map.get("structuredContent"));
        span.setAttribute(OUTPUT_VALUE, text != null ? text : McpAttributes.toJson(map));
        span.setAttribute(OUTPUT_MIME_TYPE, McpAttributes.mimeType(text == null));
        if (Boolean.TRUE.equals(map.get("isError"))) {
          span.setAttribute(ERROR_TYPE, TOOL_ERROR);
          span.setStatus(StatusCode.ERROR, text != null ? text : "the tool reported an error");
        }
      } else if (TOOLS_LIST.equals(entry.method) && result instanceof Map) {
        remember(((Map<?, ?>) result).get("tools"));
      }
    } finally {
      span.end();
    }
  }

  /** Keeps each listed tool's description and input schema for later TOOL spans. */
  private void remember(@Nullable Object listed) {
    if (!(listed instanceof List)) {
      return;
    }
    for (Object item : (List<?>) listed) {
      if (!(item instanceof Map)) {
        continue;
      }
      Map<?, ?> tool = (Map<?, ?>) item;
      if (!(tool.get("name") instanceof String)) {
        continue;
      }
      if (tools.size() >= MAX_TOOLS && !tools.containsKey(tool.get("name"))) {
        return;
      }
      Object description = tool.get("description");
      Object schema = tool.get("inputSchema");
      tools.put(
          (String) tool.get("name"),
          new ToolInfo(
              description instanceof String ? (String) description : null,
              schema == null ? null : McpAttributes.toJson(schema)));
    }
  }

  private void end(String key, String reason, @Nullable Throwable error) {
    Pending entry = pending.remove(key);
    if (entry != null) {
      finish(entry, reason, error);
    }
  }

  private static void finish(Pending entry, String reason, @Nullable Throwable error) {
    try {
      if (error != null) {
        entry.span.recordException(error);
        entry.span.setAttribute(ERROR_TYPE, error.getClass().getName());
      }
      entry.span.setStatus(StatusCode.ERROR, reason);
    } catch (Throwable t) {
      logger.warning("OpenInference MCP: could not record an unanswered MCP request: " + t, t);
    } finally {
      entry.span.end();
    }
  }

  private void endAll(String reason) {
    for (Iterator<String> keys = pending.keySet().iterator(); keys.hasNext(); ) {
      end(keys.next(), reason, null);
    }
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate
        .closeGracefully()
        .doFinally(signal -> endAll("the MCP transport closed before the response came"));
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      endAll("the MCP transport closed before the response came");
    }
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }

  @Override
  public String toString() {
    return "TracingClientTransport{delegate=" + delegate + ", server=" + server + "}";
  }

  private static final class Pending {
    final Span span;
    final String method;
    final long startNanos;

    Pending(Span span, String method, long startNanos) {
      this.span = span;
      this.method = method;
      this.startNanos = startNanos;
    }
  }

  private static final class ToolInfo {
    @Nullable final String description;
    @Nullable final String parameters;

    ToolInfo(@Nullable String description, @Nullable String parameters) {
      this.description = description;
      this.parameters = parameters;
    }
  }
}
