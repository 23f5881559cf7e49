/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The log-record event that carries one piece of feedback: OpenTelemetry's GenAI event {@value
 * #EVENT_NAME} with its {@code gen_ai.evaluation.*} attributes, and the OpenInference attributes
 * that say what the feedback is about.
 *
 * <p>Feedback on a span carries the span's trace and span id as the record's own context; feedback
 * on a trace (one turn) carries the trace id in {@link #TRACE_ID}, because a log record cannot
 * carry a trace id without a span id; feedback on a session carries {@link
 * SemanticConventions#SESSION_ID}.
 */
public final class FeedbackAttributes {

  /** The event name of a feedback log record, {@code gen_ai.evaluation.result}. */
  public static final String EVENT_NAME = "gen_ai.evaluation.result";

  /** The name of the feedback, for example {@code "user_feedback"} or {@code "correctness"}. */
  public static final AttributeKey<String> NAME = AttributeKey.stringKey("gen_ai.evaluation.name");

  /** The numeric score; absent when the feedback has none. */
  public static final AttributeKey<Double> SCORE_VALUE =
      AttributeKey.doubleKey("gen_ai.evaluation.score.value");

  /** The categorical label, for example {@code "thumbs_up"}; absent when the feedback has none. */
  public static final AttributeKey<String> SCORE_LABEL =
      AttributeKey.stringKey("gen_ai.evaluation.score.label");

  /** Free text: why the score or label was given; absent when the feedback has none. */
  public static final AttributeKey<String> EXPLANATION =
      AttributeKey.stringKey("gen_ai.evaluation.explanation");

  /**
   * What the feedback is about: {@link #TARGET_SPAN}, {@link #TARGET_TRACE} or {@link
   * #TARGET_SESSION}.
   */
  public static final AttributeKey<String> TARGET =
      AttributeKey.stringKey("openinference.feedback.target");

  /** The trace (turn) the feedback is about, 32 lowercase hex digits; trace feedback only. */
  public static final AttributeKey<String> TRACE_ID =
      AttributeKey.stringKey("openinference.feedback.trace_id");

  /** Who gave the feedback, an {@link AnnotatorKind} value. */
  public static final AttributeKey<String> ANNOTATOR_KIND =
      AttributeKey.stringKey("openinference.feedback.annotator_kind");

  /**
   * The caller's identifier: feedback with the same target, name and identifier replaces the
   * earlier one instead of adding to it; absent when none was given.
   */
  public static final AttributeKey<String> IDENTIFIER =
      AttributeKey.stringKey("openinference.feedback.identifier");

  /** Metadata of the feedback, a JSON object string; absent when none was given. */
  public static final AttributeKey<String> METADATA =
      AttributeKey.stringKey("openinference.feedback.metadata");

  /** {@link #TARGET} of feedback on one span. */
  public static final String TARGET_SPAN = "span";

  /** {@link #TARGET} of feedback on a trace, one turn of a conversation. */
  public static final String TARGET_TRACE = "trace";

  /** {@link #TARGET} of feedback on a whole session (conversation). */
  public static final String TARGET_SESSION = "session";

  private FeedbackAttributes() {}
}
