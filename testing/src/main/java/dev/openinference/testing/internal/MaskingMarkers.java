/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The masking leak check shared by every mode (SDK, autoconfigure, javaagent, declarative
 * configuration): a secret marker in every place that carries content (OpenInference attributes,
 * GenAI attributes and their message JSON, span events, log-record events joined onto spans), the
 * masking flags with their configuration keys, and the places each flag must hide.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class MaskingMarkers {

  /** A masking setting, as the property (and so the system property) that turns it on. */
  public enum Flag {
    HIDE_INPUTS("openinference.hide.inputs", "true"),
    HIDE_OUTPUTS("openinference.hide.outputs", "true"),
    HIDE_INPUT_MESSAGES("openinference.hide.input.messages", "true"),
    HIDE_OUTPUT_MESSAGES("openinference.hide.output.messages", "true"),
    HIDE_INPUT_IMAGES("openinference.hide.input.images", "true"),
    HIDE_INPUT_TEXT("openinference.hide.input.text", "true"),
    HIDE_OUTPUT_TEXT("openinference.hide.output.text", "true"),
    HIDE_EMBEDDINGS_TEXT("openinference.hide.embeddings.text", "true"),
    HIDE_LLM_INVOCATION_PARAMETERS("openinference.hide.llm.invocation.parameters", "true"),
    HIDE_LLM_TOOLS("openinference.hide.llm.tools", "true"),
    HIDE_PROMPTS("openinference.hide.prompts", "true"),
    HIDE_CHOICES("openinference.hide.choices", "true"),
    BASE64_LIMIT_MINUS_ONE("openinference.base64.image.max.length", "-1");

    private final String property;
    private final String value;

    Flag(String property, String value) {
      this.property = property;
      this.value = value;
    }

    /** The property key, for example {@code openinference.hide.inputs}. */
    public String property() {
      return property;
    }

    /** The value that turns the setting on. */
    public String value() {
      return value;
    }

    /** The {@code -D} argument for a child JVM. */
    public String systemPropertyArgument() {
      return "-D" + property + "=" + value;
    }
  }

  /** A place content can sit in, its marker, and the flags that must hide it. */
  public enum Place {
    INPUT_VALUE(Flag.HIDE_INPUTS),
    OUTPUT_VALUE(Flag.HIDE_OUTPUTS),
    OI_INPUT_MESSAGE(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT),
    OI_OUTPUT_MESSAGE(Flag.HIDE_OUTPUTS, Flag.HIDE_OUTPUT_MESSAGES, Flag.HIDE_OUTPUT_TEXT),
    GENAI_INPUT_TEXT(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_TEXT),
    GENAI_INPUT_IMAGE(Flag.HIDE_INPUTS, Flag.HIDE_INPUT_MESSAGES, Flag.HIDE_INPUT_IMAGES),
    GENAI_INPUT_BASE64_IMAGE(
        Flag.HIDE_INPUTS,
        Flag.HIDE_INPUT_MESSAGES,
        Flag.HIDE_INPUT_IMAGES,
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

    // Immutable in fact: an unmodifiable copy, set once and never handed out mutable.
    @SuppressWarnings("ImmutableEnumChecker")
    private final Set<Flag> hiddenBy;

    Place(Flag... hiddenBy) {
      this.hiddenBy = Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(hiddenBy)));
    }

    /** The marker text, for example {@code SECRET_INPUT_VALUE}. */
    public String marker() {
      return "SECRET_" + name();
    }

    /** Whether {@code flag} must hide this place. */
    public boolean isHiddenBy(Flag flag) {
      return hiddenBy.contains(flag);
    }
  }

  /** What one export showed for one flag. */
  public static final class Outcome {
    private final Flag flag;
    private final List<Place> leaked;
    private final List<Place> missing;

    private Outcome(Flag flag, List<Place> leaked, List<Place> missing) {
      this.flag = flag;
      this.leaked = Collections.unmodifiableList(leaked);
      this.missing = Collections.unmodifiableList(missing);
    }

    /** The places whose marker the flag hides but that reached the receiver. */
    public List<Place> leaked() {
      return leaked;
    }

    /** The places whose marker the flag does not hide but that never arrived. */
    public List<Place> missing() {
      return missing;
    }

    @Override
    public String toString() {
      return "Outcome{flag=" + flag + ", leaked=" + leaked + ", missing=" + missing + "}";
    }
  }

  /**
   * Compares what arrived with what {@code flag} must hide: {@code received} is every string the
   * receiver got (decoded spans as {@link #everything}, or the raw request bodies).
   */
  public static Outcome check(Flag flag, String received) {
    List<Place> leaked = new ArrayList<>();
    List<Place> missing = new ArrayList<>();
    for (Place place : Place.values()) {
      boolean present = received.contains(place.marker());
      if (place.isHiddenBy(flag) && present) {
        leaked.add(place);
      } else if (!place.isHiddenBy(flag) && !present) {
        missing.add(place);
      }
    }
    return new Outcome(flag, leaked, missing);
  }

  /** Every string the decoded spans hold: names, attribute values, event names and attributes. */
  public static String everything(Collection<? extends SpanData> spans) {
    StringBuilder sb = new StringBuilder();
    for (SpanData span : spans) {
      sb.append(span.getName()).append('\n').append(span.getAttributes()).append('\n');
      span.getEvents().forEach(event -> sb.append(event.getName()).append(event.getAttributes()));
    }
    return sb.toString();
  }

  /** The number of spans {@link #emitEverywhere} ends. */
  public static final int SPAN_COUNT = 5;

  /**
   * Emits five spans and two log-record events that together put every {@link Place}'s marker in
   * its place, as GenAI instrumentation and applications do.
   */
  public static void emitEverywhere(Tracer tracer, Logger logger) {
    StringBuilder padding = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      padding.append('A');
    }
    String base64Image =
        "data:image/png;base64," + padding + Place.GENAI_INPUT_BASE64_IMAGE.marker();
    Span chat =
        tracer
            .spanBuilder("chat")
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.request.model", "gpt-4o")
            .setAttribute(
                AttributeKey.stringArrayKey("gen_ai.request.stop_sequences"),
                Collections.singletonList(Place.GENAI_STOP_SEQUENCE.marker()))
            .setAttribute(
                "gen_ai.system_instructions",
                "[{\"type\":\"text\",\"content\":\""
                    + Place.GENAI_SYSTEM_INSTRUCTIONS.marker()
                    + "\"}]")
            .setAttribute(
                "gen_ai.input.messages",
                "[{\"role\":\"user\",\"parts\":["
                    + "{\"type\":\"text\",\"content\":\""
                    + Place.GENAI_INPUT_TEXT.marker()
                    + "\"},"
                    + "{\"type\":\"uri\",\"modality\":\"image\",\"uri\":\"https://img.example/"
                    + Place.GENAI_INPUT_IMAGE.marker()
                    + ".png\"},"
                    + "{\"type\":\"uri\",\"modality\":\"image\",\"uri\":\""
                    + base64Image
                    + "\"}]},"
                    + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c1\","
                    + "\"response\":\""
                    + Place.GENAI_TOOL_RESPONSE.marker()
                    + "\"}]}]")
            .setAttribute(
                "gen_ai.output.messages",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
                    + Place.GENAI_OUTPUT_TEXT.marker()
                    + "\"}]}]")
            .setAttribute(
                "gen_ai.tool.definitions",
                "[{\"type\":\"function\",\"name\":\"lookup\",\"description\":\""
                    + Place.GENAI_TOOL_DEFINITION.marker()
                    + "\"}]")
            .startSpan();
    chat.addEvent(
        "gen_ai.user.message",
        Attributes.of(AttributeKey.stringKey("content"), Place.SPAN_EVENT_USER_MESSAGE.marker()));
    chat.addEvent(
        "gen_ai.choice",
        Attributes.of(
            AttributeKey.stringKey("message"),
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
        Attributes.of(AttributeKey.stringKey("gen_ai.prompt"), Place.SPAN_EVENT_PROMPT.marker()));
    completion.end();

    Span fromLogs =
        tracer
            .spanBuilder("chat from logs")
            .setAttribute("gen_ai.operation.name", "chat")
            .startSpan();
    try (Scope ignored = fromLogs.makeCurrent()) {
      logger
          .logRecordBuilder()
          .setEventName("gen_ai.user.message")
          .setBody(
              Value.of(KeyValue.of("content", Value.of(Place.LOG_EVENT_USER_MESSAGE.marker()))))
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
        .setAttribute(
            "gen_ai.tool.call.arguments", "{\"q\":\"" + Place.TOOL_ARGUMENTS.marker() + "\"}")
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

  private MaskingMarkers() {}
}
