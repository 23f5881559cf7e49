/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.ModelProvider;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ModelProvidersTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      value = {
        "OPEN_AI,                    openai,    openai",
        "AZURE_OPEN_AI,              azure,     openai",
        "ANTHROPIC,                  anthropic, anthropic",
        "GOOGLE_VERTEX_AI_ANTHROPIC, google,    anthropic",
        "GOOGLE_VERTEX_AI_GEMINI,    google,    vertexai",
        "GOOGLE_AI_GEMINI,           google,    -",
        "AMAZON_BEDROCK,             aws,       -",
        "MICROSOFT_FOUNDRY,          azure,     -",
        "MISTRAL_AI,                 mistralai, mistralai",
        "OLLAMA,                     ollama,    -",
        "COHERE,                     cohere,    cohere",
        "OTHER,                      -,         -",
      })
  void knownProvidersMapToOpenInferenceProviderAndSystem(
      ModelProvider provider, String llmProvider, String llmSystem) {
    assertThat(ModelProviders.provider(provider)).isEqualTo(llmProvider);
    assertThat(ModelProviders.system(provider)).isEqualTo(llmSystem);
  }

  @ParameterizedTest
  @EnumSource(ModelProvider.class)
  void everyProviderOfThisLangChain4jHasALowerCaseProviderOrNone(ModelProvider provider) {
    String value = ModelProviders.provider(provider);

    if (provider != ModelProvider.OTHER) {
      assertThat(value).isNotBlank().isEqualTo(value.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void noProviderGivesNeither() {
    assertThat(ModelProviders.provider(null)).isNull();
    assertThat(ModelProviders.system(null)).isNull();
  }
}
