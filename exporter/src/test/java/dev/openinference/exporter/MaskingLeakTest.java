/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Puts a secret marker in every place that carries content (OpenInference attributes, GenAI
 * attributes and their message JSON, span events, log-record events joined onto spans) and checks,
 * flag by flag, that the spans a loopback OTLP receiver decodes hold no marker the flag hides, and
 * still hold every marker it does not hide (so the markers do travel).
 */
class MaskingLeakTest {

  enum Flag {
    HIDE_INPUTS(b -> b.setHideInputs(true)),
    HIDE_OUTPUTS(b -> b.setHideOutputs(true)),
    HIDE_INPUT_MESSAGES(b -> b.setHideInputMessages(true)),
    HIDE_OUTPUT_MESSAGES(b -> b.setHideOutputMessages(true)),
    HIDE_INPUT_IMAGES(b -> b.setHideInputImages(true)),
    HIDE_INPUT_TEXT(b -> b.setHideInputText(true)),
    HIDE_OUTPUT_TEXT(b -> b.setHideOutputText(true)),
    HIDE_EMBEDDINGS_TEXT(b -> b.setHideEmbeddingsText(true)),
    HIDE_LLM_INVOCATION_PARAMETERS(b -> b.setHideLlmInvocationParameters(true)),
    HIDE_LLM_TOOLS(b -> b.setHideLlmTools(true)),
    HIDE_PROMPTS(b -> b.setHidePrompts(true)),
    HIDE_CHOICES(b -> b.setHideChoices(true)),
    BASE64_LIMIT_MINUS_ONE(b -> b.setBase64ImageMaxLength(-1));

    final Function<TraceConfigBuilder, TraceConfigBuilder> set;

    Flag(Function<TraceConfigBuilder, TraceConfigBuilder> set) {
      this.set = set;
    }
  }

  /** A place content can sit in, its marker, and the flags that must hide it. */
  enum Place {
    INPUT_VALUE(Flag.HIDE_INPUTS),
    OUTPUT_VALUE(Flag.HIDE_OUTPUTS),
    OI_INPUT_MESSAGE(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT),
    OI_OUTPUT_MESSAGE(Flag.HIDE_OUTPUTS, Flag.HIDE_OUTPUT_MESSAGES, Flag.HIDE_OUTPUT_TEXT),
    GENAI_INPUT_TEXT(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT),
    GENAI_INPUT_IMAGE(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_IMAGES),
    GENAI_INPUT_BASE64_IMAGE(
        Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_IMAGES,
        Flag.BASE64_LIMIT_MINUS_ONE),
    GENAI_TOOL_RESPONSE(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT),
    GENAI_SYSTEM_INSTRUCTIONS(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT),
    GENAI_OUTPUT_TEXT(Flag.HIDE_OUTPUTS, Flag.HIDE_OUTPUT_MESSAGES, Flag.HIDE_OUTPUT_TEXT),
    GENAI_PROMPT(
        Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT, Flag.HIDE_PROMPTS),
    GENAI_COMPLETION(
        Flag.HIDE_OUTPUTS, Flag.HIDE_OUTPUT_MESSAGES, Flag.HIDE_OUTPUT_TEXT, Flag.HIDE_CHOICES),
    GENAI_TOOL_DEFINITION(Flag.HIDE_INPUTS, Flag.HIDE_LLM_TOOLS),
    GENAI_STOP_SEQUENCE(Flag.HIDE_LLM_INVOCATION_PARAMETERS),
    TOOL_ARGUMENTS(Flag.HIDE_INPUTS),
    TOOL_RESULT(Flag.HIDE_OUTPUTS),
    SPAN_EVENT_USER_MESSAGE(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT),
    SPAN_EVENT_PROMPT(
        Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT, Flag.HIDE_PROMPTS),
    SPAN_EVENT_CHOICE(Flag.HIDE_OUTPUTS, Flag.HIDE_OUTPUT_MESSAGES, Flag.HIDE_OUTPUT_TEXT),
    LOG_EVENT_USER_MESSAGE(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT),
    LOG_EVENT_CHOICE(Flag.HIDE_OUTPUTS, Flag.HIDE_OUTPUT_MESSAGES, Flag.HIDE_OUTPUT_TEXT),
    EMBEDDING_TEXT(Flag.HIDE_EMBEDDINGS_TEXT);

    final Set<Flag> hiddenBy;

    Place(Flag... hiddenBy) {
      this.hiddenBy = EnumSet.copyOf(Arrays.asList(hiddenBy));
    }

    String marker() {
      return "SECRET_" + name();
    }
  }

