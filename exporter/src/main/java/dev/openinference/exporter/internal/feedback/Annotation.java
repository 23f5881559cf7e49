/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.feedback;

import dev.openinference.exporter.internal.genai.Json;
import dev.openinference.semconv.AnnotatorKind;
import dev.openinference.semconv.FeedbackAttributes;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * One piece of feedback as Phoenix's annotation APIs take it, read from a {@value
 * FeedbackAttributes#EVENT_NAME} log record.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class Annotation {

  /** Phoenix's three annotation routes, one per target. */
  public enum Target {
    SPAN("/v1/span_annotations", "span_id"),
    TRACE("/v1/trace_annotations", "trace_id"),
    SESSION("/v1/session_annotations", "session_id");

    final String path;
    final String idField;

    Target(String path, String idField) {
      this.path = path;
      this.idField = idField;
    }
  }

  private final Target target;
  private final String targetId;
  private final String name;
  private final String annotatorKind;
  @Nullable private final String label;
  @Nullable private final Double score;
  @Nullable private final String explanation;
  @Nullable private final String metadata;
  @Nullable private final String identifier;

  private Annotation(
      Target target,
      String targetId,
      String name,
      String annotatorKind,
      @Nullable String label,
      @Nullable Double score,
      @Nullable String explanation,
      @Nullable String metadata,
      @Nullable String identifier) {
    this.target = target;
    this.targetId = targetId;
    this.name = name;
    this.annotatorKind = annotatorKind;
    this.label = label;
    this.score = score;
    this.explanation = explanation;
    this.metadata = metadata;
    this.identifier = identifier;
  }

  /** Whether a log record of this event name and attributes is feedback. */
  public static boolean isFeedback(
      @Nullable String eventName, Function<AttributeKey<String>, String> attributes) {
    return FeedbackAttributes.EVENT_NAME.equals(eventName)
        || attributes.apply(FeedbackAttributes.TARGET) != null;
  }

  /**
   * Reads the feedback of a record with {@code spanContext} and {@code attributes} (looked up by
   * key), or returns null with the reason in {@code problem[0]} when Phoenix could not take it.
   */
  @Nullable
  @SuppressWarnings("unchecked")
  public static Annotation read(
      SpanContext spanContext, Function<AttributeKey<?>, Object> attributes, String[] problem) {
    String name = (String) attributes.apply(FeedbackAttributes.NAME);
    if (name == null || name.trim().isEmpty()) {
      problem[0] = "no " + FeedbackAttributes.NAME.getKey();
      return null;
    }
    String label = (String) attributes.apply(FeedbackAttributes.SCORE_LABEL);
    Double score = (Double) attributes.apply(FeedbackAttributes.SCORE_VALUE);
    if (score != null && (score.isNaN() || score.isInfinite())) {
      score = null;
    }
    String explanation = (String) attributes.apply(FeedbackAttributes.EXPLANATION);
    if (label == null && score == null && explanation == null) {
      problem[0] = "feedback '" + name + "' has no score, label or explanation";
      return null;
    }
    String targetName = (String) attributes.apply(FeedbackAttributes.TARGET);
    Target target;
    String targetId;
    if (FeedbackAttributes.TARGET_TRACE.equals(targetName)) {
      target = Target.TRACE;
      targetId = (String) attributes.apply(FeedbackAttributes.TRACE_ID);
      if (targetId == null || !TraceId.isValid(targetId)) {
        problem[0] = "trace feedback '" + name + "' without a valid trace id";
        return null;
      }
    } else if (FeedbackAttributes.TARGET_SESSION.equals(targetName)) {
      target = Target.SESSION;
      targetId = (String) attributes.apply(SemanticConventions.SESSION_ID);
      if (targetId == null || targetId.trim().isEmpty()) {
        problem[0] = "session feedback '" + name + "' without a session id";
        return null;
      }
    } else {
      target = Target.SPAN;
      targetId = spanContext.getSpanId();
      if (!SpanId.isValid(targetId)) {
        problem[0] = "span feedback '" + name + "' whose record has no span context";
        return null;
      }
    }
    String kind = (String) attributes.apply(FeedbackAttributes.ANNOTATOR_KIND);
    kind = kind == null ? AnnotatorKind.HUMAN.getValue() : kind.toUpperCase(Locale.ROOT);
    if (!kind.equals("HUMAN") && !kind.equals("LLM") && !kind.equals("CODE")) {
      kind = AnnotatorKind.HUMAN.getValue();
    }
    String metadata = (String) attributes.apply(FeedbackAttributes.METADATA);
    if (metadata != null && !(Json.parse(metadata) instanceof Map)) {
      // Phoenix takes an object; anything else travels inside one rather than failing the batch.
      metadata = "{\"value\":" + Json.stringify(metadata) + "}";
    }
    String identifier = (String) attributes.apply(FeedbackAttributes.IDENTIFIER);
    return new Annotation(
        target, targetId, name, kind, label, score, explanation, metadata, identifier);
  }

  public Target getTarget() {
    return target;
  }

  public String getTargetId() {
    return targetId;
  }

  public String getName() {
    return name;
  }

  /** Appends this annotation as one element of Phoenix's {@code data} array. */
  void appendJson(StringBuilder sb) {
    sb.append("{\"").append(target.idField).append("\":").append(Json.stringify(targetId));
    sb.append(",\"name\":").append(Json.stringify(name));
    sb.append(",\"annotator_kind\":").append(Json.stringify(annotatorKind));
    sb.append(",\"result\":{");
    boolean first = true;
    if (label != null) {
      sb.append("\"label\":").append(Json.stringify(label));
      first = false;
    }
    if (score != null) {
      sb.append(first ? "" : ",").append("\"score\":").append(Json.stringify(score));
      first = false;
    }
    if (explanation != null) {
      sb.append(first ? "" : ",").append("\"explanation\":").append(Json.stringify(explanation));
    }
    sb.append('}');
    if (metadata != null) {
      sb.append(",\"metadata\":").append(metadata);
    }
    if (identifier != null) {
      sb.append(",\"identifier\":").append(Json.stringify(identifier));
    }
    sb.append('}');
  }

  @Override
  public String toString() {
    return "Annotation{" + target + " " + targetId + ", name=" + name + "}";
  }
}
