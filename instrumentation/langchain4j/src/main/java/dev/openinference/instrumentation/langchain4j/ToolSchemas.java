/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.context.internal.RateLimitedLogger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a LangChain4j {@link ToolSpecification} as JSON: its parameters as a JSON schema ({@code
 * tool.parameters}), and the whole tool in the OpenAI function shape ({@code tool.json_schema}).
 *
 * <p>The schema comes from LangChain4j's own {@code JsonSchemaElementUtils.toMap}, the code its
 * model providers use to send tools, so it is the schema the model saw. That class is marked
 * internal in LangChain4j; should a version lack it, the parameters are written as their {@code
 * toString()} and a warning says so.
 */
final class ToolSchemas {

  private static final RateLimitedLogger logger = RateLimitedLogger.create(ToolSchemas.class);

  /** Returns the JSON schema of the tool's parameters; an object with no properties for none. */
  static String parameters(ToolSpecification tool) {
    return JsonEncoder.toJson(parametersObject(tool));
  }

  /**
   * Returns {@code {"type":"function","function":{"name":...,"description":...,"parameters":...}}}.
   */
  static String openAiFunction(ToolSpecification tool) {
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("name", tool.name());
    if (tool.description() != null) {
      function.put("description", tool.description());
    }
    function.put("parameters", parametersObject(tool));
    if (Boolean.TRUE.equals(tool.strict())) {
      function.put("strict", true);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "function");
    schema.put("function", function);
    return JsonEncoder.toJson(schema);
  }

  private static Object parametersObject(ToolSpecification tool) {
    JsonObjectSchema parameters = tool.parameters();
    if (parameters == null) {
      Map<String, Object> empty = new LinkedHashMap<>();
      empty.put("type", "object");
      empty.put("properties", new LinkedHashMap<>());
      return empty;
    }
    try {
      return JsonSchemaElementUtils.toMap(parameters);
    } catch (RuntimeException | LinkageError e) {
      logger.warning(
          "OpenInference could not render the parameters of LangChain4j tool "
              + RateLimitedLogger.describe(tool.name())
              + " as a JSON schema; they are recorded as their toString() instead: "
              + e);
      return String.valueOf(parameters);
    }
  }

  private ToolSchemas() {}
}
