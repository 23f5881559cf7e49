/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.ANNOTATION_ANNOTATOR_KIND;
import static dev.openinference.semconv.SemanticConventions.ANNOTATION_EXPLANATION;
import static dev.openinference.semconv.SemanticConventions.ANNOTATION_IDENTIFIER;
import static dev.openinference.semconv.SemanticConventions.ANNOTATION_LABEL;
import static dev.openinference.semconv.SemanticConventions.ANNOTATION_METADATA;
import static dev.openinference.semconv.SemanticConventions.ANNOTATION_NAME;
import static dev.openinference.semconv.SemanticConventions.ANNOTATION_SCORE;
import static dev.openinference.semconv.SemanticConventions.EVALUATION_ANNOTATOR_KIND;
import static dev.openinference.semconv.SemanticConventions.EVALUATION_EXPLANATION;
import static dev.openinference.semconv.SemanticConventions.EVALUATION_IDENTIFIER;
import static dev.openinference.semconv.SemanticConventions.EVALUATION_LABEL;
import static dev.openinference.semconv.SemanticConventions.EVALUATION_METADATA;
import static dev.openinference.semconv.SemanticConventions.EVALUATION_NAME;
import static dev.openinference.semconv.SemanticConventions.EVALUATION_SCORE;

import io.opentelemetry.api.common.AttributeKey;
import javax.annotation.Nullable;

/**
 * The flattened keys of one feedback result, for example {@code annotations.<i>.annotation.*} or
 * {@code session.evaluations.<i>.evaluation.*}; obtain them from {@link
 * SemanticConventions#annotation(int)}, {@link SemanticConventions#evaluation(int)} and their trace
 * and session variants.
 *
 * <p>Instances are immutable. A negative index makes every key empty-named, and OpenTelemetry drops
 * attributes with an empty name.
 */
public final class FeedbackKeys extends FlatKeyGroup {

  private final boolean evaluation;

  private FeedbackKeys(@Nullable String prefix, boolean evaluation) {
    super(prefix);
    this.evaluation = evaluation;
  }

  static FeedbackKeys annotation(String list, int index) {
    return new FeedbackKeys(FlatKeys.element(list, index), false);
  }

  static FeedbackKeys evaluation(String list, int index) {
    return new FeedbackKeys(FlatKeys.element(list, index), true);
  }

  /**
   * Returns {@code <prefix>.annotation.name} or {@code <prefix>.evaluation.name}.
   *
   * @return the string key of the feedback's name, for example {@code "correctness"}; empty-named
   *     when the index was negative
   */
  public AttributeKey<String> name() {
    return FlatKeys.leaf(prefix, evaluation ? EVALUATION_NAME : ANNOTATION_NAME);
  }

  /**
   * Returns {@code <prefix>.annotation.score} or {@code <prefix>.evaluation.score}.
   *
   * @return the double key of the numeric score (scale set by the annotator); empty-named when the
   *     index was negative
   */
  public AttributeKey<Double> score() {
    return FlatKeys.leaf(prefix, evaluation ? EVALUATION_SCORE : ANNOTATION_SCORE);
  }

  /**
   * Returns {@code <prefix>.annotation.label} or {@code <prefix>.evaluation.label}.
   *
   * @return the string key of the categorical label, for example {@code "correct"}; empty-named
   *     when the index was negative
   */
  public AttributeKey<String> label() {
    return FlatKeys.leaf(prefix, evaluation ? EVALUATION_LABEL : ANNOTATION_LABEL);
  }

  /**
   * Returns {@code <prefix>.annotation.explanation} or {@code <prefix>.evaluation.explanation}.
   *
   * @return the string key of the free-text reason for the score or label; empty-named when the
   *     index was negative
   */
  public AttributeKey<String> explanation() {
    return FlatKeys.leaf(prefix, evaluation ? EVALUATION_EXPLANATION : ANNOTATION_EXPLANATION);
  }

  /**
   * Returns {@code <prefix>.annotation.annotator_kind} or its evaluation form.
   *
   * @return the string key of who produced the feedback ({@code HUMAN}, {@code LLM}, {@code CODE});
   *     empty-named when the index was negative
   */
  public AttributeKey<String> annotatorKind() {
    return FlatKeys.leaf(
        prefix, evaluation ? EVALUATION_ANNOTATOR_KIND : ANNOTATION_ANNOTATOR_KIND);
  }

  /**
   * Returns {@code <prefix>.annotation.identifier} or {@code <prefix>.evaluation.identifier}.
   *
   * @return the string key of the caller's identifier that makes the feedback unique; empty-named
   *     when the index was negative
   */
  public AttributeKey<String> identifier() {
    return FlatKeys.leaf(prefix, evaluation ? EVALUATION_IDENTIFIER : ANNOTATION_IDENTIFIER);
  }

  /**
   * Returns {@code <prefix>.annotation.metadata} or {@code <prefix>.evaluation.metadata}.
   *
   * @return the string key of the feedback's metadata as serialized JSON; empty-named when the
   *     index was negative
   */
  public AttributeKey<String> metadata() {
    return FlatKeys.leaf(prefix, evaluation ? EVALUATION_METADATA : ANNOTATION_METADATA);
  }
}
