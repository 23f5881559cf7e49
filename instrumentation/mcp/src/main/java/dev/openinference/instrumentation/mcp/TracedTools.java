/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static dev.openinference.instrumentation.mcp.McpAttributes.ERROR_TYPE;
import static dev.openinference.instrumentation.mcp.McpAttributes.EXECUTE_TOOL;
import static dev.openinference.instrumentation.mcp.McpAttributes.GEN_AI_OPERATION_NAME;
import static dev.openinference.instrumentation.mcp.McpAttributes.GEN_AI_TOOL_NAME;
import static dev.openinference.instrumentation.mcp.McpAttributes.MCP_METHOD_NAME;
import static dev.openinference.instrumentation.mcp.McpAttributes.MCP_SESSION_ID;
import static dev.openinference.instrumentation.mcp.McpAttributes.TOOLS_CALL;
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
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import javax.annotation.Nullable;
import reactor.core.publisher.Mono;

/**
 * Server-side tool wrappers: each call runs in a {@code SERVER} span, an OpenInference {@code TOOL}
 * span, whose parent is the context the configured propagators read from the request's {@code
 * params._meta}. Whatever the tool returns or throws reaches the SDK unchanged.
 */
final class TracedTools {

  private static final RateLimitedLogger logger = RateLimitedLogger.create(TracedTools.class);

  private TracedTools() {}

  @Nullable
  static McpServerFeatures.SyncToolSpecification wrap(
      McpTelemetry telemetry, @Nullable McpServerFeatures.SyncToolSpecification spec) {
    if (spec == null || spec.callHandler() == null) {
      logger.warning("McpTelemetry.wrap: a null tool or tool handler; nothing to trace.");
      return spec;
    }
    if (spec.callHandler() instanceof SyncHandler) {
      return spec;
    }
    return new McpServerFeatures.SyncToolSpecification(
        spec.tool(), new SyncHandler(new ToolSpans(telemetry, spec.tool()), spec.callHandler()));
  }

  @Nullable
  static McpServerFeatures.AsyncToolSpecification wrap(
      McpTelemetry telemetry, @Nullable McpServerFeatures.AsyncToolSpecification spec) {
    if (spec == null || spec.callHandler() == null) {
      logger.warning("McpTelemetry.wrap: a null tool or tool handler; nothing to trace.");
      return spec;
    }
    if (spec.callHandler() instanceof AsyncHandler) {
      return spec;
    }
    return new McpServerFeatures.AsyncToolSpecification(
        spec.tool(), new AsyncHandler(new ToolSpans(telemetry, spec.tool()), spec.callHandler()));
  }

  private static final class SyncHandler
      implements BiFunction<
          McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> {

    private final ToolSpans spans;
    private final BiFunction<
            McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult>
        delegate;

    SyncHandler(
        ToolSpans spans,
        BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult>
            delegate) {
      this.spans = spans;
      this.delegate = delegate;
    }

    // The scope is closed on both paths, before the span ends.
    @SuppressWarnings("MustBeClosedChecker")
    @Override
    public McpSchema.CallToolResult apply(
        McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
      Call call = spans.start(sessionIdOf(exchange), request);
      Scope scope = call.context.makeCurrent();
      McpSchema.CallToolResult result;
      try {
        result = delegate.apply(exchange, request);
      } catch (Throwable e) {
        scope.close();
        ToolSpans.fail(call.span, e);
        throw e;
      }
      scope.close();
      ToolSpans.finish(call.span, result);
      return result;
    }

    @Nullable
    private static String sessionIdOf(@Nullable McpSyncServerExchange exchange) {
      try {
        return exchange == null ? null : exchange.sessionId();
      } catch (Throwable t) {
        return null;
      }
    }

    @Override
    public String toString() {
      return "TracedTools.SyncHandler{" + spans + "}";
    }
  }

  private static final class AsyncHandler
      implements BiFunction<
          McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>> {

    private final ToolSpans spans;
    private final BiFunction<
            McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>>
        delegate;

    AsyncHandler(
        ToolSpans spans,
        BiFunction<
                McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>>
            delegate) {
      this.spans = spans;
      this.delegate = delegate;
    }

    // The scope is closed on both paths, before the Mono is handed back.
    @SuppressWarnings("MustBeClosedChecker")
    @Override
    public Mono<McpSchema.CallToolResult> apply(
        McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
      return Mono.defer(
          () -> {
            Call call = spans.start(sessionIdOf(exchange), request);
            Span span = call.span;
            AtomicBoolean ended = new AtomicBoolean();
            Mono<McpSchema.CallToolResult> result;
            Scope scope = call.context.makeCurrent();
            try {
              result = delegate.apply(exchange, request);
            } catch (Throwable e) {
              scope.close();
              ToolSpans.fail(span, e);
              throw e;
            }
            scope.close();
            if (result == null) {
              ToolSpans.fail(span, new NullPointerException("the tool returned a null Mono"));
              return null;
            }
            Mono<McpSchema.CallToolResult> traced =
                result
                    .doOnSuccess(
                        r -> {
                          if (ended.compareAndSet(false, true)) {
                            ToolSpans.finish(span, r);
                          }
                        })
                    .doOnError(
                        e -> {
                          if (ended.compareAndSet(false, true)) {
                            ToolSpans.fail(span, e);
                          }
                        })
                    .doOnCancel(
                        () -> {
                          if (ended.compareAndSet(false, true)) {
                            ToolSpans.cancel(span);
                          }
                        });
            // Current while the Mono is subscribed too: work done then (Mono.fromCallable and the
            // like) joins the call; work on other threads needs Reactor context propagation.
            return Mono.from(
                subscriber -> {
                  Scope subscribing = call.context.makeCurrent();
                  try {
                    traced.subscribe(subscriber);
                  } finally {
                    subscribing.close();
                  }
                });
          });
    }

    @Nullable
    private static String sessionIdOf(@Nullable McpAsyncServerExchange exchange) {
      try {
        return exchange == null ? null : exchange.sessionId();
      } catch (Throwable t) {
        return null;
      }
    }

    @Override
    public String toString() {
      return "TracedTools.AsyncHandler{" + spans + "}";
    }
  }

