/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.EMBEDDING_TEXT;
import static dev.openinference.semconv.SemanticConventions.EMBEDDING_VECTOR;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The flattened keys of one embedding, {@code embedding.embeddings.<i>}; obtain them from {@link
 * SemanticConventions#embedding(int)}.
 *
 * <p>Instances are immutable. A negative index makes every key empty-named, and OpenTelemetry
 * drops attributes with an empty name.
 */
public final class EmbeddingKeys {

  @Nullable private final String prefix;

  private EmbeddingKeys(@Nullable String prefix) {
    this.prefix = prefix;
  }

  static EmbeddingKeys create(String list, int index) {
    return new EmbeddingKeys(FlatKeys.element(list, index));
  }

  /** Returns {@code <prefix>.embedding.text}. */
  public AttributeKey<String> text() {
    return FlatKeys.leaf(prefix, EMBEDDING_TEXT);
  }

  /** Returns {@code <prefix>.embedding.vector}. */
  public AttributeKey<List<Double>> vector() {
    return FlatKeys.leaf(prefix, EMBEDDING_VECTOR);
  }

  /**
   * Returns the prefix of these keys, for example {@code "embedding.embeddings.0"}, or the empty
   * string when a negative index made them invalid.
   */
  public String prefix() {
    return FlatKeys.display(prefix);
  }

  /** Returns whether these keys have names, that is no index on their path was negative. */
  public boolean isValid() {
    return prefix != null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EmbeddingKeys)) {
      return false;
    }
    return Objects.equals(prefix, ((EmbeddingKeys) o).prefix);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(prefix);
  }

  @Override
  public String toString() {
    return "EmbeddingKeys{prefix=" + prefix() + "}";
  }
}
