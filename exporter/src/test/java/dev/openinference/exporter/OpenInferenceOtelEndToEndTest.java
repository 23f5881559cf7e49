/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_TOOL_NAME;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.ReceivedRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OpenInferenceOtel} end to end: the real OTLP exporters, configured only through the
 * (test-supplied) environment, sending over loopback to a real OTLP receiver.
 */
class OpenInferenceOtelEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  enum Transport {
    HTTP,
    GRPC
  }

  private static OtlpReceiver receiver() {
    return otlp.getReceiver();
  }

  /** Phoenix-style configuration: everything from environment variables. */
  private static Map<String, String> environment(Transport transport) {
    Map<String, String> env = new HashMap<>();
    if (transport == Transport.HTTP) {
      // A base URL, as Phoenix documents it: /v1/traces is appended.
      env.put("PHOENIX_COLLECTOR_ENDPOINT", receiver().getHttpEndpoint());
    } else {
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver().getGrpcEndpoint());
      env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
    }
    env.put("PHOENIX_API_KEY", "test-key");
    env.put("PHOENIX_PROJECT_NAME", "support-bot");
    env.put("PHOENIX_CLIENT_HEADERS", "x-tenant=acme%20corp");
    return env;
  }

  private static OpenInferenceOtelBuilder builder(Transport transport) {
    return OpenInferenceOtel.builder()
        .setEnvironment(environment(transport))
        .setRegisterShutdownHook(false);
  }

  private static void flush(OpenTelemetrySdk sdk) {
    assertThat(sdk.getSdkTracerProvider().forceFlush().join(20, TimeUnit.SECONDS).isSuccess())
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  @SuppressWarnings("try") // the scopes only need closing
  void sessionUserTagsAndMetadataArriveOnEverySpanOfATwoTurnChat(Transport transport)
      throws Exception {
    try (OpenTelemetrySdk sdk = builder(transport).build()) {
      Tracer tracer = sdk.getTracer("chat-app");
      for (int turn = 1; turn <= 2; turn++) {
        try (Scope session = OpenInference.usingSession("conversation-42");
            Scope user = OpenInference.usingUser("alice");
            Scope tags = OpenInference.usingTags("support", "beta");
            Scope metadata = OpenInference.usingMetadata(Map.of("channel", "web", "turn", turn))) {
          Span agent = tracer.spanBuilder("turn " + turn).startSpan();
          try (Scope current = agent.makeCurrent()) {
            // Like the OTel openai-java instrumentation: GenAI attributes arrive after start.
            Span llm = tracer.spanBuilder("chat gpt-4o").startSpan();
            llm.setAttribute(GEN_AI_OPERATION_NAME, "chat");
            llm.setAttribute(GEN_AI_PROVIDER_NAME, "openai");
            llm.setAttribute(GEN_AI_REQUEST_MODEL, "gpt-4o");
            llm.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, 100L + turn);
            llm.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, 20L);
            llm.end();
            Span tool = tracer.spanBuilder("execute_tool lookup_order").startSpan();
            tool.setAttribute(GEN_AI_OPERATION_NAME, "execute_tool");
            tool.setAttribute(GEN_AI_TOOL_NAME, "lookup_order");
            tool.end();
          } finally {
            agent.end();
          }
        }
      }
      tracer.spanBuilder("GET /health").startSpan().end();
      flush(sdk);
    }

    List<SpanData> spans = receiver().awaitSpans(7, WAIT);
    assertThat(spans).hasSize(7);
    List<SpanData> inSession =
        spans.stream().filter(s -> !s.getName().equals("GET /health")).collect(Collectors.toList());
    assertThat(inSession).hasSize(6);
    for (SpanData span : inSession) {
      assertThat(span.getAttributes().get(SESSION_ID))
          .as(span.getName())
          .isEqualTo("conversation-42");
      assertThat(span.getAttributes().get(USER_ID)).isEqualTo("alice");
      assertThat(span.getAttributes().get(TAG_TAGS)).containsExactly("support", "beta");
      Map<String, Object> metadata = readMap(span.getAttributes().get(METADATA));
      assertThat(metadata.get("channel")).isEqualTo("web");
    }
    assertThat(kindOf(spans, "turn 1")).isEqualTo("CHAIN");
    assertThat(readMap(named(spans, "turn 2").getAttributes().get(METADATA)))
        .containsEntry("turn", 2);

    List<SpanData> llmSpans =
        spans.stream().filter(s -> s.getName().equals("chat gpt-4o")).collect(Collectors.toList());
    assertThat(llmSpans).hasSize(2);
    for (SpanData llm : llmSpans) {
      assertThat(llm.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isEqualTo("LLM");
      assertThat(llm.getAttributes().get(LLM_MODEL_NAME)).isEqualTo("gpt-4o");
      assertThat(llm.getAttributes().get(LLM_PROVIDER)).isEqualTo("openai");
      assertThat(llm.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("chat");
    }
    assertThat(llmSpans)
        .extracting(s -> s.getAttributes().get(LLM_TOKEN_COUNT_TOTAL))
        .containsExactlyInAnyOrder(121L, 122L);
    SpanData tool = named(spans, "execute_tool lookup_order");
    assertThat(tool.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isEqualTo("TOOL");
    assertThat(tool.getAttributes().get(TOOL_NAME)).isEqualTo("lookup_order");

    // A span outside any session gets the default kind at export, and no session.
    SpanData health = named(spans, "GET /health");
    assertThat(health.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isEqualTo("CHAIN");
    assertThat(health.getAttributes().get(SESSION_ID)).isNull();

    for (SpanData span : spans) {
      assertThat(span.getResource().getAttribute(PROJECT_NAME)).isEqualTo("support-bot");
    }
    List<ReceivedRequest> requests = receiver().getRequests();
    assertThat(requests).isNotEmpty();
    for (ReceivedRequest request : requests) {
      assertThat(request.getTransport().name()).isEqualTo(transport.name());
      assertThat(request.getHeader("authorization")).isEqualTo("Bearer test-key");
      assertThat(request.getHeader("x-tenant")).isEqualTo("acme corp");
    }
  }

  private static final String DROPPED = "<dropped>";
  private static final String REDACTED = TraceConfig.REDACTED_VALUE;
  private static final String IMAGE_URL_KEY =
      "llm.input_messages.1.message.contents.1.message_content.image.image.url";
  private static final String IMAGE = "data:image/png;base64," + "iVBORw0KGgo".repeat(4);

  /** A span with every attribute some flag hides. */
  private static Map<String, Object> everything() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("openinference.span.kind", "LLM");
    attributes.put("input.value", "What is my balance?");
    attributes.put("input.mime_type", "text/plain");
    attributes.put("output.value", "It is 42.");
    attributes.put("output.mime_type", "text/plain");
    attributes.put("llm.input_messages.0.message.role", "user");
    attributes.put("llm.input_messages.0.message.content", "What is my balance?");
    attributes.put("llm.input_messages.1.message.contents.0.message_content.text", "And this?");
    attributes.put(IMAGE_URL_KEY, IMAGE);
    attributes.put("llm.output_messages.0.message.role", "assistant");
    attributes.put("llm.output_messages.0.message.content", "It is 42.");
    attributes.put("llm.output_messages.1.message.contents.0.message_content.text", "Also 42.");
    attributes.put("llm.invocation_parameters", "{\"temperature\":0.1}");
    attributes.put("llm.tools.0.tool.json_schema", "{\"name\":\"balance\"}");
    attributes.put("llm.prompts.0.prompt.text", "Once upon");
    attributes.put("llm.choices.0.completion.text", "a time");
    attributes.put("embedding.embeddings.0.embedding.text", "account notes");
    attributes.put("embedding.embeddings.0.embedding.vector", Arrays.asList(0.25, -0.5));
    return attributes;
  }

  /** One row per TraceConfig flag: the flag, then what it does to {@link #everything()}. */
  static Stream<Arguments> maskingRows() {
    return Stream.of(
        row("nothing hidden", b -> b),
        row(
            "hideInputs",
            b -> b.setHideInputs(true),
            "input.value",
            REDACTED,
            "input.mime_type",
            DROPPED,
            "llm.input_messages.0.message.role",
            DROPPED,
            "llm.input_messages.0.message.content",
            DROPPED,
            "llm.input_messages.1.message.contents.0.message_content.text",
            DROPPED,
            IMAGE_URL_KEY,
            DROPPED,
            "llm.tools.0.tool.json_schema",
            DROPPED,
            "llm.prompts.0.prompt.text",
            REDACTED),
        row(
            "hideOutputs",
            b -> b.setHideOutputs(true),
            "output.value",
            REDACTED,
            "output.mime_type",
            DROPPED,
            "llm.output_messages.0.message.role",
            DROPPED,
            "llm.output_messages.0.message.content",
            DROPPED,
            "llm.output_messages.1.message.contents.0.message_content.text",
            DROPPED,
            "llm.choices.0.completion.text",
            REDACTED),
        row(
            "hideInputMessages",
            b -> b.setHideInputMessages(true),
            "llm.input_messages.0.message.role",
            DROPPED,
            "llm.input_messages.0.message.content",
            DROPPED,
            "llm.input_messages.1.message.contents.0.message_content.text",
            DROPPED,
            IMAGE_URL_KEY,
            DROPPED),
        row(
            "hideOutputMessages", b -> b.setHideOutputMessages(true),
            "llm.output_messages.0.message.role", DROPPED,
            "llm.output_messages.0.message.content", DROPPED,
            "llm.output_messages.1.message.contents.0.message_content.text", DROPPED),
        row("hideInputImages", b -> b.setHideInputImages(true), IMAGE_URL_KEY, DROPPED),
        row(
            "hideInputText", b -> b.setHideInputText(true),
            "llm.input_messages.0.message.content", REDACTED,
            "llm.input_messages.1.message.contents.0.message_content.text", REDACTED),
        row(
            "hideOutputText", b -> b.setHideOutputText(true),
            "llm.output_messages.0.message.content", REDACTED,
            "llm.output_messages.1.message.contents.0.message_content.text", REDACTED),
        row(
            "hideEmbeddingsVectors",
            b -> b.setHideEmbeddingsVectors(true),
            "embedding.embeddings.0.embedding.vector",
            REDACTED),
        row(
            "hideEmbeddingsText",
            b -> b.setHideEmbeddingsText(true),
            "embedding.embeddings.0.embedding.text",
            REDACTED),
        row(
            "hideLlmInvocationParameters",
            b -> b.setHideLlmInvocationParameters(true),
            "llm.invocation_parameters",
            DROPPED),
        row("hideLlmTools", b -> b.setHideLlmTools(true), "llm.tools.0.tool.json_schema", DROPPED),
        row("hidePrompts", b -> b.setHidePrompts(true), "llm.prompts.0.prompt.text", REDACTED),
        row("hideChoices", b -> b.setHideChoices(true), "llm.choices.0.completion.text", REDACTED),
        row(
            "base64ImageMaxLength",
            b -> b.setBase64ImageMaxLength(IMAGE.length() - 1),
            IMAGE_URL_KEY,
            REDACTED));
  }

  private static Arguments row(
      String name, UnaryOperator<TraceConfigBuilder> flag, String... changes) {
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < changes.length; i += 2) {
      expected.put(changes[i], changes[i + 1]);
    }
    return Arguments.of(name, flag.apply(TraceConfig.builder()).build(), expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maskingRows")
  void eachTraceConfigFlagMasksWhatPythonMasks(
      String name, TraceConfig config, Map<String, String> changes) {
    try (OpenTelemetrySdk sdk =
        builder(Transport.HTTP).setTraceConfig(config).setBatch(false).build()) {
      Span span = sdk.getTracer("masking").spanBuilder(name).startSpan();
      everything().forEach((key, value) -> setAttribute(span, key, value));
      span.end();
      flush(sdk);
    }

    Map<String, Object> received = byName(receiver().awaitSpans(1, WAIT).get(0));
    everything()
        .forEach(
            (key, original) -> {
              String change = changes.get(key);
              if (change == null) {
                assertThat(received.get(key)).as(key).isEqualTo(original);
              } else if (change.equals(DROPPED)) {
                assertThat(received).as(key).doesNotContainKey(key);
              } else {
                assertThat(received.get(key)).as(key).isEqualTo(REDACTED);
              }
            });
    assertThat(received.keySet()).isSubsetOf(everything().keySet());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theExporterRetriesWhenTheReceiverFailsOnce(Transport transport) {
    receiver().failNext(1, 503);
    try (OpenTelemetrySdk sdk = builder(transport).setBatch(false).build()) {
      sdk.getTracer("retry").spanBuilder("survives a 503").startSpan().end();
      flush(sdk);
    }

    List<SpanData> spans = receiver().awaitSpans(1, WAIT);
    assertThat(spans).extracting(SpanData::getName).containsExactly("survives a 503");
    List<ReceivedRequest> requests = receiver().getRequests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).isAccepted()).isFalse();
    assertThat(requests.get(1).isAccepted()).isTrue();
  }

  @Test
  void aSlowReceiverNeverBlocksTheApplicationThread() {
    receiver().setResponseDelay(Duration.ofSeconds(3));
    try (OpenTelemetrySdk sdk = builder(Transport.HTTP).build()) {
      Tracer tracer = sdk.getTracer("slow");
      tracer.spanBuilder("first").startSpan().end();
      // Sends "first"; the receiver holds the answer back.
      CompletableResultCode firstExport = sdk.getSdkTracerProvider().forceFlush();

      tracer.spanBuilder("second").startSpan().end();
      tracer.spanBuilder("third").startSpan().end();

      // Span end returned while the export of the earlier span was still waiting for its answer.
      assertThat(firstExport.isDone()).isFalse();
      assertThat(receiver().getRequests()).isEmpty();
      flush(sdk);
      assertThat(firstExport.isDone()).isTrue();
    }
    assertThat(receiver().awaitSpans(3, WAIT))
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("first", "second", "third");
  }

  private static void setAttribute(Span span, String key, Object value) {
    if (value instanceof String) {
      span.setAttribute(key, (String) value);
    } else {
      @SuppressWarnings("unchecked")
      List<Double> doubles = (List<Double>) value;
      span.setAttribute(AttributeKey.doubleArrayKey(key), doubles);
    }
  }

  private static Map<String, Object> byName(SpanData span) {
    Map<String, Object> result = new HashMap<>();
    span.getAttributes().forEach((key, value) -> result.put(key.getKey(), value));
    return result;
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static String kindOf(List<SpanData> spans, String name) {
    return named(spans, name).getAttributes().get(OPENINFERENCE_SPAN_KIND);
  }

  private static Map<String, Object> readMap(String json) throws Exception {
    return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
  }
}
