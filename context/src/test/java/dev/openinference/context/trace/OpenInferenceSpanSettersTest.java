/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.LlmProvider;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenInferenceSpanSettersTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private final OpenInferenceTracer tracer = OpenInferenceTracer.create(otel.getOpenTelemetry());

  record Schema(String type, Map<String, Object> properties) {}

  @Test
  void toolSpanCarriesNameDescriptionParametersAndCallId() {
    Map<String, Object> city = new LinkedHashMap<>();
    city.put("type", "string");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("city", city);
    tracer
        .tool("get_weather")
        .setInput("{\"city\":\"Paris\"}", dev.openinference.semconv.MimeType.JSON)
        .call(
            span ->
                span.setTool("get_weather", "Current weather", new Schema("object", properties))
                    .setToolCallId("call_1")
                    .output("sunny"));

    assertThat(otel.getSpans().get(0))
        .hasAttributesSatisfyingExactly(
            equalTo(SemanticConventions.OPENINFERENCE_SPAN_KIND, "TOOL"),
            equalTo(SemanticConventions.TOOL_NAME, "get_weather"),
            equalTo(SemanticConventions.TOOL_DESCRIPTION, "Current weather"),
            equalTo(
                SemanticConventions.TOOL_PARAMETERS,
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"),
            equalTo(SemanticConventions.TOOL_CALL_ID, "call_1"),
            equalTo(SemanticConventions.INPUT_VALUE, "{\"city\":\"Paris\"}"),
            equalTo(SemanticConventions.INPUT_MIME_TYPE, "application/json"),
            equalTo(SemanticConventions.OUTPUT_VALUE, "sunny"),
            equalTo(SemanticConventions.OUTPUT_MIME_TYPE, "text/plain"));
  }

  @Test
  void toolBuilderNamesTheToolAfterTheSpan() {
    tracer.tool("search").run(() -> {});
    assertThat(otel.getSpans().get(0)).hasAttribute(SemanticConventions.TOOL_NAME, "search");
  }

  @Test
  void llmSpanCarriesModelProviderMessagesToolCallsTokensAndParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("temperature", 0.2);
    tracer
        .llm("chat")
        .run(
            span ->
                span.setModelName("gpt-4o-mini")
                    .setProvider(LlmProvider.OPENAI)
                    .setSystem("openai")
                    .setInvocationParameters(parameters)
                    .addInputMessages(
                        Arrays.asList(Message.system("Be terse."), Message.user("Weather?")))
                    .addInputMessage(Message.tool("call_0", "{\"t\":20}").withName("get_weather"))
                    .addOutputMessage(
                        Message.assistant(null)
                            .withToolCalls(
                                ToolCall.create("call_1", "get_weather", parameters),
                                ToolCall.create(null, "noop", "{}")))
                    .setTokenCounts(12, 5));

    SpanData span = otel.getSpans().get(0);
    assertThat(span)
        .hasAttribute(SemanticConventions.LLM_MODEL_NAME, "gpt-4o-mini")
        .hasAttribute(SemanticConventions.LLM_PROVIDER, "openai")
        .hasAttribute(SemanticConventions.LLM_SYSTEM, "openai")
        .hasAttribute(SemanticConventions.LLM_INVOCATION_PARAMETERS, "{\"temperature\":0.2}")
        .hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_PROMPT, 12L)
        .hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_COMPLETION, 5L)
        .hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_TOTAL, 17L)
        .hasAttribute(stringKey("llm.input_messages.0.message.role"), "system")
        .hasAttribute(stringKey("llm.input_messages.0.message.content"), "Be terse.")
        .hasAttribute(stringKey("llm.input_messages.1.message.role"), "user")
        .hasAttribute(stringKey("llm.input_messages.2.message.role"), "tool")
        .hasAttribute(stringKey("llm.input_messages.2.message.tool_call_id"), "call_0")
        .hasAttribute(stringKey("llm.input_messages.2.message.name"), "get_weather")
        .hasAttribute(stringKey("llm.output_messages.0.message.role"), "assistant")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.id"), "call_1")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.name"),
            "get_weather")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments"),
            "{\"temperature\":0.2}")
        .hasAttribute(
            stringKey("llm.output_messages.0.message.tool_calls.1.tool_call.function.arguments"),
            "{}");
    assertThat(span.getAttributes().get(stringKey("llm.output_messages.0.message.content")))
        .isNull();
    assertThat(
            span.getAttributes()
                .get(stringKey("llm.output_messages.0.message.tool_calls.1.tool_call.id")))
        .isNull();
    assertThat(span.getAttributes().get(longKey("llm.input_messages.3.message.role"))).isNull();
  }

  @Test
  void messagesAndToolCallsDescribeThemselves() {
    assertThat(Message.user("hi").withToolCalls(ToolCall.create("c", "f", "{}")).toString())
        .isEqualTo(
            "Message{role=user, content=\"hi\", toolCalls=[ToolCall{id=c, functionName=f,"
                + " arguments=\"{}\"}]}");
    assertThat(tracer.chain("x").toString())
        .isEqualTo(
            "OpenInferenceSpanBuilder{name=x, kind=CHAIN, spanKind=INTERNAL, parent=current}");
  }
}
