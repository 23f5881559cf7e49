/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.DOCUMENT_CONTENT;
import static dev.openinference.semconv.SemanticConventions.DOCUMENT_ID;
import static dev.openinference.semconv.SemanticConventions.DOCUMENT_METADATA;
import static dev.openinference.semconv.SemanticConventions.DOCUMENT_SCORE;

import io.opentelemetry.api.common.AttributeKey;
import javax.annotation.Nullable;

/**
 * The flattened keys of one document, {@code retrieval.documents.<i>}, {@code
 * reranker.input_documents.<i>} or {@code reranker.output_documents.<i>}; obtain them from {@link
 * SemanticConventions#retrievalDocument(int)}, {@link
 * SemanticConventions#rerankerInputDocument(int)} and {@link
 * SemanticConventions#rerankerOutputDocument(int)}.
 *
 * <p>Instances are immutable. A negative index makes every key empty-named, and OpenTelemetry drops
 * attributes with an empty name.
 */
public final class DocumentKeys extends FlatKeyGroup {

  private DocumentKeys(@Nullable String prefix) {
    super(prefix);
  }

  static DocumentKeys create(String list, int index) {
    return new DocumentKeys(FlatKeys.element(list, index));
  }

  /**
   * Returns {@code <prefix>.document.id}.
   *
   * @return the string key of the document's identifier in its store; empty-named when the index
   *     was negative
   */
  public AttributeKey<String> id() {
    return FlatKeys.leaf(prefix, DOCUMENT_ID);
  }

  /**
   * Returns {@code <prefix>.document.content}.
   *
   * @return the string key of the document's text; empty-named when the index was negative
   */
  public AttributeKey<String> content() {
    return FlatKeys.leaf(prefix, DOCUMENT_CONTENT);
  }

  /**
   * Returns {@code <prefix>.document.score}.
   *
   * @return the double key of the document's relevance score (retriever- or reranker-defined
   *     scale); empty-named when the index was negative
   */
  public AttributeKey<Double> score() {
    return FlatKeys.leaf(prefix, DOCUMENT_SCORE);
  }

  /**
   * Returns {@code <prefix>.document.metadata}, a JSON object string.
   *
   * @return the string key of the document's metadata as serialized JSON; empty-named when the
   *     index was negative
   */
  public AttributeKey<String> metadata() {
    return FlatKeys.leaf(prefix, DOCUMENT_METADATA);
  }
}
