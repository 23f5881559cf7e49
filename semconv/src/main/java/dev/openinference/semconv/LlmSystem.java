/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

/**
 * Well-known values of {@link SemanticConventions#LLM_SYSTEM}, the AI product family a call
 * conforms to. When one applies it must be used; otherwise any value may be.
 *
 * <p>String constants rather than an enum, because the attribute is open-ended.
 */
public final class LlmSystem {

  /** Anthropic. */
  public static final String ANTHROPIC = "anthropic";

  /** OpenAI. */
  public static final String OPENAI = "openai";

  /** Google Vertex AI. */
  public static final String VERTEXAI = "vertexai";

  /** Cohere. */
  public static final String COHERE = "cohere";

  /** Mistral AI. */
  public static final String MISTRALAI = "mistralai";

  /** xAI (Grok). */
  public static final String XAI = "xai";

  /** DeepSeek. */
  public static final String DEEPSEEK = "deepseek";

  /** Amazon Bedrock native models. */
  public static final String AMAZON = "amazon";

  /** Meta (Llama). */
  public static final String META = "meta";

  /** AI21 Labs. */
  public static final String AI21 = "ai21";

  private LlmSystem() {}
}
