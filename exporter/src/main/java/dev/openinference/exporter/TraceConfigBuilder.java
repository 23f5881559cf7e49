/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.context.internal.RateLimitedLogger;

/**
 * Builds a {@link TraceConfig}. Every flag starts {@code false}; see {@link TraceConfig} for what
 * each one hides.
 */
public final class TraceConfigBuilder {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(TraceConfigBuilder.class);

  boolean hideInputs;
  boolean hideOutputs;
  boolean hideInputMessages;
  boolean hideOutputMessages;
  boolean hideInputImages;
  boolean hideInputText;
  boolean hideOutputText;
  boolean hideEmbeddingsVectors;
  boolean hideEmbeddingsText;
  boolean hideLlmInvocationParameters;
  boolean hideLlmTools;
  boolean hidePrompts;
  boolean hideChoices;
  int base64ImageMaxLength = TraceConfig.DEFAULT_BASE64_IMAGE_MAX_LENGTH;

  TraceConfigBuilder() {}

  /** Hides input values, input messages, completion prompts and tool definitions. */
  public TraceConfigBuilder setHideInputs(boolean hideInputs) {
    this.hideInputs = hideInputs;
    return this;
  }

  /** Hides output values, output messages and completion choices. */
  public TraceConfigBuilder setHideOutputs(boolean hideOutputs) {
    this.hideOutputs = hideOutputs;
    return this;
  }

  /** Drops every input message attribute. */
  public TraceConfigBuilder setHideInputMessages(boolean hideInputMessages) {
    this.hideInputMessages = hideInputMessages;
    return this;
  }

  /** Drops every output message attribute. */
  public TraceConfigBuilder setHideOutputMessages(boolean hideOutputMessages) {
    this.hideOutputMessages = hideOutputMessages;
    return this;
  }

  /** Drops the images of input messages. */
  public TraceConfigBuilder setHideInputImages(boolean hideInputImages) {
    this.hideInputImages = hideInputImages;
    return this;
  }

  /** Redacts the text of input messages. */
  public TraceConfigBuilder setHideInputText(boolean hideInputText) {
    this.hideInputText = hideInputText;
    return this;
  }

  /** Redacts the text of output messages. */
  public TraceConfigBuilder setHideOutputText(boolean hideOutputText) {
    this.hideOutputText = hideOutputText;
    return this;
  }

  /** Redacts embedding vectors. */
  public TraceConfigBuilder setHideEmbeddingsVectors(boolean hideEmbeddingsVectors) {
    this.hideEmbeddingsVectors = hideEmbeddingsVectors;
    return this;
  }

  /** Redacts the text that was embedded. */
  public TraceConfigBuilder setHideEmbeddingsText(boolean hideEmbeddingsText) {
    this.hideEmbeddingsText = hideEmbeddingsText;
    return this;
  }

  /** Drops {@code llm.invocation_parameters}. */
  public TraceConfigBuilder setHideLlmInvocationParameters(boolean hideLlmInvocationParameters) {
    this.hideLlmInvocationParameters = hideLlmInvocationParameters;
    return this;
  }

  /** Drops the tool definitions offered to the model. */
  public TraceConfigBuilder setHideLlmTools(boolean hideLlmTools) {
    this.hideLlmTools = hideLlmTools;
    return this;
  }

  /** Redacts completion-API prompts. */
  public TraceConfigBuilder setHidePrompts(boolean hidePrompts) {
    this.hidePrompts = hidePrompts;
    return this;
  }

  /** Redacts completion-API choices. */
  public TraceConfigBuilder setHideChoices(boolean hideChoices) {
    this.hideChoices = hideChoices;
    return this;
  }

  /**
   * Sets the length above which a base64 {@code data:image/} URL in a message is redacted (default
   * 32000). A negative value is ignored with a warning.
   */
  public TraceConfigBuilder setBase64ImageMaxLength(int base64ImageMaxLength) {
    if (base64ImageMaxLength < 0) {
      logger.warning(
          "Ignoring negative base64ImageMaxLength " + base64ImageMaxLength
              + "; keeping " + this.base64ImageMaxLength);
      return this;
    }
    this.base64ImageMaxLength = base64ImageMaxLength;
    return this;
  }

  /** Returns the configuration. */
  public TraceConfig build() {
    return new TraceConfig(this);
  }

  @Override
  public String toString() {
    return "TraceConfigBuilder{" + build() + "}";
  }
}
