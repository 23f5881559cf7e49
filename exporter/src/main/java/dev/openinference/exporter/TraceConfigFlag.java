/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.processor.internal.ConfigValues;
import javax.annotation.Nullable;

/**
 * The boolean flags of {@link TraceConfig}, declared once: the builder stores, the configuration
 * holds, the configuration sources are read, and {@code toString} prints through this table. Each
 * flag's key is a property ({@code openinference.hide.inputs}) whose environment form is the Python
 * variable ({@code OPENINFERENCE_HIDE_INPUTS}).
 */
enum TraceConfigFlag {
  HIDE_INPUTS("hideInputs", "openinference.hide.inputs"),
  HIDE_OUTPUTS("hideOutputs", "openinference.hide.outputs"),
  HIDE_INPUT_MESSAGES("hideInputMessages", "openinference.hide.input.messages"),
  HIDE_OUTPUT_MESSAGES("hideOutputMessages", "openinference.hide.output.messages"),
  HIDE_INPUT_IMAGES("hideInputImages", "openinference.hide.input.images"),
  HIDE_INPUT_TEXT("hideInputText", "openinference.hide.input.text"),
  HIDE_OUTPUT_TEXT("hideOutputText", "openinference.hide.output.text"),
  // Python keeps the older singular variable as a flag of its own and hides when either is on.
  HIDE_EMBEDDINGS_VECTORS(
      "hideEmbeddingsVectors",
      "openinference.hide.embeddings.vectors",
      "openinference.hide.embedding.vectors"),
  HIDE_EMBEDDINGS_TEXT("hideEmbeddingsText", "openinference.hide.embeddings.text"),
  HIDE_LLM_INVOCATION_PARAMETERS(
      "hideLlmInvocationParameters", "openinference.hide.llm.invocation.parameters"),
  HIDE_LLM_TOOLS("hideLlmTools", "openinference.hide.llm.tools"),
  HIDE_PROMPTS("hidePrompts", "openinference.hide.prompts"),
  HIDE_CHOICES("hideChoices", "openinference.hide.choices");

  /** The key of {@link TraceConfig#base64ImageMaxLength()}, the one setting that is no flag. */
  static final String BASE64_IMAGE_MAX_LENGTH = "openinference.base64.image.max.length";

  private final String fieldName;
  private final String property;
  @Nullable private final String olderProperty;

  TraceConfigFlag(String fieldName, String property) {
    this(fieldName, property, null);
  }

  TraceConfigFlag(String fieldName, String property, @Nullable String olderProperty) {
    this.fieldName = fieldName;
    this.property = property;
    this.olderProperty = olderProperty;
  }

  /** The getter's name, as {@code toString} prints it. */
  String fieldName() {
    return fieldName;
  }

  /** The property key, {@code openinference.hide.inputs}. */
  String property() {
    return property;
  }

  /** Returns the value {@code source} gives this flag, or null when it gives none. */
  @Nullable
  Boolean read(ConfigValues.Source source) {
    Boolean value = ConfigValues.getBoolean(source, property);
    if (olderProperty == null) {
      return value;
    }
    Boolean older = ConfigValues.getBoolean(source, olderProperty);
    if (value == null) {
      return older;
    }
    return older == null ? value : Boolean.valueOf(value || older);
  }

  /** The bit of this flag in {@link TraceConfig}'s mask. */
  // A bit mask by declaration order, built and read in this process only.
  @SuppressWarnings("EnumOrdinal")
  int bit() {
    return 1 << ordinal();
  }
}
