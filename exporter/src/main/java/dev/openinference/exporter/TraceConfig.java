/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.processor.internal.ConfigValues;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.LinkedHashMap;
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
 *       many characters (default 32000); as in Python, a negative value such as {@code -1}
 *       redacts every base64 image</td></tr>
 * </table>
 *
 * <p>The rules are tried in the Python order and the first that matches decides, so for example
 * {@code hideInputs} drops an input message's text rather than redacting it. Because the exporter
 * keeps the OpenTelemetry GenAI attributes next to the OpenInference ones, the GenAI attributes
 * that carry the same content are hidden with them.
 *
 * <p>Each setting is resolved on its own, as Python does: the value set in code, then the system
 * property ({@code -Dopeninference.hide.inputs=true}), then the environment variable ({@code
 * OPENINFERENCE_HIDE_INPUTS=true}), then the default. So {@code
 * TraceConfig.builder().setHideInputs(true).build()} still hides outputs when {@code
 * OPENINFERENCE_HIDE_OUTPUTS=true}. {@link #fromConfigProperties(ConfigProperties)} reads the
 * property names from OpenTelemetry configuration instead, which covers both and whatever else the
 * SDK, the javaagent or the Spring starter adds. Booleans are {@code true} or {@code false} in any
 * case; an invalid value is logged, naming the key and the value, and skipped. Instances are
 * immutable.
 */
public final class TraceConfig {

  /** The value a redacted attribute carries. */
  public static final String REDACTED_VALUE = "__REDACTED__";

  /** The default of {@link #base64ImageMaxLength()}. */
  public static final int DEFAULT_BASE64_IMAGE_MAX_LENGTH = 32_000;

  private static final TraceConfig DEFAULT = new TraceConfig(0, DEFAULT_BASE64_IMAGE_MAX_LENGTH);

  /** One bit per {@link TraceConfigFlag}. */
  private final int flags;

  private final int base64ImageMaxLength;

  private TraceConfig(int flags, int base64ImageMaxLength) {
    this.flags = flags;
    this.base64ImageMaxLength = base64ImageMaxLength;
  }

  /**
   * Resolves each setting: the value in {@code code} if set there, else the one in {@code source},
   * else the default.
   */
  // A fixed-size table indexed by declaration order, built and read in this process only.
  @SuppressWarnings("EnumOrdinal")
  static TraceConfig resolve(
      Boolean[] code, @Nullable Integer codeMaxLength, ConfigValues.Source source) {
    int flags = 0;
    for (TraceConfigFlag flag : TraceConfigFlag.values()) {
      Boolean value = code[flag.ordinal()];
      if (value == null) {
        value = flag.read(source);
      }
      if (Boolean.TRUE.equals(value)) {
        flags |= flag.bit();
      }
    }
    Integer maxLength = codeMaxLength;
    if (maxLength == null) {
      maxLength = ConfigValues.getInt(source, TraceConfigFlag.BASE64_IMAGE_MAX_LENGTH);
    }
    return new TraceConfig(
        flags, maxLength == null ? DEFAULT_BASE64_IMAGE_MAX_LENGTH : maxLength.intValue());
  }

  /**
   * Returns a builder. Settings it is not given are resolved when {@link
   * TraceConfigBuilder#build()} runs: system property, then environment variable, then the default
   * (nothing hidden, images up to 32000 characters).
   *
   * @return a new builder with nothing set, never null
   */
  public static TraceConfigBuilder builder() {
    return new TraceConfigBuilder();
  }

  /**
   * Returns the defaults, which hide nothing, whatever the environment says.
   *
   * @return the default configuration, never null
   */
  public static TraceConfig getDefault() {
    return DEFAULT;
  }

  /**
   * Returns the configuration the {@code openinference.*} system properties and {@code
   * OPENINFERENCE_*} environment variables describe, each setting on its own: same as {@code
   * builder().build()}.
   *
   * @return the resolved configuration, never null
   */
  public static TraceConfig fromEnvironment() {
    return builder().build();
  }

  /**
   * Reads the {@code OPENINFERENCE_*} variables from {@code environment} instead of the process.
   */
  static TraceConfig fromEnvironment(@Nullable Map<String, String> environment) {
    ConfigValues.Source variables = ConfigValues.fromMap(environment);
    return builder().build(key -> variables.get(ConfigValues.toEnvironmentVariable(key)));
  }

  /**
   * Returns the configuration {@code config} describes, reading the property form of each variable
   * ({@code openinference.hide.inputs}, ..., {@code openinference.base64.image.max.length}).
   * OpenTelemetry's autoconfigured {@code ConfigProperties} sees system properties and environment
   * variables under these names. A null {@code config} reads system properties and the environment.
   *
   * @param config the configuration to read, or null for system properties and the environment
   * @return the resolved configuration, never null
   */
  public static TraceConfig fromConfigProperties(@Nullable ConfigProperties config) {
    if (config == null) {
      return fromEnvironment();
    }
    return builder().build(config::getString);
  }

  /**
   * Returns a builder holding every setting of this configuration.
   *
   * @return a new builder, never null; building it unchanged gives an equal configuration
   */
  public TraceConfigBuilder toBuilder() {
    TraceConfigBuilder builder = builder();
    for (TraceConfigFlag flag : TraceConfigFlag.values()) {
      builder.set(flag, is(flag));
    }
    return builder.setBase64ImageMaxLength(base64ImageMaxLength);
  }

  /**
   * Returns every setting as OpenTelemetry properties ({@code openinference.hide.inputs=true},
   * ...), so a configuration made in code can be handed to SDK autoconfigure.
   */
  Map<String, String> toProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    for (TraceConfigFlag flag : TraceConfigFlag.values()) {
      properties.put(flag.property(), String.valueOf(is(flag)));
    }
    properties.put(TraceConfigFlag.BASE64_IMAGE_MAX_LENGTH, String.valueOf(base64ImageMaxLength));
    return properties;
  }

  /** Whether any flag is on (the base64 limit aside). */
  boolean hidesAnything() {
    return flags != 0;
  }

  private boolean is(TraceConfigFlag flag) {
    return (flags & flag.bit()) != 0;
  }

  /**
   * Whether input values, input messages, prompts and tool definitions are hidden.
   *
   * @return {@code true} when hidden ({@code OPENINFERENCE_HIDE_INPUTS}); default {@code false}
   */
  public boolean hideInputs() {
    return is(TraceConfigFlag.HIDE_INPUTS);
  }

  /**
   * Whether output values, output messages and choices are hidden.
   *
   * @return {@code true} when hidden ({@code OPENINFERENCE_HIDE_OUTPUTS}); default {@code false}
   */
  public boolean hideOutputs() {
    return is(TraceConfigFlag.HIDE_OUTPUTS);
  }

  /**
   * Whether input messages are dropped.
   *
   * @return {@code true} when dropped ({@code OPENINFERENCE_HIDE_INPUT_MESSAGES}); default {@code
   *     false}
   */
  public boolean hideInputMessages() {
    return is(TraceConfigFlag.HIDE_INPUT_MESSAGES);
  }

  /**
   * Whether output messages are dropped.
   *
   * @return {@code true} when dropped ({@code OPENINFERENCE_HIDE_OUTPUT_MESSAGES}); default {@code
   *     false}
   */
  public boolean hideOutputMessages() {
    return is(TraceConfigFlag.HIDE_OUTPUT_MESSAGES);
  }

  /**
   * Whether images of input messages are dropped.
   *
   * @return {@code true} when dropped ({@code OPENINFERENCE_HIDE_INPUT_IMAGES}); default {@code
   *     false}
   */
  public boolean hideInputImages() {
    return is(TraceConfigFlag.HIDE_INPUT_IMAGES);
  }

  /**
   * Whether the text of input messages is redacted.
   *
   * @return {@code true} when redacted ({@code OPENINFERENCE_HIDE_INPUT_TEXT}); default {@code
   *     false}
   */
  public boolean hideInputText() {
    return is(TraceConfigFlag.HIDE_INPUT_TEXT);
  }

  /**
   * Whether the text of output messages is redacted.
   *
   * @return {@code true} when redacted ({@code OPENINFERENCE_HIDE_OUTPUT_TEXT}); default {@code
   *     false}
   */
  public boolean hideOutputText() {
    return is(TraceConfigFlag.HIDE_OUTPUT_TEXT);
  }

  /**
   * Whether embedding vectors are redacted.
   *
   * @return {@code true} when redacted ({@code OPENINFERENCE_HIDE_EMBEDDINGS_VECTORS}); default
   *     {@code false}
   */
  public boolean hideEmbeddingsVectors() {
    return is(TraceConfigFlag.HIDE_EMBEDDINGS_VECTORS);
  }

  /**
   * Whether the embedded text is redacted.
   *
   * @return {@code true} when redacted ({@code OPENINFERENCE_HIDE_EMBEDDINGS_TEXT}); default {@code
   *     false}
   */
  public boolean hideEmbeddingsText() {
    return is(TraceConfigFlag.HIDE_EMBEDDINGS_TEXT);
  }

  /**
   * Whether {@code llm.invocation_parameters} is dropped.
   *
   * @return {@code true} when dropped ({@code OPENINFERENCE_HIDE_LLM_INVOCATION_PARAMETERS});
   *     default {@code false}
   */
  public boolean hideLlmInvocationParameters() {
    return is(TraceConfigFlag.HIDE_LLM_INVOCATION_PARAMETERS);
  }

  /**
   * Whether the tool definitions offered to the model ({@code llm.tools.*}) are dropped.
   *
   * @return {@code true} when dropped ({@code OPENINFERENCE_HIDE_LLM_TOOLS}); default {@code false}
   */
  public boolean hideLlmTools() {
    return is(TraceConfigFlag.HIDE_LLM_TOOLS);
  }

  /**
   * Whether completion-API prompts ({@code llm.prompts.*}) are redacted.
   *
   * @return {@code true} when redacted ({@code OPENINFERENCE_HIDE_PROMPTS}); default {@code false}
   */
  public boolean hidePrompts() {
    return is(TraceConfigFlag.HIDE_PROMPTS);
  }

  /**
   * Whether completion-API choices ({@code llm.choices.*}) are redacted.
   *
   * @return {@code true} when redacted ({@code OPENINFERENCE_HIDE_CHOICES}); default {@code false}
   */
  public boolean hideChoices() {
    return is(TraceConfigFlag.HIDE_CHOICES);
  }

  /**
   * The length above which a base64 {@code data:image/} URL of a message is redacted; negative
   * (Python's {@code -1}) means every base64 image is redacted.
   *
   * @return the limit in characters of the whole URL ({@code
   *     OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH}); default 32000
   */
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
    return flags == that.flags && base64ImageMaxLength == that.base64ImageMaxLength;
  }

  @Override
  public int hashCode() {
    return 31 * flags + base64ImageMaxLength;
  }

  @Override
  public String toString() {
    StringBuilder result = new StringBuilder("TraceConfig{");
    for (TraceConfigFlag flag : TraceConfigFlag.values()) {
      result.append(flag.fieldName()).append('=').append(is(flag)).append(", ");
    }
    return result
        .append("base64ImageMaxLength=")
        .append(base64ImageMaxLength)
        .append('}')
        .toString();
  }
}