  /** Starts and ends the spans of one tool. */
  private static final class ToolSpans {

    private final McpTelemetry telemetry;
    @Nullable private final String name;
    @Nullable private final String description;
    @Nullable private final String parameters;

    ToolSpans(McpTelemetry telemetry, @Nullable McpSchema.Tool tool) {
      this.telemetry = telemetry;
      this.name = tool == null ? null : tool.name();
      this.description = tool == null ? null : tool.description();
      this.parameters = parametersOf(tool);
    }

    /**
     * The tool's input schema as JSON. Read reflectively: its type changed from a {@code
     * JsonSchema} record (1.x) to a map (2.x), so a direct call compiled against one fails on the
     * other.
     */
    @Nullable
    private static String parametersOf(@Nullable McpSchema.Tool tool) {
      if (tool == null) {
        return null;
      }
      try {
        Object schema = McpSchema.Tool.class.getMethod("inputSchema").invoke(tool);
        return schema == null ? null : McpAttributes.toJson(schema);
      } catch (Throwable t) {
        return null;
      }
    }

    /**
     * Returns the context the call runs in (the caller's, from {@code params._meta}, or without one
     * the current, with the call's span in it) and that span; never throws.
     */
    Call start(@Nullable String sessionId, @Nullable McpSchema.CallToolRequest request) {
      Context parent = Context.current();
      try {
        Map<String, Object> meta = request == null ? null : request.meta();
        if (meta != null && !meta.isEmpty()) {
          MetaCarrier carrier = MetaCarrier.inbound();
          parent = telemetry.propagator().extract(parent, meta, carrier);
          carrier.warnIgnored(name);
        }
      } catch (Throwable t) {
        logger.warning(
            "OpenInference MCP: ignored the trace context of a call to tool " + name + ": " + t, t);
      }
      try {
        SpanBuilder builder =
            telemetry
                .tracer()
                .spanBuilder(name == null ? TOOLS_CALL : TOOLS_CALL + " " + name)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(MCP_METHOD_NAME, TOOLS_CALL)
                .setAttribute(GEN_AI_OPERATION_NAME, EXECUTE_TOOL)
                .setAttribute(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.TOOL.getValue());
        if (name != null) {
          builder.setAttribute(GEN_AI_TOOL_NAME, name).setAttribute(TOOL_NAME, name);
        }
        if (description != null) {
          builder.setAttribute(TOOL_DESCRIPTION, description);
        }
        if (parameters != null) {
          builder.setAttribute(TOOL_PARAMETERS, parameters);
        }
        if (sessionId != null) {
          builder.setAttribute(MCP_SESSION_ID, sessionId);
        }
        Object arguments = request == null ? null : request.arguments();
        builder
            .setAttribute(
                INPUT_VALUE, McpAttributes.toJson(arguments == null ? Map.of() : arguments))
            .setAttribute(INPUT_MIME_TYPE, McpAttributes.mimeType(true));
        Span span = builder.startSpan();
        return new Call(parent.with(span), span);
      } catch (Throwable t) {
        logger.warning(
            "OpenInference MCP: could not start the span of tool " + name + "; it runs untraced",
            t);
        return new Call(parent, Span.getInvalid());
      }
    }

    static void finish(Span span, @Nullable McpSchema.CallToolResult result) {
      try {
        if (result != null) {
          String text = McpAttributes.textOf(result.content(), result.structuredContent());
          span.setAttribute(OUTPUT_VALUE, text != null ? text : McpAttributes.toJson(result));
          span.setAttribute(OUTPUT_MIME_TYPE, McpAttributes.mimeType(text == null));
          if (Boolean.TRUE.equals(result.isError())) {
            span.setAttribute(ERROR_TYPE, TOOL_ERROR);
            span.setStatus(StatusCode.ERROR, text != null ? text : "the tool reported an error");
          }
        }
      } catch (Throwable t) {
        logger.warning("OpenInference MCP: could not record the result of a tool: " + t, t);
      } finally {
        span.end();
      }
    }

    static void fail(Span span, Throwable error) {
      try {
        span.recordException(error);
        span.setAttribute(ERROR_TYPE, error.getClass().getName());
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      } catch (Throwable t) {
        logger.warning("OpenInference MCP: could not record the failure of a tool: " + t, t);
      } finally {
        span.end();
      }
    }

    static void cancel(Span span) {
      try {
        span.setAttribute(ERROR_TYPE, "cancelled");
        span.setStatus(StatusCode.ERROR, "the call was cancelled");
      } finally {
        span.end();
      }
    }

    @Override
    public String toString() {
      return "tool=" + name;
    }
  }

  /** The context a call runs in and its span (invalid when none could be started). */
  private static final class Call {
    final Context context;
    final Span span;

    Call(Context context, Span span) {
      this.context = context;
      this.span = span;
    }
  }
}
