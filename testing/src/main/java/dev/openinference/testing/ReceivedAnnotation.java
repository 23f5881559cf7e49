/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One annotation an {@link OtlpReceiver} acting as a fake Phoenix accepted on {@code POST
 * /v1/span_annotations}, {@code /v1/trace_annotations} or {@code /v1/session_annotations}, after
 * its body passed the schema check. Immutable.
 */
public final class ReceivedAnnotation {

  private final String target;
  private final String targetId;
  private final String name;
  private final String annotatorKind;
  @Nullable private final String label;
  @Nullable private final Double score;
  @Nullable private final String explanation;
  @Nullable private final Map<String, Object> metadata;
  @Nullable private final String identifier;
  @Nullable private final String authorization;

  ReceivedAnnotation(
      String target,
      String targetId,
      String name,
      String annotatorKind,
      @Nullable String label,
      @Nullable Double score,
      @Nullable String explanation,
      @Nullable Map<String, Object> metadata,
      @Nullable String identifier,
      @Nullable String authorization) {
    this.target = target;
    this.targetId = targetId;
    this.name = name;
    this.annotatorKind = annotatorKind;
    this.label = label;
    this.score = score;
    this.explanation = explanation;
    this.metadata =
        metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.identifier = identifier;
    this.authorization = authorization;
  }

  /**
   * Returns what the annotation is about.
   *
   * @return {@code "span"}, {@code "trace"} or {@code "session"}
   */
  public String getTarget() {
    return target;
  }

  /**
   * Returns the id of the annotated span, trace or session.
   *
   * @return the {@code span_id}, {@code trace_id} or {@code session_id} as sent
   */
  public String getTargetId() {
    return targetId;
  }

  /**
   * Returns the annotation's name.
   *
   * @return the name, never null
   */
  public String getName() {
    return name;
  }

  /**
   * Returns who gave the annotation.
   *
   * @return {@code HUMAN}, {@code LLM} or {@code CODE}
   */
  public String getAnnotatorKind() {
    return annotatorKind;
  }

  /**
   * Returns the label of the result.
   *
   * @return the label, or null when none was sent
   */
  @Nullable
  public String getLabel() {
    return label;
  }

  /**
   * Returns the score of the result.
   *
   * @return the score, or null when none was sent
   */
  @Nullable
  public Double getScore() {
    return score;
  }

  /**
   * Returns the explanation of the result.
   *
   * @return the explanation, or null when none was sent
   */
  @Nullable
  public String getExplanation() {
    return explanation;
  }

  /**
   * Returns the metadata object.
   *
   * @return the parsed metadata, or null when none was sent
   */
  @Nullable
  public Map<String, Object> getMetadata() {
    return metadata;
  }

  /**
   * Returns the identifier.
   *
   * @return the identifier, or null when none was sent
   */
  @Nullable
  public String getIdentifier() {
    return identifier;
  }

  /**
   * Returns the request's {@code authorization} header.
   *
   * @return the header value, or null when the request had none
   */
  @Nullable
  public String getAuthorization() {
    return authorization;
  }

  @Override
  public String toString() {
    return "ReceivedAnnotation{"
        + target
        + " "
        + targetId
        + ", name="
        + name
        + ", annotatorKind="
        + annotatorKind
        + (label != null ? ", label=" + label : "")
        + (score != null ? ", score=" + score : "")
        + (identifier != null ? ", identifier=" + identifier : "")
        + "}";
  }
}
