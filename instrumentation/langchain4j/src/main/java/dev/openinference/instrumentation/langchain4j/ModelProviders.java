/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.openinference.semconv.LlmProvider;
import dev.openinference.semconv.LlmSystem;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Maps LangChain4j's {@link ModelProvider} (what {@code ChatModel.provider()} reports) to
 * OpenInference's {@code llm.provider} (who hosts the model) and {@code llm.system} (which model
 * family).
 *
 * <p>By constant name rather than by enum constant, so an application on a LangChain4j that lacks
 * or adds constants still links: a name not listed here becomes the provider in lower case, with no
 * system. {@code OTHER} gives neither.
 */
final class ModelProviders {

  /** Returns the {@code llm.provider} value, or {@code null} when none is known. */
  @Nullable
  static String provider(@Nullable ModelProvider provider) {
    if (provider == null) {
      return null;
    }
    String name = provider.name();
    switch (name) {
      case "OPEN_AI":
        return LlmProvider.OPENAI;
      case "ANTHROPIC":
        return LlmProvider.ANTHROPIC;
      case "AMAZON_BEDROCK":
        return LlmProvider.AWS;
      case "AZURE_OPEN_AI":
      case "MICROSOFT_FOUNDRY":
        return LlmProvider.AZURE;
      case "GOOGLE_AI_GEMINI":
      case "GOOGLE_GENAI":
      case "GOOGLE_VERTEX_AI_GEMINI":
      case "GOOGLE_VERTEX_AI_ANTHROPIC":
        return LlmProvider.GOOGLE;
      case "MISTRAL_AI":
        return LlmProvider.MISTRALAI;
      case "OLLAMA":
        return LlmProvider.OLLAMA;
      case "COHERE":
        return LlmProvider.COHERE;
      case "GITHUB_MODELS":
        return "github";
      case "WATSONX":
        return "ibm";
      case "OTHER":
        return null;
      default:
        return name.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Returns the {@code llm.system} value, or {@code null} for platforms that host several model
   * families (Bedrock, Foundry, GitHub Models, Ollama, watsonx, the Gemini API) and unknown names.
   */
  @Nullable
  static String system(@Nullable ModelProvider provider) {
    if (provider == null) {
      return null;
    }
    switch (provider.name()) {
      case "OPEN_AI":
      case "AZURE_OPEN_AI":
        return LlmSystem.OPENAI;
      case "ANTHROPIC":
      case "GOOGLE_VERTEX_AI_ANTHROPIC":
        return LlmSystem.ANTHROPIC;
      case "GOOGLE_VERTEX_AI_GEMINI":
        return LlmSystem.VERTEXAI;
      case "MISTRAL_AI":
        return LlmSystem.MISTRALAI;
      case "COHERE":
        return LlmSystem.COHERE;
      default:
        return null;
    }
  }

  private ModelProviders() {}
}
