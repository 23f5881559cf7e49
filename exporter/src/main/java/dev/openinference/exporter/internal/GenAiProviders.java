/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Maps the OpenTelemetry GenAI provider names ({@code gen_ai.provider.name}, formerly {@code
 * gen_ai.system}) to OpenInference's {@code llm.provider} (who hosts the model) and {@code
 * llm.system} (which model family), using OpenInference's well-known values where the mapping is
 * obvious. A value with no known mapping is used as it is for both, as the OpenInference GenAI
 * converter does.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class GenAiProviders {

  /** Returns the {@code llm.provider} value for a GenAI provider name. */
  public static String provider(String genAiProvider) {
    switch (normalize(genAiProvider)) {
      case "openai":
        return "openai";
      case "anthropic":
        return "anthropic";
      case "cohere":
        return "cohere";
      case "mistral_ai":
      case "mistralai":
        return "mistralai";
      case "azure.ai.openai":
      case "az.ai.openai":
      case "azure_openai":
      case "azure-openai":
      case "azure.ai.inference":
      case "az.ai.inference":
        return "azure";
      case "aws.bedrock":
      case "bedrock":
      case "bedrock_converse":
        return "aws";
      case "gcp.vertex_ai":
      case "vertex_ai":
      case "vertexai":
      case "gcp.gemini":
      case "gemini":
      case "gcp.gen_ai":
      case "google":
      case "google_genai":
        return "google";
      case "x_ai":
      case "xai":
        return "xai";
      default:
        return genAiProvider;
    }
  }

  /**
   * Returns the {@code llm.system} value for a GenAI provider name, or null when the provider is a
   * platform hosting several model families (Bedrock, Azure AI Inference, the Gemini API).
   */
  @Nullable
  public static String system(String genAiProvider) {
    switch (normalize(genAiProvider)) {
      case "openai":
      case "azure.ai.openai":
      case "az.ai.openai":
      case "azure_openai":
      case "azure-openai":
        return "openai";
      case "anthropic":
        return "anthropic";
      case "cohere":
        return "cohere";
      case "mistral_ai":
      case "mistralai":
        return "mistralai";
      case "gcp.vertex_ai":
      case "vertex_ai":
      case "vertexai":
        return "vertexai";
      case "azure.ai.inference":
      case "az.ai.inference":
      case "aws.bedrock":
      case "bedrock":
      case "bedrock_converse":
      case "gcp.gemini":
      case "gemini":
      case "gcp.gen_ai":
      case "google":
      case "google_genai":
        return null;
      case "x_ai":
      case "xai":
        return "xai";
      default:
        return genAiProvider;
    }
  }

  private static String normalize(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }

  private GenAiProviders() {}
}
