/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.masking;

import static dev.openinference.exporter.internal.masking.AttributeMasker.DROP;
import static dev.openinference.exporter.internal.masking.AttributeMasker.KEEP;
import static dev.openinference.exporter.internal.masking.AttributeMasker.REDACT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.TraceConfigBuilder;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttributeMaskerTest {

  private static final String SMALL_IMAGE = "data:image/png;base64,iVBORw0KGgo=";
  private static final String IN = "llm.input_messages.0.";
  private static final String OUT = "llm.output_messages.0.";

  /** One row per rule of the Python TraceConfig.mask, with the flag that turns it on. */
  static Stream<Arguments> rules() {
    return Stream.of(
        row(
            "hideLlmInvocationParameters",
            b -> b.setHideLlmInvocationParameters(true),
            "llm.invocation_parameters",
            "{\"temperature\":0.1}",
            DROP),
        row(
            "hideLlmTools",
            b -> b.setHideLlmTools(true),
            "llm.tools.0.tool.json_schema",
            "{}",
            DROP),
        row(
            "hideInputs drops tools",
            b -> b.setHideInputs(true),
            "llm.tools.1.tool.json_schema",
            "{}",
            DROP),
        row("hideInputs", b -> b.setHideInputs(true), "input.value", "question", REDACT),
        row("hideInputs", b -> b.setHideInputs(true), "input.mime_type", "text/plain", DROP),
        row("hideOutputs", b -> b.setHideOutputs(true), "output.value", "answer", REDACT),
        row("hideOutputs", b -> b.setHideOutputs(true), "output.mime_type", "text/plain", DROP),
        row(
            "hideInputs drops input messages",
            b -> b.setHideInputs(true),
            IN + "message.content",
            "hi",
            DROP),
        row(
            "hideInputMessages",
            b -> b.setHideInputMessages(true),
            IN + "message.role",
            "user",
            DROP),
        row(
            "hideInputs redacts prompts",
            b -> b.setHideInputs(true),
            "llm.prompts.0.prompt.text",
            "Once upon",
            REDACT),
        row(
            "hidePrompts",
            b -> b.setHidePrompts(true),
            "llm.prompts.0.prompt.text",
            "Once upon",
            REDACT),
        row(
            "hideOutputs drops output messages",
            b -> b.setHideOutputs(true),
            OUT + "message.content",
            "hello",
            DROP),
        row(
            "hideOutputMessages",
            b -> b.setHideOutputMessages(true),
            OUT + "message.role",
            "assistant",
            DROP),
        row(
            "hideOutputs redacts choices",
            b -> b.setHideOutputs(true),
            "llm.choices.0.completion.text",
            "a time",
            REDACT),
        row(
            "hideChoices",
            b -> b.setHideChoices(true),
            "llm.choices.0.completion.text",
            "a time",
            REDACT),
        row("hideInputText", b -> b.setHideInputText(true), IN + "message.content", "hi", REDACT),
        row(
            "hideInputText keeps the role",
            b -> b.setHideInputText(true),
            IN + "message.role",
            "user",
            KEEP),
        row(
            "hideOutputText",
            b -> b.setHideOutputText(true),
            OUT + "message.content",
            "hey",
            REDACT),
        row(
            "hideInputText on content parts",
            b -> b.setHideInputText(true),
            IN + "message.contents.0.message_content.text",
            "hi",
            REDACT),
        row(
            "hideInputText keeps the part type",
            b -> b.setHideInputText(true),
            IN + "message.contents.0.message_content.type",
            "text",
            KEEP),
        row(
            "hideOutputText on content parts",
            b -> b.setHideOutputText(true),
            OUT + "message.contents.0.message_content.text",
            "hey",
            REDACT),
        row(
            "hideInputImages",
            b -> b.setHideInputImages(true),
            IN + "message.contents.1.message_content.image.image.url",
            SMALL_IMAGE,
            DROP),
        row(
            "base64 image over the limit",
            b -> b.setBase64ImageMaxLength(10),
            IN + "message.contents.1.message_content.image.image.url",
            SMALL_IMAGE,
            REDACT),
        row(
            "base64 image of an output message over the limit",
            b -> b.setBase64ImageMaxLength(10),
            OUT + "message.contents.1.message_content.image.image.url",
            SMALL_IMAGE,
            REDACT),
        row(
            "base64 image within the limit",
            b -> b,
            IN + "message.contents.1.message_content.image.image.url",
            SMALL_IMAGE,
            KEEP),
        row(
            "a long http image URL is not base64",
            b -> b.setBase64ImageMaxLength(10),
            IN + "message.contents.1.message_content.image.image.url",
            "https://example.com/cat.png",
            KEEP),
        row(
            "hideEmbeddingsVectors",
            b -> b.setHideEmbeddingsVectors(true),
            "embedding.embeddings.0.embedding.vector",
            Arrays.asList(0.1, 0.2),
            REDACT),
        row(
            "hideEmbeddingsText",
            b -> b.setHideEmbeddingsText(true),
            "embedding.embeddings.0.embedding.text",
            "to embed",
            REDACT),
        row(
            "hideInputs hides GenAI input messages",
            b -> b.setHideInputs(true),
            "gen_ai.input.messages",
            "[]",
            DROP),
        row(
            "hideInputMessages hides GenAI system instructions",
            b -> b.setHideInputMessages(true),
            "gen_ai.system_instructions",
            "[]",
            DROP),
        row(
            "hideOutputMessages hides GenAI output messages",
            b -> b.setHideOutputMessages(true),
            "gen_ai.output.messages",
            "[]",
            DROP),
        row(
            "hideLlmTools hides GenAI tool definitions",
            b -> b.setHideLlmTools(true),
            "gen_ai.tool.definitions",
            "[]",
            DROP),
        row(
            "hideInputs redacts GenAI tool arguments",
            b -> b.setHideInputs(true),
            "gen_ai.tool.call.arguments",
            "{}",
            REDACT),
        row(
            "hideOutputs redacts GenAI tool results",
            b -> b.setHideOutputs(true),
            "gen_ai.tool.call.result",
            "42",
            REDACT));
  }

  private static Arguments row(
      String name, UnaryOperator<TraceConfigBuilder> flag, String key, Object value, int action) {
    return Arguments.of(name, flag.apply(TraceConfig.builder()).build(), key, value, action);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("rules")
  void eachRuleActsLikePythonTraceConfig(
      String name, TraceConfig config, String key, Object value, int expected) {
    assertThat(AttributeMasker.create(config).actionFor(key, value)).isEqualTo(expected);
    if (expected != KEEP) {
      // With nothing hidden, the same attribute passes (base64 images aside: small ones pass).
      assertThat(AttributeMasker.create(TraceConfig.getDefault()).actionFor(key, value))
          .isEqualTo(KEEP);
    }
  }

  @Test
  void defaultConfigKeepsOrdinaryAttributes() {
    AttributeMasker masker = AttributeMasker.create(TraceConfig.getDefault());
    for (String key :
        new String[] {
          "input.value",
          "output.value",
          IN + "message.content",
          "llm.tools.0.tool.json_schema",
          "http.request.method",
          "session.id",
          "gen_ai.input.messages",
          ""
        }) {
      assertThat(masker.actionFor(key, "value")).as(key).isEqualTo(KEEP);
    }
  }

  @Test
  void firstMatchingRuleWinsAsInPython() {
    // hideInputs drops the message before hideInputText could redact its text.
    TraceConfig both = TraceConfig.builder().setHideInputs(true).setHideInputText(true).build();
    assertThat(AttributeMasker.create(both).actionFor(IN + "message.content", "x")).isEqualTo(DROP);
    // hideInputText leaves images alone: only hideInputImages and the base64 limit touch them.
    TraceConfig text = TraceConfig.builder().setHideInputText(true).build();
    assertThat(
            AttributeMasker.create(text)
                .actionFor(IN + "message.contents.0.message_content.image.image.url", SMALL_IMAGE))
        .isEqualTo(KEEP);
    // The image rule ends the search even when the image is small: embeddings flags cannot
    // reach an image key.
    TraceConfig vectors = TraceConfig.builder().setHideEmbeddingsVectors(true).build();
    assertThat(
            AttributeMasker.create(vectors)
                .actionFor(IN + "message.contents.0.message_content.image.image.url", SMALL_IMAGE))
        .isEqualTo(KEEP);
  }

  @Test
  void base64ImageLimitIsStrictlyGreaterThan() {
    String image = "data:image/jpeg;base64," + "A".repeat(100);
    String key = IN + "message.contents.0.message_content.image.image.url";
    TraceConfig exact = TraceConfig.builder().setBase64ImageMaxLength(image.length()).build();
    TraceConfig shorter = TraceConfig.builder().setBase64ImageMaxLength(image.length() - 1).build();
    assertThat(AttributeMasker.create(exact).actionFor(key, image)).isEqualTo(KEEP);
    assertThat(AttributeMasker.create(shorter).actionFor(key, image)).isEqualTo(REDACT);
    // Only data:image/ URLs that say base64 count.
    assertThat(AttributeMasker.create(shorter).actionFor(key, "data:text/plain;base64," + image))
        .isEqualTo(KEEP);
  }

  @Test
  void outputImagesAreNotDroppedByHideInputImages() {
    TraceConfig config = TraceConfig.builder().setHideInputImages(true).build();
    assertThat(
            AttributeMasker.create(config)
                .actionFor(OUT + "message.contents.0.message_content.image.image.url", SMALL_IMAGE))
        .isEqualTo(KEEP);
  }
}
