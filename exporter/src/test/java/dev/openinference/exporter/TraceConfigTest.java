/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.processor.internal.ConfigValues;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceConfigTest {

  /** Every boolean variable of the Python TraceConfig and the getter it sets. */
  static Stream<Arguments> flags() {
    return Stream.of(
        flag("OPENINFERENCE_HIDE_INPUTS", TraceConfig::hideInputs),
        flag("OPENINFERENCE_HIDE_OUTPUTS", TraceConfig::hideOutputs),
        flag("OPENINFERENCE_HIDE_INPUT_MESSAGES", TraceConfig::hideInputMessages),
        flag("OPENINFERENCE_HIDE_OUTPUT_MESSAGES", TraceConfig::hideOutputMessages),
        flag("OPENINFERENCE_HIDE_INPUT_IMAGES", TraceConfig::hideInputImages),
        flag("OPENINFERENCE_HIDE_INPUT_TEXT", TraceConfig::hideInputText),
        flag("OPENINFERENCE_HIDE_OUTPUT_TEXT", TraceConfig::hideOutputText),
        flag("OPENINFERENCE_HIDE_EMBEDDINGS_VECTORS", TraceConfig::hideEmbeddingsVectors),
        flag("OPENINFERENCE_HIDE_EMBEDDING_VECTORS", TraceConfig::hideEmbeddingsVectors),
        flag("OPENINFERENCE_HIDE_EMBEDDINGS_TEXT", TraceConfig::hideEmbeddingsText),
        flag(
            "OPENINFERENCE_HIDE_LLM_INVOCATION_PARAMETERS",
            TraceConfig::hideLlmInvocationParameters),
        flag("OPENINFERENCE_HIDE_LLM_TOOLS", TraceConfig::hideLlmTools),
        flag("OPENINFERENCE_HIDE_PROMPTS", TraceConfig::hidePrompts),
        flag("OPENINFERENCE_HIDE_CHOICES", TraceConfig::hideChoices));
  }

  private static Arguments flag(String variable, Predicate<TraceConfig> getter) {
    return Arguments.of(variable, getter);
  }

  @Test
  void builderStartsFromDefaultsThatHideNothing() {
    TraceConfig config = TraceConfig.builder().build();
    assertThat(config).isEqualTo(TraceConfig.getDefault());
    assertThat(config.base64ImageMaxLength()).isEqualTo(32_000);
    flags()
        .forEach(
            row -> {
              @SuppressWarnings("unchecked")
              Predicate<TraceConfig> getter = (Predicate<TraceConfig>) row.get()[1];
              assertThat(getter.test(config)).as((String) row.get()[0]).isFalse();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void eachEnvironmentVariableSetsItsFlagOnly(String variable, Predicate<TraceConfig> getter) {
    TraceConfig config = TraceConfig.fromEnvironment(Collections.singletonMap(variable, "true"));
    assertThat(getter.test(config)).isTrue();
    // Turning that flag back off gives the defaults: no other flag moved.
    assertThat(TraceConfig.fromEnvironment(Collections.singletonMap(variable, "false")))
        .isEqualTo(TraceConfig.getDefault());
    assertThat(config).isNotEqualTo(TraceConfig.getDefault());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void eachPropertySetsItsFlagLikeTheVariable(String variable, Predicate<TraceConfig> getter) {
    String property = toPropertyName(variable);
    TraceConfig config =
        TraceConfig.fromConfigProperties(
            DefaultConfigProperties.createFromMap(Collections.singletonMap(property, "TRUE")));
    assertThat(getter.test(config)).isTrue();
    assertThat(config)
        .isEqualTo(TraceConfig.fromEnvironment(Collections.singletonMap(variable, "true")));
  }

  @Test
  void propertyNamesAreTheOpenTelemetryFormOfTheVariables() {
    assertThat(toPropertyName("OPENINFERENCE_HIDE_INPUTS")).isEqualTo("openinference.hide.inputs");
    assertThat(toPropertyName("OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH"))
        .isEqualTo("openinference.base64.image.max.length");
    Map<String, String> properties = new HashMap<>();
    properties.put("openinference.hide.llm.invocation.parameters", "true");
    properties.put("openinference.base64.image.max.length", "100");
    TraceConfig config =
        TraceConfig.fromConfigProperties(DefaultConfigProperties.createFromMap(properties));
    assertThat(config.hideLlmInvocationParameters()).isTrue();
    assertThat(config.base64ImageMaxLength()).isEqualTo(100);
  }

  @Test
  void booleansIgnoreCaseAndSurroundingSpace() {
    assertThat(TraceConfig.fromEnvironment(env("OPENINFERENCE_HIDE_INPUTS", "TRUE")).hideInputs())
        .isTrue();
    assertThat(TraceConfig.fromEnvironment(env("OPENINFERENCE_HIDE_INPUTS", " True ")).hideInputs())
        .isTrue();
    assertThat(TraceConfig.fromEnvironment(env("OPENINFERENCE_HIDE_INPUTS", "FaLsE")).hideInputs())
        .isFalse();
  }

  @Test
  void invalidValuesFallBackToTheDefaultWithAWarningNamingKeyAndValue() {
    try (LogCapture log = LogCapture.of(ConfigValues.class)) {
      TraceConfig config =
          TraceConfig.fromEnvironment(
              env(
                  "OPENINFERENCE_HIDE_OUTPUTS", "yes",
                  "OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH", "lots"));
      assertThat(config).isEqualTo(TraceConfig.getDefault());
      assertThat(log.messages())
          .anySatisfy(m -> assertThat(m).contains("OPENINFERENCE_HIDE_OUTPUTS").contains("yes"))
          .anySatisfy(
              m ->
                  assertThat(m).contains("OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH").contains("lots"));
    }
  }

  @Test
  void blankValuesCountAsUnset() {
    assertThat(TraceConfig.fromEnvironment(env("OPENINFERENCE_HIDE_INPUTS", "  ")))
        .isEqualTo(TraceConfig.getDefault());
  }

  @Test
  void base64ImageMaxLengthFromTheEnvironment() {
    assertThat(
            TraceConfig.fromEnvironment(env("OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH", "8000"))
                .base64ImageMaxLength())
        .isEqualTo(8000);
    // Python semantics: -1 redacts every base64 image, so it is kept as it is.
    assertThat(
            TraceConfig.fromEnvironment(env("OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH", "-1"))
                .base64ImageMaxLength())
        .isEqualTo(-1);
  }

  @Test
  void eitherEmbeddingVectorsVariableHidesVectorsAsInPython() {
    assertThat(
            TraceConfig.fromEnvironment(
                    env(
                        "OPENINFERENCE_HIDE_EMBEDDINGS_VECTORS", "false",
                        "OPENINFERENCE_HIDE_EMBEDDING_VECTORS", "true"))
                .hideEmbeddingsVectors())
        .isTrue();
  }

  @Test
  void noEnvironmentAndNullConfigPropertiesGiveTheDefaults() {
    assertThat(TraceConfig.fromEnvironment(Collections.emptyMap()))
        .isEqualTo(TraceConfig.getDefault());
    assertThat(TraceConfig.fromEnvironment(null)).isEqualTo(TraceConfig.getDefault());
    assertThat(TraceConfig.fromConfigProperties(null)).isEqualTo(TraceConfig.getDefault());
  }

  @Test
  void negativeBase64LengthIsKeptAsPythonKeepsIt() {
    assertThat(TraceConfig.builder().setBase64ImageMaxLength(-1).build().base64ImageMaxLength())
        .isEqualTo(-1);
  }

  @Test
  void eachFieldIsResolvedOnItsOwnCodeThenEnvironment() {
    Map<String, String> environment =
        env(
            "OPENINFERENCE_HIDE_OUTPUTS", "true",
            "OPENINFERENCE_HIDE_INPUTS", "true",
            "OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH", "-1");
    ConfigValues.Source variables = ConfigValues.fromMap(environment);
    TraceConfig config =
        TraceConfig.builder()
            .setHideInputs(false)
            .setHideChoices(true)
            .build(key -> variables.get(ConfigValues.toEnvironmentVariable(key)));
    assertThat(config.hideInputs()).as("code wins").isFalse();
    assertThat(config.hideOutputs()).as("unset in code: environment").isTrue();
    assertThat(config.hideChoices()).isTrue();
    assertThat(config.hidePrompts()).as("unset anywhere: default").isFalse();
    assertThat(config.base64ImageMaxLength()).isEqualTo(-1);
  }

  @Test
  void systemPropertiesAreReadForFieldsNotSetInCode() {
    String previous = System.setProperty("openinference.hide.outputs", "true");
    try {
      TraceConfig config = TraceConfig.builder().setHideInputs(true).build();
      assertThat(config.hideInputs()).isTrue();
      assertThat(config.hideOutputs()).isTrue();
      assertThat(TraceConfig.builder().setHideOutputs(false).build().hideOutputs()).isFalse();
      assertThat(TraceConfig.fromEnvironment().hideOutputs()).isTrue();
    } finally {
      restore("openinference.hide.outputs", previous);
    }
  }

  @Test
  void toPropertiesRoundTripsThroughConfigProperties() {
    TraceConfig config =
        TraceConfig.builder()
            .setHideInputText(true)
            .setHideEmbeddingsVectors(true)
            .setBase64ImageMaxLength(-1)
            .build();
    assertThat(
            TraceConfig.fromConfigProperties(
                DefaultConfigProperties.createFromMap(config.toProperties())))
        .isEqualTo(config);
    assertThat(config.toProperties()).hasSize(14);
  }

  @Test
  void toBuilderEqualsHashCodeAndToString() {
    TraceConfig config =
        TraceConfig.builder()
            .setHideInputs(true)
            .setHideChoices(true)
            .setBase64ImageMaxLength(5)
            .build();
    assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
    assertThat(config.toBuilder().setHideChoices(false).build()).isNotEqualTo(config);
    assertThat(config.toString())
        .contains("hideInputs=true", "hideChoices=true", "hideOutputs=false")
        .contains("base64ImageMaxLength=5");
  }

  private static String toPropertyName(String variable) {
    return variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
