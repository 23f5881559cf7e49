/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.masking;

import static dev.openinference.semconv.SemanticConventions.EMBEDDING_EMBEDDINGS;
import static dev.openinference.semconv.SemanticConventions.LLM_CHOICES;
import static dev.openinference.semconv.SemanticConventions.LLM_INPUT_MESSAGES;
import static dev.openinference.semconv.SemanticConventions.LLM_OUTPUT_MESSAGES;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPTS;
import static dev.openinference.semconv.SemanticConventions.LLM_TOOLS;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENTS;
import static dev.openinference.semconv.SemanticConventions.MESSAGE_CONTENT_IMAGE;

import dev.openinference.exporter.TraceConfig;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Decides, attribute by attribute, what a {@link TraceConfig} does to a span: keep, drop or redact.
 * The OpenInference rules follow the Python {@code TraceConfig.mask} one for one, in the same
 * order, with the same substring tests on the key; the first rule that matches decides.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class AttributeMasker {

  /** Leave the attribute as it is. */
  public static final int KEEP = 0;

  /** Remove the attribute. */
  public static final int DROP = 1;

  /** Replace the value with {@link TraceConfig#REDACTED_VALUE}. */
  public static final int REDACT = 2;

  /**
   * Replace the value with {@link #rewrite}: GenAI message JSON whose text or images a fine-grained
   * flag hides.
   */
  public static final int REWRITE = 3;

  private static final String TOOL_PARAMETERS = SemanticConventions.TOOL_PARAMETERS.getKey();
  private static final AttributeKey<String> GEN_AI_PROMPT = AttributeKey.stringKey("gen_ai.prompt");
  private static final AttributeKey<String> GEN_AI_COMPLETION =
      AttributeKey.stringKey("gen_ai.completion");
  private static final String METADATA_SYSTEM_INSTRUCTIONS =
      SemanticConventions.METADATA.getKey() + ".gen_ai.system_instructions";

  private static final String INPUT_VALUE = SemanticConventions.INPUT_VALUE.getKey();
  private static final String INPUT_MIME_TYPE = SemanticConventions.INPUT_MIME_TYPE.getKey();
  private static final String OUTPUT_VALUE = SemanticConventions.OUTPUT_VALUE.getKey();
  private static final String OUTPUT_MIME_TYPE = SemanticConventions.OUTPUT_MIME_TYPE.getKey();
  private static final String LLM_INVOCATION_PARAMETERS =
      SemanticConventions.LLM_INVOCATION_PARAMETERS.getKey();
  private static final String MESSAGE_CONTENT = SemanticConventions.MESSAGE_CONTENT.getKey();
  private static final String MESSAGE_CONTENT_TEXT =
      SemanticConventions.MESSAGE_CONTENT_TEXT.getKey();
  private static final String IMAGE_URL = SemanticConventions.IMAGE_URL.getKey();
  private static final String EMBEDDING_VECTOR = SemanticConventions.EMBEDDING_VECTOR.getKey();
  private static final String EMBEDDING_TEXT = SemanticConventions.EMBEDDING_TEXT.getKey();

  private final boolean hideInputs;
  private final boolean hideOutputs;
  private final boolean hideInputMessages;
  private final boolean hideOutputMessages;
  private final boolean hideInputImages;
  private final boolean hideInputText;
  private final boolean hideOutputText;
  private final boolean hideEmbeddingsVectors;
  private final boolean hideEmbeddingsText;
  private final boolean hideLlmInvocationParameters;
  private final boolean hideLlmTools;
  private final boolean hidePrompts;
  private final boolean hideChoices;
  private final int base64ImageMaxLength;
  private final boolean hidesAnything;
  private final ContentMasker content;
  private final EventMasker events;

  private AttributeMasker(TraceConfig config) {
    hideInputs = config.hideInputs();
    hideOutputs = config.hideOutputs();
    hideInputMessages = config.hideInputMessages();
    hideOutputMessages = config.hideOutputMessages();
    hideInputImages = config.hideInputImages();
    hideInputText = config.hideInputText();
    hideOutputText = config.hideOutputText();
    hideEmbeddingsVectors = config.hideEmbeddingsVectors();
    hideEmbeddingsText = config.hideEmbeddingsText();
    hideLlmInvocationParameters = config.hideLlmInvocationParameters();
    hideLlmTools = config.hideLlmTools();
    hidePrompts = config.hidePrompts();
    hideChoices = config.hideChoices();
    base64ImageMaxLength = config.base64ImageMaxLength();
    hidesAnything =
        hideInputs
            || hideOutputs
            || hideInputMessages
            || hideOutputMessages
            || hideInputImages
            || hideInputText
            || hideOutputText
            || hideEmbeddingsVectors
            || hideEmbeddingsText
            || hideLlmInvocationParameters
            || hideLlmTools
            || hidePrompts
            || hideChoices;
    content =
        new ContentMasker(hideInputText, hideInputImages, hideOutputText, base64ImageMaxLength);
    events = new EventMasker(this);
  }

  /** Returns the masker for {@code config}. */
  public static AttributeMasker create(TraceConfig config) {
    return new AttributeMasker(config);
  }

  /**
   * Returns {@link #KEEP}, {@link #DROP} or {@link #REDACT} for the attribute {@code key} with
   * {@code value} (the value matters only for base64 image URLs).
   */
  public int actionFor(String key, Object value) {
    if (key.startsWith("gen_ai.")) {
      return genAiAction(key, value);
    }
    if (key.equals(METADATA_SYSTEM_INSTRUCTIONS)) {
      return genAiAction("gen_ai.system_instructions", value);
    }
    if (hideInputs && key.equals(TOOL_PARAMETERS)) {
      // The arguments a tool was called with are its input.
      return REDACT;
    }
    // Every OpenInference rule needs one of these; most keys leave here.
    if (key.indexOf("llm.") < 0
        && key.indexOf(EMBEDDING_EMBEDDINGS) < 0
        && !key.startsWith("input.")
        && !key.startsWith("output.")) {
      return KEEP;
    }
    if (hideLlmInvocationParameters && key.equals(LLM_INVOCATION_PARAMETERS)) {
      return DROP;
    }
    if ((hideInputs || hideLlmTools) && key.contains(LLM_TOOLS)) {
      return DROP;
    }
    if (hideInputs && key.equals(INPUT_VALUE)) {
      return REDACT;
    }
    if (hideInputs && key.equals(INPUT_MIME_TYPE)) {
      return DROP;
    }
    if (hideOutputs && key.equals(OUTPUT_VALUE)) {
      return REDACT;
    }
    if (hideOutputs && key.equals(OUTPUT_MIME_TYPE)) {
      return DROP;
    }
    boolean inputMessage = key.contains(LLM_INPUT_MESSAGES);
    if ((hideInputs || hideInputMessages) && inputMessage) {
      return DROP;
    }
    if ((hideInputs || hidePrompts) && key.contains(LLM_PROMPTS)) {
      return REDACT;
    }
    boolean outputMessage = key.contains(LLM_OUTPUT_MESSAGES);
    if ((hideOutputs || hideOutputMessages) && outputMessage) {
      return DROP;
    }
    if ((hideOutputs || hideChoices) && key.contains(LLM_CHOICES)) {
      return REDACT;
    }
    if (hideInputText && inputMessage && isFlatContent(key)) {
      return REDACT;
    }
    if (hideOutputText && outputMessage && isFlatContent(key)) {
      return REDACT;
    }
    if (hideInputText && inputMessage && key.contains(MESSAGE_CONTENT_TEXT)) {
      return REDACT;
    }
    if (hideOutputText && outputMessage && key.contains(MESSAGE_CONTENT_TEXT)) {
      return REDACT;
    }
    boolean image = key.contains(MESSAGE_CONTENT_IMAGE);
    if (hideInputImages && inputMessage && image) {
      return DROP;
    }
    if ((inputMessage || outputMessage) && image && key.endsWith(IMAGE_URL)) {
      // This rule ends the search whether or not the image is too long, as in Python.
      return isBase64ImageUrl(value) && ((String) value).length() > base64ImageMaxLength
          ? REDACT
          : KEEP;
    }
    if (hideEmbeddingsVectors
        && key.contains(EMBEDDING_EMBEDDINGS)
        && key.contains(EMBEDDING_VECTOR)) {
      return REDACT;
    }
    if (hideEmbeddingsText && key.contains(EMBEDDING_EMBEDDINGS) && key.contains(EMBEDDING_TEXT)) {
      return REDACT;
    }
    return KEEP;
  }

  // The GenAI attributes that carry the same content as the OpenInference ones hidden above.
  private int genAiAction(String key, Object value) {
    switch (key) {
      case "gen_ai.input.messages":
      case "gen_ai.system_instructions":
        if (hideInputs || hideInputMessages) {
          return DROP;
        }
        return hideInputText || hideInputImages || content.mayHoldLongImage(value) ? REWRITE : KEEP;
      case "gen_ai.prompt":
        if (hideInputs || hideInputMessages) {
          return DROP;
        }
        return hidePrompts || hideInputText ? REDACT : KEEP;
      case "gen_ai.output.messages":
        if (hideOutputs || hideOutputMessages) {
          return DROP;
        }
        return hideOutputText ? REWRITE : KEEP;
      case "gen_ai.completion":
        if (hideOutputs || hideOutputMessages) {
          return DROP;
        }
        return hideChoices || hideOutputText ? REDACT : KEEP;
      case "gen_ai.tool.definitions":
        return hideInputs || hideLlmTools ? DROP : KEEP;
      case "gen_ai.tool.call.arguments":
      case "gen_ai.retrieval.query.text":
        return hideInputs ? REDACT : KEEP;
      case "gen_ai.tool.call.result":
        return hideOutputs ? REDACT : KEEP;
      default:
        // The request parameters are what llm.invocation_parameters is made of.
        return hideLlmInvocationParameters
                && (key.startsWith("gen_ai.request.") || key.startsWith("gen_ai.openai.request."))
                && !key.equals("gen_ai.request.model")
            ? DROP
            : KEEP;
    }
  }

  /**
   * Returns what to do with an attribute the translation derived from the span's GenAI content.
   * Beyond {@link #actionFor}: an {@code input.value} / {@code output.value} made from messages or
   * a prompt is hidden by the flags that hide those, and so is a message made from a plain-text
   * prompt or completion, so a derived copy never un-hides them.
   */
  public int actionForTranslated(String key, Object value, Attributes span) {
    int action = actionFor(key, value);
    if (action != KEEP) {
      return action;
    }
    if (key.equals(INPUT_VALUE)) {
      if (hideInputMessages || (hidePrompts && value.equals(span.get(GEN_AI_PROMPT)))) {
        return REDACT;
      }
      return hideInputText || hideInputImages || content.mayHoldLongImage(value) ? REWRITE : KEEP;
    }
    if (key.equals(OUTPUT_VALUE)) {
      if (hideOutputMessages || (hideChoices && value.equals(span.get(GEN_AI_COMPLETION)))) {
        return REDACT;
      }
      return hideOutputText ? REWRITE : KEEP;
    }
    // A message made from a plain-text prompt or completion (quarkus-langchain4j's) is hidden by
    // the flags that hide that text.
    if (hidePrompts
        && key.startsWith(LLM_INPUT_MESSAGES)
        && value.equals(span.get(GEN_AI_PROMPT))) {
      return REDACT;
    }
    if (hideChoices
        && key.startsWith(LLM_OUTPUT_MESSAGES)
        && value.equals(span.get(GEN_AI_COMPLETION))) {
      return REDACT;
    }
    return KEEP;
  }

  /**
   * Returns the masked form of a value {@link #actionFor} said to {@link #REWRITE}, or null to drop
   * it.
   */
  @Nullable
  public Object rewrite(String key, Object value) {
    boolean output = key.equals("gen_ai.output.messages") || key.equals(OUTPUT_VALUE);
    boolean partsOnly =
        key.equals("gen_ai.system_instructions") || key.equals(METADATA_SYSTEM_INSTRUCTIONS);
    if (partsOnly && !(value instanceof String && ((String) value).startsWith("["))) {
      // Plain-text system instructions are text.
      return TraceConfig.REDACTED_VALUE;
    }
    return content.mask(value, output, partsOnly);
  }

  /** Returns the span events as masking leaves them: {@code events} itself when nothing changes. */
  public List<EventData> maskEvents(List<EventData> events) {
    if (events.isEmpty()) {
      return events;
    }
    return this.events.mask(events);
  }

  boolean hidesAnything() {
    return hidesAnything;
  }

  boolean hidesInputMessages() {
    return hideInputs || hideInputMessages;
  }

  boolean hidesOutputMessages() {
    return hideOutputs || hideOutputMessages;
  }

  boolean hidesInputText() {
    return hideInputText;
  }

  boolean hidesOutputText() {
    return hideOutputText;
  }

  ContentMasker content() {
    return content;
  }

  private static boolean isFlatContent(String key) {
    return key.contains(MESSAGE_CONTENT) && !key.contains(MESSAGE_CONTENTS);
  }

  private static boolean isBase64ImageUrl(Object value) {
    if (!(value instanceof String)) {
      return false;
    }
    String url = (String) value;
    return url.startsWith("data:image/") && url.contains("base64");
  }

  @Override
  public String toString() {
    return "AttributeMasker{base64ImageMaxLength=" + base64ImageMaxLength + "}";
  }
}
