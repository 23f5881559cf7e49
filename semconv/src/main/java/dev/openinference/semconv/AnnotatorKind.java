/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

/**
 * Who gave a piece of feedback: a person, a model acting as a judge, or code (a heuristic or a
 * test). The values are Phoenix's {@code annotator_kind}.
 */
public enum AnnotatorKind {
  /** A person, for example a user clicking thumbs-up or a reviewer. */
  HUMAN("HUMAN"),
  /** A language model acting as a judge. */
  LLM("LLM"),
  /** Code: a heuristic, a rule or a test. */
  CODE("CODE");

  private final String value;

  AnnotatorKind(String value) {
    this.value = value;
  }

  /**
   * Returns the wire value, for example {@code "HUMAN"}.
   *
   * @return the upper-case value written to {@link FeedbackAttributes#ANNOTATOR_KIND} and sent as
   *     Phoenix's {@code annotator_kind}, never null
   */
  public String getValue() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
