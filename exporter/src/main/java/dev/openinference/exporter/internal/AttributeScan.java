/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.exporter.internal.masking.AttributeMasker;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.AttributeKey;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * One pass over a span's attributes that records, without allocating, what {@link SpanTransformer}
 * needs to decide whether the span must change: how many attributes the masking rules touch,
 * whether there are GenAI attributes to translate, and which OpenInference values are already
 * there. Reused span after span by one thread.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class AttributeScan implements BiConsumer<AttributeKey<?>, Object> {

  private static final String INPUT_MESSAGES = SemanticConventions.LLM_INPUT_MESSAGES + '.';
  private static final String OUTPUT_MESSAGES = SemanticConventions.LLM_OUTPUT_MESSAGES + '.';
  private static final String TOOLS = SemanticConventions.LLM_TOOLS + '.';
  private static final String DOCUMENTS = SemanticConventions.RETRIEVAL_DOCUMENTS + '.';

  private static final String CONVERSATION_ID = "gen_ai.conversation.id";

  private final AttributeMasker masker;

  int maskedCount;
  int genAiCount;
  @Nullable Object spanKind;
  boolean hasInputMessages;
  boolean hasOutputMessages;
  boolean hasTools;
  boolean hasDocuments;

  AttributeScan(AttributeMasker masker) {
    this.masker = masker;
  }

  void reset() {
    maskedCount = 0;
    genAiCount = 0;
    spanKind = null;
    hasInputMessages = false;
    hasOutputMessages = false;
    hasTools = false;
    hasDocuments = false;
  }

  /** Records one attribute; called by {@code Attributes.forEach}. */
  @Override
  public void accept(AttributeKey<?> key, Object value) {
    String name = key.getKey();
    if (masker.actionFor(name, value) != AttributeMasker.KEEP) {
      maskedCount++;
    }
    if (name.startsWith("gen_ai.")) {
      // The conversation id alone needs no translation (ExportSessionKeys maps it to the
      // session), and the genai alias puts it on every span.
      if (!name.equals(CONVERSATION_ID)) {
        genAiCount++;
      }
    } else if (name.equals("openinference.span.kind")) {
      spanKind = value;
    } else if (name.startsWith("llm.")) {
      hasInputMessages |= name.startsWith(INPUT_MESSAGES);
      hasOutputMessages |= name.startsWith(OUTPUT_MESSAGES);
      hasTools |= name.startsWith(TOOLS);
    } else if (name.startsWith(DOCUMENTS)) {
      hasDocuments = true;
    }
  }

  /** Whether a translated attribute belongs to a list the span already has entries of. */
  boolean listAlreadySet(String name) {
    return (hasInputMessages && name.startsWith(INPUT_MESSAGES))
        || (hasOutputMessages && name.startsWith(OUTPUT_MESSAGES))
        || (hasTools && name.startsWith(TOOLS))
        || (hasDocuments && name.startsWith(DOCUMENTS));
  }

  @Override
  public String toString() {
    return "AttributeScan{maskedCount=" + maskedCount + ", genAiCount=" + genAiCount + "}";
  }
}
