/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.exporter.internal.ConfigValues;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * What {@link OpenInferenceSpanExporter} hides before spans leave the process: the Java form of the
 * Python {@code openinference.instrumentation.TraceConfig}, with the same flags, the same
 * environment variables and the same effect on each attribute.
 *
 * <p>A hidden value is either <em>redacted</em> (replaced by the string {@value #REDACTED_VALUE})
 * or <em>dropped</em>, exactly where the Python package redacts or drops it:
 *
 * <table>
 *   <caption>Flags, environment variables and their effect</caption>
 *   <tr><th>flag</th><th>environment variable</th><th>effect</th></tr>
 *   <tr><td>{@code hideInputs}</td><td>{@code OPENINFERENCE_HIDE_INPUTS}</td>
 *       <td>redacts {@code input.value}, drops {@code input.mime_type}, every
 *       {@code llm.input_messages.*} and {@code llm.tools.*}, redacts {@code llm.prompts.*}</td></tr>
 *   <tr><td>{@code hideOutputs}</td><td>{@code OPENINFERENCE_HIDE_OUTPUTS}</td>
 *       <td>redacts {@code output.value}, drops {@code output.mime_type} and every
 *       {@code llm.output_messages.*}, redacts {@code llm.choices.*}</td></tr>
 *   <tr><td>{@code hideInputMessages}</td><td>{@code OPENINFERENCE_HIDE_INPUT_MESSAGES}</td>
 *       <td>drops every {@code llm.input_messages.*}</td></tr>
 *   <tr><td>{@code hideOutputMessages}</td><td>{@code OPENINFERENCE_HIDE_OUTPUT_MESSAGES}</td>
 *       <td>drops every {@code llm.output_messages.*}</td></tr>
 *   <tr><td>{@code hideInputImages}</td><td>{@code OPENINFERENCE_HIDE_INPUT_IMAGES}</td>
 *       <td>drops the {@code message_content.image} attributes of input messages</td></tr>
 *   <tr><td>{@code hideInputText}</td><td>{@code OPENINFERENCE_HIDE_INPUT_TEXT}</td>
 *       <td>redacts {@code message.content} and {@code message_content.text} of input
 *       messages</td></tr>
 *   <tr><td>{@code hideOutputText}</td><td>{@code OPENINFERENCE_HIDE_OUTPUT_TEXT}</td>
 *       <td>redacts {@code message.content} and {@code message_content.text} of output
 *       messages</td></tr>
 *   <tr><td>{@code hideEmbeddingsVectors}</td><td>{@code OPENINFERENCE_HIDE_EMBEDDINGS_VECTORS}
 *       (or the deprecated {@code OPENINFERENCE_HIDE_EMBEDDING_VECTORS})</td>
 *       <td>redacts {@code embedding.embeddings.*.embedding.vector}</td></tr>
 *   <tr><td>{@code hideEmbeddingsText}</td><td>{@code OPENINFERENCE_HIDE_EMBEDDINGS_TEXT}</td>
 *       <td>redacts {@code embedding.embeddings.*.embedding.text}</td></tr>
 *   <tr><td>{@code hideLlmInvocationParameters}</td>
 *       <td>{@code OPENINFERENCE_HIDE_LLM_INVOCATION_PARAMETERS}</td>
 *       <td>drops {@code llm.invocation_parameters}</td></tr>
 *   <tr><td>{@code hideLlmTools}</td><td>{@code OPENINFERENCE_HIDE_LLM_TOOLS}</td>
 *       <td>drops every {@code llm.tools.*}</td></tr>
 *   <tr><td>{@code hidePrompts}</td><td>{@code OPENINFERENCE_HIDE_PROMPTS}</td>
 *       <td>redacts every {@code llm.prompts.*}</td></tr>
 *   <tr><td>{@code hideChoices}</td><td>{@code OPENINFERENCE_HIDE_CHOICES}</td>
 *       <td>redacts every {@code llm.choices.*}</td></tr>
 *   <tr><td>{@code base64ImageMaxLength}</td><td>{@code OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH}</td>
 *       <td>redacts a {@code data:image/...;base64,...} image URL of a message longer than this
 *       many characters (default 32000)</td></tr>
 * </table>
 *
 * <p>The rules are tried in the Python order and the first that matches decides, so for example
 * {@code hideInputs} drops an input message's text rather than redacting it. Because the exporter
 * keeps the OpenTelemetry GenAI attributes next to the OpenInference ones, the GenAI attributes
 * that carry the same content are hidden with them: {@code gen_ai.input.messages}, {@code
 * gen_ai.system_instructions} and {@code gen_ai.prompt} are dropped with the input messages,
 * {@code gen_ai.output.messages} and {@code gen_ai.completion} with the output messages, {@code
 * gen_ai.tool.definitions} with the tools; {@code gen_ai.tool.call.arguments} and {@code
 * gen_ai.retrieval.query.text} are redacted with the inputs, {@code gen_ai.tool.call.result} with
 * the outputs.
 *
 * <p>{@link #builder()} starts from the defaults (nothing hidden), {@link #fromEnvironment()} from
 * the environment variables, {@link #fromConfigProperties(ConfigProperties)} from OpenTelemetry
 * configuration, where each variable has the property form OpenTelemetry derives from it ({@code
 * OPENINFERENCE_HIDE_INPUTS} is {@code openinference.hide.inputs}). Booleans are {@code true} or
 * {@code false} in any case; an invalid value is logged, naming the variable and the value, and
 * the default is used. Instances are immutable.
 */
public final class TraceConfig {

  /** The value a redacted attribute carries. */
  public static final String REDACTED_VALUE = "__REDACTED__";

  /** The default of {@link #base64ImageMaxLength()}. */
  public static final int DEFAULT_BASE64_IMAGE_MAX_LENGTH = 32_000;

  static final String HIDE_INPUTS = "OPENINFERENCE_HIDE_INPUTS";
  static final String HIDE_OUTPUTS = "OPENINFERENCE_HIDE_OUTPUTS";
  static final String HIDE_INPUT_MESSAGES = "OPENINFERENCE_HIDE_INPUT_MESSAGES";
  static final String HIDE_OUTPUT_MESSAGES = "OPENINFERENCE_HIDE_OUTPUT_MESSAGES";
  static final String HIDE_INPUT_IMAGES = "OPENINFERENCE_HIDE_INPUT_IMAGES";
  static final String HIDE_INPUT_TEXT = "OPENINFERENCE_HIDE_INPUT_TEXT";
  static final String HIDE_OUTPUT_TEXT = "OPENINFERENCE_HIDE_OUTPUT_TEXT";
  static final String HIDE_EMBEDDINGS_VECTORS = "OPENINFERENCE_HIDE_EMBEDDINGS_VECTORS";
  static final String HIDE_EMBEDDING_VECTORS_DEPRECATED = "OPENINFERENCE_HIDE_EMBEDDING_VECTORS";
  static final String HIDE_EMBEDDINGS_TEXT = "OPENINFERENCE_HIDE_EMBEDDINGS_TEXT";
  static final String HIDE_LLM_INVOCATION_PARAMETERS =
      "OPENINFERENCE_HIDE_LLM_INVOCATION_PARAMETERS";
  static final String HIDE_LLM_TOOLS = "OPENINFERENCE_HIDE_LLM_TOOLS";
  static final String HIDE_PROMPTS = "OPENINFERENCE_HIDE_PROMPTS";
  static final String HIDE_CHOICES = "OPENINFERENCE_HIDE_CHOICES";
  static final String BASE64_IMAGE_MAX_LENGTH = "OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH";

  private static final TraceConfig DEFAULT = builder().build();

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

  TraceConfig(TraceConfigBuilder builder) {
    this.hideInputs = builder.hideInputs;
    this.hideOutputs = builder.hideOutputs;
    this.hideInputMessages = builder.hideInputMessages;
    this.hideOutputMessages = builder.hideOutputMessages;
    this.hideInputImages = builder.hideInputImages;
    this.hideInputText = builder.hideInputText;
    this.hideOutputText = builder.hideOutputText;
    this.hideEmbeddingsVectors = builder.hideEmbeddingsVectors;
    this.hideEmbeddingsText = builder.hideEmbeddingsText;
    this.hideLlmInvocationParameters = builder.hideLlmInvocationParameters;
    this.hideLlmTools = builder.hideLlmTools;
    this.hidePrompts = builder.hidePrompts;
    this.hideChoices = builder.hideChoices;
    this.base64ImageMaxLength = builder.base64ImageMaxLength;
  }

  /** Returns a builder starting from the defaults: nothing hidden, images up to 32000 chars. */
  public static TraceConfigBuilder builder() {
    return new TraceConfigBuilder();
  }

  /** Returns the default configuration, which hides nothing. */
  public static TraceConfig getDefault() {
    return DEFAULT;
  }

  /**
   * Returns the configuration the {@code OPENINFERENCE_*} environment variables describe, with the
   * default for every variable that is unset or invalid.
   */
  public static TraceConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Reads the {@code OPENINFERENCE_*} variables from {@code environment} instead of the process. */
  static TraceConfig fromEnvironment(@Nullable Map<String, String> environment) {
    return load(ConfigValues.fromMap(environment), false);
  }

  /**
   * Returns the configuration {@code config} describes, reading the property form of each
   * variable ({@code openinference.hide.inputs}, ..., {@code
   * openinference.base64.image.max.length}). OpenTelemetry's autoconfigured {@code
   * ConfigProperties} also sees the environment variables under these names, so {@code
   * OPENINFERENCE_HIDE_INPUTS=true} and {@code -Dopeninference.hide.inputs=true} are equivalent. A
   * null {@code config} gives the defaults.
   */
  public static TraceConfig fromConfigProperties(@Nullable ConfigProperties config) {
    if (config == null) {
      return DEFAULT;
    }
    return load(config::getString, true);
  }

  private static TraceConfig load(ConfigValues.Source source, boolean propertyNames) {
    TraceConfigBuilder builder = builder();
    Boolean value;
    if ((value = flag(source, HIDE_INPUTS, propertyNames)) != null) {
      builder.setHideInputs(value);
    }
    if ((value = flag(source, HIDE_OUTPUTS, propertyNames)) != null) {
      builder.setHideOutputs(value);
    }
    if ((value = flag(source, HIDE_INPUT_MESSAGES, propertyNames)) != null) {
      builder.setHideInputMessages(value);
    }
    if ((value = flag(source, HIDE_OUTPUT_MESSAGES, propertyNames)) != null) {
      builder.setHideOutputMessages(value);
    }
    if ((value = flag(source, HIDE_INPUT_IMAGES, propertyNames)) != null) {
      builder.setHideInputImages(value);
    }
    if ((value = flag(source, HIDE_INPUT_TEXT, propertyNames)) != null) {
      builder.setHideInputText(value);
    }
    if ((value = flag(source, HIDE_OUTPUT_TEXT, propertyNames)) != null) {
      builder.setHideOutputText(value);
    }
    // Python keeps the deprecated singular variable as a second flag and hides when either is on.
    Boolean vectors = flag(source, HIDE_EMBEDDINGS_VECTORS, propertyNames);
    Boolean deprecatedVectors = flag(source, HIDE_EMBEDDING_VECTORS_DEPRECATED, propertyNames);
    builder.setHideEmbeddingsVectors(
        Boolean.TRUE.equals(vectors) || Boolean.TRUE.equals(deprecatedVectors));
    if ((value = flag(source, HIDE_EMBEDDINGS_TEXT, propertyNames)) != null) {
      builder.setHideEmbeddingsText(value);
    }
    if ((value = flag(source, HIDE_LLM_INVOCATION_PARAMETERS, propertyNames)) != null) {
      builder.setHideLlmInvocationParameters(value);
    }
    if ((value = flag(source, HIDE_LLM_TOOLS, propertyNames)) != null) {
      builder.setHideLlmTools(value);
    }
    if ((value = flag(source, HIDE_PROMPTS, propertyNames)) != null) {
      builder.setHidePrompts(value);
    }
    if ((value = flag(source, HIDE_CHOICES, propertyNames)) != null) {
      builder.setHideChoices(value);
    }
    Integer maxLength =
        ConfigValues.getInt(source, name(BASE64_IMAGE_MAX_LENGTH, propertyNames), 0);
    if (maxLength != null) {
      builder.setBase64ImageMaxLength(maxLength);
    }
    return builder.build();
  }

  @Nullable
  private static Boolean flag(ConfigValues.Source source, String variable, boolean propertyNames) {
    return ConfigValues.getBoolean(source, name(variable, propertyNames));
  }

  private static String name(String variable, boolean propertyNames) {
    return propertyNames ? ConfigValues.toPropertyName(variable) : variable;
  }

  /** Returns a builder holding this configuration's values. */
  public TraceConfigBuilder toBuilder() {
    return new TraceConfigBuilder()
        .setHideInputs(hideInputs)
        .setHideOutputs(hideOutputs)
        .setHideInputMessages(hideInputMessages)
        .setHideOutputMessages(hideOutputMessages)
        .setHideInputImages(hideInputImages)
        .setHideInputText(hideInputText)
        .setHideOutputText(hideOutputText)
        .setHideEmbeddingsVectors(hideEmbeddingsVectors)
        .setHideEmbeddingsText(hideEmbeddingsText)
        .setHideLlmInvocationParameters(hideLlmInvocationParameters)
        .setHideLlmTools(hideLlmTools)
        .setHidePrompts(hidePrompts)
        .setHideChoices(hideChoices)
        .setBase64ImageMaxLength(base64ImageMaxLength);
  }

  /** Whether input values, input messages, prompts and tool definitions are hidden. */
  public boolean hideInputs() {
    return hideInputs;
  }

  /** Whether output values, output messages and choices are hidden. */
  public boolean hideOutputs() {
    return hideOutputs;
  }

  /** Whether input messages are dropped. */
  public boolean hideInputMessages() {
    return hideInputMessages;
  }

  /** Whether output messages are dropped. */
  public boolean hideOutputMessages() {
    return hideOutputMessages;
  }

  /** Whether images of input messages are dropped. */
  public boolean hideInputImages() {
    return hideInputImages;
  }

  /** Whether the text of input messages is redacted. */
  public boolean hideInputText() {
    return hideInputText;
  }

  /** Whether the text of output messages is redacted. */
  public boolean hideOutputText() {
    return hideOutputText;
  }

  /** Whether embedding vectors are redacted. */
  public boolean hideEmbeddingsVectors() {
    return hideEmbeddingsVectors;
  }

  /** Whether the embedded text is redacted. */
  public boolean hideEmbeddingsText() {
    return hideEmbeddingsText;
  }

  /** Whether {@code llm.invocation_parameters} is dropped. */
  public boolean hideLlmInvocationParameters() {
    return hideLlmInvocationParameters;
  }

  /** Whether the tool definitions offered to the model ({@code llm.tools.*}) are dropped. */
  public boolean hideLlmTools() {
    return hideLlmTools;
  }

  /** Whether completion-API prompts ({@code llm.prompts.*}) are redacted. */
  public boolean hidePrompts() {
    return hidePrompts;
  }

  /** Whether completion-API choices ({@code llm.choices.*}) are redacted. */
  public boolean hideChoices() {
    return hideChoices;
  }

  /** The length above which a base64 {@code data:image/} URL of a message is redacted. */
  public int base64ImageMaxLength() {
    return base64ImageMaxLength;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TraceConfig)) {
      return false;
    }
    TraceConfig that = (TraceConfig) o;
    return hideInputs == that.hideInputs
        && hideOutputs == that.hideOutputs
        && hideInputMessages == that.hideInputMessages
        && hideOutputMessages == that.hideOutputMessages
        && hideInputImages == that.hideInputImages
        && hideInputText == that.hideInputText
        && hideOutputText == that.hideOutputText
        && hideEmbeddingsVectors == that.hideEmbeddingsVectors
        && hideEmbeddingsText == that.hideEmbeddingsText
        && hideLlmInvocationParameters == that.hideLlmInvocationParameters
        && hideLlmTools == that.hideLlmTools
        && hidePrompts == that.hidePrompts
        && hideChoices == that.hideChoices
        && base64ImageMaxLength == that.base64ImageMaxLength;
  }

  @Override
  public int hashCode() {
    int flags = 0;
    boolean[] values = {
      hideInputs, hideOutputs, hideInputMessages, hideOutputMessages, hideInputImages,
      hideInputText, hideOutputText, hideEmbeddingsVectors, hideEmbeddingsText,
      hideLlmInvocationParameters, hideLlmTools, hidePrompts, hideChoices
    };
    for (boolean value : values) {
      flags = (flags << 1) | (value ? 1 : 0);
    }
    return 31 * flags + base64ImageMaxLength;
  }

  @Override
  public String toString() {
    return "TraceConfig{"
        + "hideInputs=" + hideInputs
        + ", hideOutputs=" + hideOutputs
        + ", hideInputMessages=" + hideInputMessages
        + ", hideOutputMessages=" + hideOutputMessages
        + ", hideInputImages=" + hideInputImages
        + ", hideInputText=" + hideInputText
        + ", hideOutputText=" + hideOutputText
        + ", hideEmbeddingsVectors=" + hideEmbeddingsVectors
        + ", hideEmbeddingsText=" + hideEmbeddingsText
        + ", hideLlmInvocationParameters=" + hideLlmInvocationParameters
        + ", hideLlmTools=" + hideLlmTools
        + ", hidePrompts=" + hidePrompts
        + ", hideChoices=" + hideChoices
        + ", base64ImageMaxLength=" + base64ImageMaxLength
        + '}';
  }
}
