/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.TOOL_CALL_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_PARAMETERS;

import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.micrometer.observation.Observation;
import javax.annotation.Nullable;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * A tool execution, kind {@code TOOL}: the tool's name, description and parameter schema, the call
 * id and arguments at start; the result at stop. The arguments and the result are JSON when they
 * read as JSON (Spring AI serialises tool results), else text.
 */
final class ToolCallWriter implements ContextWriter {

  @Override
  public boolean supports(Observation.Context context) {
    return context instanceof ToolCallingObservationContext;
  }

  @Override
  public void onStart(Observation.Context context, SpanAttributes out) {
    ToolCallingObservationContext tool = (ToolCallingObservationContext) context;
    out.put(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.TOOL.getValue());
    ToolDefinition definition = tool.getToolDefinition();
    if (definition != null) {
      out.put(TOOL_NAME, definition.name());
      out.put(TOOL_DESCRIPTION, ChatModelWriter.emptyToNull(definition.description()));
      out.put(TOOL_PARAMETERS, ChatModelWriter.emptyToNull(definition.inputSchema()));
    }
    out.put(TOOL_CALL_ID, ChatModelWriter.emptyToNull(tool.getToolCallId()));
    String arguments = tool.getToolCallArguments();
    if (arguments != null) {
      out.put(INPUT_VALUE, arguments);
      out.put(INPUT_MIME_TYPE, mimeType(arguments));
    }
  }

  @Override
  public void onStop(Observation.Context context, SpanAttributes out) {
    String result = ((ToolCallingObservationContext) context).getToolCallResult();
    if (result != null) {
      out.put(OUTPUT_VALUE, result);
      out.put(OUTPUT_MIME_TYPE, mimeType(result));
    }
  }

  static String mimeType(@Nullable String value) {
    return Json.looksLikeJson(value) ? MimeType.JSON.getValue() : MimeType.TEXT.getValue();
  }

  @Override
  public String toString() {
    return "ToolCallWriter";
  }
}
