/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.EMBEDDING_TEXT;
import static dev.openinference.semconv.SemanticConventions.EMBEDDING_VECTOR;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The flattened keys of one embedding, {@code embedding.embeddings.<i>}; obtain them from {@link
 * SemanticConventions#embedding(int)}.
 *
 * <p>Instances are immutable. A negative index makes every key empty-named, and OpenTelemetry drops
 * attributes with an empty name.
 */
public final class EmbeddingKeys extends FlatKeyGroup {

  private EmbeddingKeys(@Nullable String prefix) {
    super(prefix);
  }

  static EmbeddingKeys create(String list, int index) {
    return new EmbeddingKeys(FlatKeys.element(list, index));
  }

  /**
   * Returns {@code <prefix>.embedding.text}.
   *
   * @return the string key of the text that was embedded; empty-named when the index was negative
   */
  public AttributeKey<String> text() {
    return FlatKeys.leaf(prefix, EMBEDDING_TEXT);
  }

  /**
   * Returns {@code <prefix>.embedding.vector}.
   *
   * @return the double-array key of the embedding vector; empty-named when the index was negative
   */
  public AttributeKey<List<Double>> vector() {
    return FlatKeys.leaf(prefix, EMBEDDING_VECTOR);
  }
}