  private static OtlpReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = OtlpReceiver.create();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @ParameterizedTest
  @EnumSource(Flag.class)
  void noHiddenMarkerReachesTheReceiver(Flag flag) {
    receiver.reset();
    TraceConfig config = flag.set.apply(TraceConfig.builder()).build();
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OpenInferenceSpanExporter.wrap(
                            OtlpHttpSpanExporter.builder()
                                .setEndpoint(receiver.getHttpTracesEndpoint())
                                .build(),
                            config))
                    .build())
            .build();
    SdkLoggerProvider loggerProvider =
        SdkLoggerProvider.builder().addLogRecordProcessor(GenAiEventsBridge.shared()).build();
    emitEverywhere(tracerProvider.get("leak-test"), loggerProvider.get("leak-test"));
    tracerProvider.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
    loggerProvider.shutdown();

    String received = everything(receiver.awaitSpans(5, Duration.ofSeconds(10)));
    List<Place> leaked = new ArrayList<>();
    List<Place> missing = new ArrayList<>();
    for (Place place : Place.values()) {
      boolean present = received.contains(place.marker());
      if (place.hiddenBy.contains(flag) && present) {
        leaked.add(place);
      } else if (!place.hiddenBy.contains(flag) && !present) {
        missing.add(place);
      }
    }
    assertThat(leaked).as("markers %s hides that reached the receiver", flag).isEmpty();
    assertThat(missing).as("markers %s does not hide that never arrived", flag).isEmpty();
  }

  private static void emitEverywhere(Tracer tracer, Logger logger) {
    String base64Image =
        "data:image/png;base64," + "A".repeat(64) + Place.GENAI_INPUT_BASE64_IMAGE.marker();
    Span chat =
        tracer
            .spanBuilder("chat")
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.request.model", "gpt-4o")
            .setAttribute(
                stringArrayKey("gen_ai.request.stop_sequences"),
                List.of(Place.GENAI_STOP_SEQUENCE.marker()))
            .setAttribute(
                "gen_ai.system_instructions",
                "[{\"type\":\"text\",\"content\":\"" + Place.GENAI_SYSTEM_INSTRUCTIONS.marker() + "\"}]")
            .setAttribute(
                "gen_ai.input.messages",
                "[{\"role\":\"user\",\"parts\":["
                    + "{\"type\":\"text\",\"content\":\"" + Place.GENAI_INPUT_TEXT.marker() + "\"},"
                    + "{\"type\":\"uri\",\"modality\":\"image\",\"uri\":\"https://img.example/"
                    + Place.GENAI_INPUT_IMAGE.marker() + ".png\"},"
                    + "{\"type\":\"uri\",\"modality\":\"image\",\"uri\":\"" + base64Image + "\"}]},"
                    + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c1\","
                    + "\"response\":\"" + Place.GENAI_TOOL_RESPONSE.marker() + "\"}]}]")
            .setAttribute(
                "gen_ai.output.messages",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
                    + Place.GENAI_OUTPUT_TEXT.marker() + "\"}]}]")
            .setAttribute(
                "gen_ai.tool.definitions",
                "[{\"type\":\"function\",\"name\":\"lookup\",\"description\":\""
                    + Place.GENAI_TOOL_DEFINITION.marker() + "\"}]")
            .startSpan();
    chat.addEvent(
        "gen_ai.user.message",
        Attributes.of(stringKey("content"), Place.SPAN_EVENT_USER_MESSAGE.marker()));
    chat.addEvent(
        "gen_ai.choice",
        Attributes.of(
            stringKey("message"),
            "{\"content\":\"" + Place.SPAN_EVENT_CHOICE.marker() + "\"}"));
    chat.end();

    Span completion =
        tracer
            .spanBuilder("completion")
            .setAttribute("gen_ai.operation.name", "text_completion")
            .setAttribute("gen_ai.prompt", Place.GENAI_PROMPT.marker())
            .setAttribute("gen_ai.completion", Place.GENAI_COMPLETION.marker())
            .startSpan();
    completion.addEvent(
        "gen_ai.content.prompt",
        Attributes.of(stringKey("gen_ai.prompt"), Place.SPAN_EVENT_PROMPT.marker()));
    completion.end();

    Span fromLogs =
        tracer.spanBuilder("chat from logs").setAttribute("gen_ai.operation.name", "chat").startSpan();
    try (Scope ignored = fromLogs.makeCurrent()) {
      logger
          .logRecordBuilder()
          .setEventName("gen_ai.user.message")
          .setBody(Value.of(KeyValue.of("content", Value.of(Place.LOG_EVENT_USER_MESSAGE.marker()))))
          .emit();
      logger
          .logRecordBuilder()
          .setEventName("gen_ai.choice")
          .setBody(
              Value.of(
                  KeyValue.of("index", Value.of(0L)),
                  KeyValue.of(
                      "message",
                      Value.of(KeyValue.of("content", Value.of(Place.LOG_EVENT_CHOICE.marker()))))))
          .emit();
    } finally {
      fromLogs.end();
    }

    tracer
        .spanBuilder("tool")
        .setAttribute("gen_ai.operation.name", "execute_tool")
        .setAttribute("gen_ai.tool.name", "lookup")
        .setAttribute("gen_ai.tool.call.arguments", "{\"q\":\"" + Place.TOOL_ARGUMENTS.marker() + "\"}")
        .setAttribute("gen_ai.tool.call.result", Place.TOOL_RESULT.marker())
        .startSpan()
        .end();

    tracer
        .spanBuilder("agent")
        .setAttribute("openinference.span.kind", "AGENT")
        .setAttribute("input.value", Place.INPUT_VALUE.marker())
        .setAttribute("output.value", Place.OUTPUT_VALUE.marker())
        .setAttribute("llm.input_messages.0.message.role", "user")
        .setAttribute("llm.input_messages.0.message.content", Place.OI_INPUT_MESSAGE.marker())
        .setAttribute("llm.output_messages.0.message.role", "assistant")
        .setAttribute("llm.output_messages.0.message.content", Place.OI_OUTPUT_MESSAGE.marker())
        .setAttribute("embedding.embeddings.0.embedding.text", Place.EMBEDDING_TEXT.marker())
        .startSpan()
        .end();
  }

  /** Every string the decoded spans hold: names, attribute values, event attributes. */
  private static String everything(List<SpanData> spans) {
    StringBuilder sb = new StringBuilder();
    for (SpanData span : spans) {
      sb.append(span.getName()).append('\n').append(span.getAttributes()).append('\n');
      span.getEvents().forEach(event -> sb.append(event.getName()).append(event.getAttributes()));
    }
    return sb.toString();
  }
}
