/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolService;
import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Records the tool executions of LangChain4j AI services as OpenInference {@code TOOL} spans.
 *
 * <p>LangChain4j (1.19) has no hook that runs around a tool execution: {@code
 * AiServices.beforeToolExecution} / {@code afterToolExecution} and the {@code ToolExecutedEvent}
 * listener are separate callbacks, and none of them sees the tool's description or schema. So this
 * class wraps the tools' {@link ToolExecutor}s instead; hand the AI service the wrapped tools in
 * place of the tool objects:
 *
 * <pre>{@code
 * OpenInferenceTools tools = OpenInferenceTools.create(openTelemetry);
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .tools(tools.wrap(new WeatherTools()))   // instead of .tools(new WeatherTools())
 *     .build();
 * }</pre>
 *
 * <p>Each execution is a span named {@code execute_tool <name>}, a child of the current context
 * (the AI service call; see {@link OpenInferenceAiServices}) and current while the tool runs, with
 * {@code openinference.span.kind=TOOL}, {@code tool.name}, {@code tool.description}, {@code
 * tool.parameters} (the JSON schema of its parameters), {@code tool_call.id}, {@code input.value}
 * (the call's JSON arguments) and {@code output.value} (the result text). A tool that throws, or
 * whose result is marked as an error, ends its span with status {@code ERROR}; what the tool
 * returns or throws reaches LangChain4j unchanged.
 *
 * <p>With {@code AiServices.executeToolsConcurrently(executor)}, pass an executor that carries the
 * OpenTelemetry context, for example {@code Context.taskWrapping(executor)}, or the tool spans
 * start traces of their own, without the session.
 *
 * <p>{@link #wrap(Object...)} and {@link #wrap(AiServiceTool)} need LangChain4j 1.14 or later
 * ({@code AiServiceTool}, {@code AiServices.tools(List)}); {@link #wrap(Map)} and {@link
 * #wrap(ToolSpecification, ToolExecutor)} work with any 1.x.
 *
 * <p>Tool objects' compensating actions ({@code @CompensatedBy}) are not carried over by {@link
 * #wrap(Object...)}; an AI service that needs them keeps its plain {@code tools(...)} call.
 */
public final class OpenInferenceTools {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceTools.class);

  private final Tracer tracer;

  private OpenInferenceTools(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * Returns a wrapper whose spans use the tracer of {@code openTelemetry}; with {@code null}, it
   * warns and uses {@code GlobalOpenTelemetry}.
   *
   * @param openTelemetry the OpenTelemetry whose tracer makes the spans, or null for the global one
   * @return a new instance, never null
   */
  public static OpenInferenceTools create(@Nullable OpenTelemetry openTelemetry) {
    return new OpenInferenceTools(Tracing.tracer(openTelemetry, logger));
  }

  /**
   * Returns the {@code @Tool} methods of the given objects, as {@code AiServices.tools(Object...)}
   * would find them, each with a traced executor; pass the list to {@code AiServices.tools(List)}.
   * A null element, or an object LangChain4j finds no tool in, is left out with a warning.
   *
   * @param objectsWithTools the objects whose {@code @Tool} methods to expose; null gives no tools,
   *     with a warning
   * @return a new list of the traced tools, never null, in the objects' and methods' order
   */
  public List<AiServiceTool> wrap(@Nullable Object... objectsWithTools) {
    List<AiServiceTool> wrapped = new ArrayList<>();
    if (objectsWithTools == null) {
      logger.warning("OpenInferenceTools.wrap was given a null array; it returns no tools");
      return wrapped;
    }
    for (Object object : objectsWithTools) {
      if (object == null) {
        logger.warning("OpenInferenceTools.wrap was given a null tool object; it is left out");
        continue;
      }
      List<AiServiceTool> found;
      try {
        found = ToolService.findTools(object);
      } catch (RuntimeException | LinkageError e) {
        logger.warning(
            "OpenInferenceTools.wrap found no usable tools in "
                + RateLimitedLogger.describe(object)
                + "; it is left out: "
                + e);
        continue;
      }
      for (AiServiceTool tool : found) {
        wrapped.add(wrap(tool));
      }
    }
    return wrapped;
  }

  /**
   * Returns {@code tool} with a traced executor, its specification and return behaviour kept; a
   * tool already wrapped is returned as it is, and {@code null} is returned (with a warning) as
   * {@code null}.
   *
   * @param tool the tool to trace
   * @return the traced tool, or null when {@code tool} was null
   */
  @Nullable
  public AiServiceTool wrap(@Nullable AiServiceTool tool) {
    if (tool == null) {
      logger.warning("OpenInferenceTools.wrap was given a null AiServiceTool");
      return null;
    }
    try {
      ToolExecutor executor = wrap(tool.toolSpecification(), tool.toolExecutor());
      return executor == tool.toolExecutor()
          ? tool
          : tool.toBuilder().toolExecutor(executor).build();
    } catch (RuntimeException | LinkageError e) {
      logger.warning(
          "OpenInferenceTools.wrap could not wrap the tool "
              + RateLimitedLogger.describe(tool.name())
              + "; it runs untraced: "
              + e);
      return tool;
    }
  }

  /**
   * Returns a map with the same specifications and traced executors, in the same order, for {@code
   * AiServices.tools(Map)}. Null keys or values are left out with a warning.
   *
   * @param tools the specifications and their executors; null gives no tools, with a warning
   * @return the traced tools in the same order, never null
   */
  public Map<ToolSpecification, ToolExecutor> wrap(
      @Nullable Map<ToolSpecification, ToolExecutor> tools) {
    if (tools == null) {
      logger.warning("OpenInferenceTools.wrap was given a null map; it returns no tools");
      return new LinkedHashMap<>();
    }
    Map<ToolSpecification, ToolExecutor> wrapped = new LinkedHashMap<>();
    for (Map.Entry<ToolSpecification, ToolExecutor> entry : tools.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        logger.warning(
            "OpenInferenceTools.wrap was given a tool with a null specification or executor ("
                + RateLimitedLogger.describe(entry)
                + "); it is left out");
        continue;
      }
      wrapped.put(entry.getKey(), wrap(entry.getKey(), entry.getValue()));
    }
    return wrapped;
  }

  /**
   * Returns an executor that runs {@code executor} inside a {@code TOOL} span described by {@code
   * specification}. An executor this class already wrapped is returned as it is; with a null
   * argument, {@code executor} is returned unwrapped, with a warning.
   *
   * @param specification the tool's specification, giving the span its name and tool attributes
   * @param executor the executor to trace
   * @return the traced executor, or {@code executor} itself when it is already traced or an
   *     argument was null
   */
  @Nullable
  public ToolExecutor wrap(
      @Nullable ToolSpecification specification, @Nullable ToolExecutor executor) {
    if (specification == null || executor == null) {
      logger.warning(
          "OpenInferenceTools.wrap was given a null "
              + (specification == null ? "tool specification" : "tool executor")
              + "; the executor is returned unwrapped");
      return executor;
    }
    if (executor instanceof TracedToolExecutor) {
      return executor;
    }
    return new TracedToolExecutor(tracer, specification, executor);
  }

  @Override
  public String toString() {
    return "OpenInferenceTools{tracer=" + Tracing.INSTRUMENTATION_NAME + "}";
  }
}
