/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.processor.internal.ConfigValues;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * Builds a {@link TraceConfig}. A setting set here wins; every other one is resolved on its own
 * when {@link #build()} runs: system property, then environment variable, then the default ({@code
 * false}, 32000). See {@link TraceConfig} for what each one hides.
 */
public final class TraceConfigBuilder {

  /** Per {@link TraceConfigFlag}: null until set in code. */
  private final Boolean[] flags = new Boolean[TraceConfigFlag.values().length];

  @Nullable private Integer base64ImageMaxLength;

  TraceConfigBuilder() {}

  // A fixed-size table indexed by declaration order, built and read in this process only.
  @SuppressWarnings("EnumOrdinal")
  TraceConfigBuilder set(TraceConfigFlag flag, boolean value) {
    flags[flag.ordinal()] = value;
    return this;
  }

  /**
   * Hides input values, input messages, completion prompts and tool definitions.
   *
   * @param hideInputs {@code true} to hide them
   * @return this builder
   */
  public TraceConfigBuilder setHideInputs(boolean hideInputs) {
    return set(TraceConfigFlag.HIDE_INPUTS, hideInputs);
  }

  /**
   * Hides output values, output messages and completion choices.
   *
   * @param hideOutputs {@code true} to hide them
   * @return this builder
   */
  public TraceConfigBuilder setHideOutputs(boolean hideOutputs) {
    return set(TraceConfigFlag.HIDE_OUTPUTS, hideOutputs);
  }

  /**
   * Drops every input message attribute.
   *
   * @param hideInputMessages {@code true} to drop them
   * @return this builder
   */
  public TraceConfigBuilder setHideInputMessages(boolean hideInputMessages) {
    return set(TraceConfigFlag.HIDE_INPUT_MESSAGES, hideInputMessages);
  }

  /**
   * Drops every output message attribute.
   *
   * @param hideOutputMessages {@code true} to drop them
   * @return this builder
   */
  public TraceConfigBuilder setHideOutputMessages(boolean hideOutputMessages) {
    return set(TraceConfigFlag.HIDE_OUTPUT_MESSAGES, hideOutputMessages);
  }

  /**
   * Drops the images of input messages.
   *
   * @param hideInputImages {@code true} to drop them
   * @return this builder
   */
  public TraceConfigBuilder setHideInputImages(boolean hideInputImages) {
    return set(TraceConfigFlag.HIDE_INPUT_IMAGES, hideInputImages);
  }

  /**
   * Redacts the text of input messages.
   *
   * @param hideInputText {@code true} to replace it with {@value TraceConfig#REDACTED_VALUE}
   * @return this builder
   */
  public TraceConfigBuilder setHideInputText(boolean hideInputText) {
    return set(TraceConfigFlag.HIDE_INPUT_TEXT, hideInputText);
  }

  /**
   * Redacts the text of output messages.
   *
   * @param hideOutputText {@code true} to replace it with {@value TraceConfig#REDACTED_VALUE}
   * @return this builder
   */
  public TraceConfigBuilder setHideOutputText(boolean hideOutputText) {
    return set(TraceConfigFlag.HIDE_OUTPUT_TEXT, hideOutputText);
  }

  /**
   * Redacts embedding vectors.
   *
   * @param hideEmbeddingsVectors {@code true} to replace them with {@value
   *     TraceConfig#REDACTED_VALUE}
   * @return this builder
   */
  public TraceConfigBuilder setHideEmbeddingsVectors(boolean hideEmbeddingsVectors) {
    return set(TraceConfigFlag.HIDE_EMBEDDINGS_VECTORS, hideEmbeddingsVectors);
  }

  /**
   * Redacts the text that was embedded.
   *
   * @param hideEmbeddingsText {@code true} to replace it with {@value TraceConfig#REDACTED_VALUE}
   * @return this builder
   */
  public TraceConfigBuilder setHideEmbeddingsText(boolean hideEmbeddingsText) {
    return set(TraceConfigFlag.HIDE_EMBEDDINGS_TEXT, hideEmbeddingsText);
  }

  /**
   * Drops {@code llm.invocation_parameters}.
   *
   * @param hideLlmInvocationParameters {@code true} to drop it
   * @return this builder
   */
  public TraceConfigBuilder setHideLlmInvocationParameters(boolean hideLlmInvocationParameters) {
    return set(TraceConfigFlag.HIDE_LLM_INVOCATION_PARAMETERS, hideLlmInvocationParameters);
  }

  /**
   * Drops the tool definitions offered to the model.
   *
   * @param hideLlmTools {@code true} to drop them
   * @return this builder
   */
  public TraceConfigBuilder setHideLlmTools(boolean hideLlmTools) {
    return set(TraceConfigFlag.HIDE_LLM_TOOLS, hideLlmTools);
  }

  /**
   * Redacts completion-API prompts.
   *
   * @param hidePrompts {@code true} to replace them with {@value TraceConfig#REDACTED_VALUE}
   * @return this builder
   */
  public TraceConfigBuilder setHidePrompts(boolean hidePrompts) {
    return set(TraceConfigFlag.HIDE_PROMPTS, hidePrompts);
  }

  /**
   * Redacts completion-API choices.
   *
   * @param hideChoices {@code true} to replace them with {@value TraceConfig#REDACTED_VALUE}
   * @return this builder
   */
  public TraceConfigBuilder setHideChoices(boolean hideChoices) {
    return set(TraceConfigFlag.HIDE_CHOICES, hideChoices);
  }

  /**
   * Sets the length above which a base64 {@code data:image/} URL in a message is redacted (default
   * 32000). As in Python, a negative value ({@code -1}) redacts every base64 image.
   *
   * @param base64ImageMaxLength the limit in characters of the whole {@code data:} URL, or negative
   *     to redact every base64 image
   * @return this builder
   */
  public TraceConfigBuilder setBase64ImageMaxLength(int base64ImageMaxLength) {
    this.base64ImageMaxLength = base64ImageMaxLength;
    return this;
  }

  /**
   * Returns the configuration: the settings made here, the others from system properties, then
   * environment variables, then the defaults.
   *
   * @return a new immutable configuration, never null; later changes to this builder do not affect
   *     it
   */
  public TraceConfig build() {
    return build(ConfigValues.systemPropertiesAndEnvironment());
  }

  /** Returns the configuration, the settings not made here read from {@code source}. */
  TraceConfig build(ConfigValues.Source source) {
    return TraceConfig.resolve(flags.clone(), base64ImageMaxLength, source);
  }

  @Override
  public String toString() {
    return "TraceConfigBuilder{set in code: flags="
        + Arrays.toString(flags)
        + ", base64ImageMaxLength="
        + base64ImageMaxLength
        + "}";
  }
}
