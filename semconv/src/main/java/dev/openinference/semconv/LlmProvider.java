/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

/**
 * Well-known values of {@link SemanticConventions#LLM_PROVIDER}, the company or service hosting the
 * model. When one applies it must be used; otherwise any value may be.
 *
 * <p>String constants rather than an enum, because the attribute is open-ended.
 */
public final class LlmProvider {

  /** Anthropic. */
  public static final String ANTHROPIC = "anthropic";

  /** OpenAI. */
  public static final String OPENAI = "openai";

  /** Cohere. */
  public static final String COHERE = "cohere";

  /** Mistral AI. */
  public static final String MISTRALAI = "mistralai";

  /** Microsoft Azure. */
  public static final String AZURE = "azure";

  /** Google (Vertex AI, Gemini). */
  public static final String GOOGLE = "google";

  /** AWS Bedrock. */
  public static final String AWS = "aws";

  /** xAI. */
  public static final String XAI = "xai";

  /** DeepSeek. */
  public static final String DEEPSEEK = "deepseek";

  /** Groq. */
  public static final String GROQ = "groq";

  /** Fireworks AI. */
  public static final String FIREWORKS = "fireworks";

  /** Moonshot AI. */
  public static final String MOONSHOT = "moonshot";

  /** Cerebras. */
  public static final String CEREBRAS = "cerebras";

  /** Perplexity. */
  public static final String PERPLEXITY = "perplexity";

  /** Together AI. */
  public static final String TOGETHER = "together";

  /** Ollama. */
  public static final String OLLAMA = "ollama";

  /** Meta AI. */
  public static final String META = "meta";

  /** Z.ai (GLM). */
  public static final String ZAI = "zai";

  /** MiniMax. */
  public static final String MINIMAX = "minimax";

  private LlmProvider() {}
}
