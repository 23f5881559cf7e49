/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv.internal;

import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.common.AttributeKey;
import javax.annotation.Nullable;

/**
 * The OpenTelemetry GenAI semantic-convention keys that OpenInference reads, and how they map to
 * OpenInference.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class GenAiAttributes {

  public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");

  /**
   * Returns the span kind that a {@code gen_ai.operation.name} value implies, or {@code null} for
   * null or an operation OpenInference has no kind for.
   */
  @Nullable
  public static OpenInferenceSpanKind spanKindForOperation(@Nullable String operationName) {
    if (operationName == null) {
      return null;
    }
    switch (operationName) {
      case "chat":
      case "text_completion":
      case "generate_content":
        return OpenInferenceSpanKind.LLM;
      case "embeddings":
        return OpenInferenceSpanKind.EMBEDDING;
      case "execute_tool":
        return OpenInferenceSpanKind.TOOL;
      case "invoke_agent":
      case "create_agent":
        return OpenInferenceSpanKind.AGENT;
      case "retrieval":
        return OpenInferenceSpanKind.RETRIEVER;
      default:
        return null;
    }
  }

  private GenAiAttributes() {}
}
