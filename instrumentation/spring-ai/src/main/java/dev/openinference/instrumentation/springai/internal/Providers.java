/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import dev.openinference.semconv.LlmProvider;
import dev.openinference.semconv.LlmSystem;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Maps the provider names of Spring AI's {@code AiProvider} ({@code gen_ai.system} on its spans) to
 * OpenInference's {@code llm.provider} (who hosts the model) and {@code llm.system} (the API
 * family). {@code spring_ai}, the name Spring AI gives its own orchestration spans, maps to
 * nothing: it is not a model provider.
 */
final class Providers {

  private Providers() {}

  /** Returns the {@code llm.provider} value for a Spring AI provider name, or null for none. */
  @Nullable
  static String provider(@Nullable String springAiProvider) {
    String name = normalise(springAiProvider);
    if (name == null) {
      return null;
    }
    switch (name) {
      case "openai":
      case "openai_sdk":
        return LlmProvider.OPENAI;
      case "azure_openai":
        return LlmProvider.AZURE;
      case "anthropic":
        return LlmProvider.ANTHROPIC;
      case "bedrock_converse":
      case "bedrock":
        return LlmProvider.AWS;
      case "deepseek":
        return LlmProvider.DEEPSEEK;
      case "google_genai":
      case "vertex_ai":
        return LlmProvider.GOOGLE;
      case "mistral_ai":
        return LlmProvider.MISTRALAI;
      case "ollama":
        return LlmProvider.OLLAMA;
      case "minimax":
        return LlmProvider.MINIMAX;
      case "moonshot":
        return LlmProvider.MOONSHOT;
      case "zhipuai":
        return LlmProvider.ZAI;
      case "spring_ai":
      case "onnx":
      case "transformers":
        return null;
      default:
        return name;
    }
  }

  /** Returns the {@code llm.system} value for a Spring AI provider name, or null when unknown. */
  @Nullable
  static String system(@Nullable String springAiProvider) {
    String name = normalise(springAiProvider);
    if (name == null) {
      return null;
    }
    switch (name) {
      case "openai":
      case "openai_sdk":
      case "azure_openai":
        return LlmSystem.OPENAI;
      case "anthropic":
        return LlmSystem.ANTHROPIC;
      case "deepseek":
        return LlmSystem.DEEPSEEK;
      case "google_genai":
      case "vertex_ai":
        return LlmSystem.VERTEXAI;
      case "mistral_ai":
        return LlmSystem.MISTRALAI;
      default:
        return null;
    }
  }

  @Nullable
  private static String normalise(@Nullable String name) {
    if (name == null || name.trim().isEmpty()) {
      return null;
    }
    return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
  }
}
