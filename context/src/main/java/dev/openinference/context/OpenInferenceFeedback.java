/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.ContextLimits;
import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.semconv.AnnotatorKind;
import dev.openinference.semconv.FeedbackAttributes;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * Feedback (a score, a label, an explanation) on a span, a trace (one turn of a conversation) or a
 * session, recorded now or later, by this process or by another one that only knows the ids.
 *
 * <pre>{@code
 * // thumbs-up on the turn the user just saw (its trace id kept with the chat message)
 * OpenInferenceFeedback.forTrace(traceId).setName("user_feedback").setScore(1)
 *     .setLabel("thumbs_up").record();
 * // an evaluator's verdict on the model call it judged, inside that span
 * OpenInferenceFeedback.forCurrentSpan().setName("correctness").setScore(0.9)
 *     .setAnnotatorKind(AnnotatorKind.LLM).record();
 * // the conversation as a whole
 * OpenInferenceFeedback.forSession(sessionId).setName("resolved").setLabel("yes").record(otel);
 * }</pre>
 *
 * <p>{@link #record()} emits one OpenTelemetry log record, the GenAI event {@value
 * FeedbackAttributes#EVENT_NAME} with the attributes of {@link FeedbackAttributes}, through the
 * logs API: any OTLP logs exporter and the Collector carry it, and the OpenInference exporter
 * module delivers it to Phoenix as an annotation. Feedback on a span carries the span's trace and
 * span id as the record's context.
 *
 * <p>Bad input never throws: a blank name, no score, label or explanation (a NaN or infinite score
 * counts as none), ids that are not lowercase hex of the right length or are all zero, a null or
 * blank session id, or {@link #forCurrentSpan()} outside any span mean nothing is recorded, with a
 * rate-limited warning naming the problem; metadata that cannot be fully encoded loses only the bad
 * part. {@code record()} does not wait on I/O: it hands the record to the SDK's log processors,
 * which export in the background.
 *
 * <p>An instance is a small mutable value for one thread: set it up, record it (more than once if
 * wanted), drop it.
 */
public final class OpenInferenceFeedback {

  private static final String INSTRUMENTATION_NAME = "dev.openinference.context";

  // The logger of the last OpenTelemetry used: one volatile read on the usual path.
  @Nullable private static volatile CachedLogger cachedLogger;

  private final String target;
  @Nullable private final SpanContext spanContext;
  @Nullable private final String traceId;
  @Nullable private final String sessionId;
  @Nullable private final String problem;

  @Nullable private String name;
  private double score = Double.NaN;
  @Nullable private String label;
  @Nullable private String explanation;
  private AnnotatorKind annotatorKind = AnnotatorKind.HUMAN;
  @Nullable private String identifier;
  @Nullable private String metadata;

  private OpenInferenceFeedback(
      String target,
      @Nullable SpanContext spanContext,
      @Nullable String traceId,
      @Nullable String sessionId,
      @Nullable String problem) {
    this.target = target;
    this.spanContext = spanContext;
    this.traceId = traceId;
    this.sessionId = sessionId;
    this.problem = problem;
  }

  /**
   * Returns feedback on the span current on this thread, for example an evaluator's verdict given
   * inside the span it judges. The span is taken now; recording later still targets it.
   *
   * @return feedback on the current span, never null; outside any span it records nothing (with a
   *     warning)
   */
  public static OpenInferenceFeedback forCurrentSpan() {
    SpanContext current;
    try {
      current = Span.current().getSpanContext();
    } catch (Throwable t) {
      current = SpanContext.getInvalid();
    }
    if (!current.isValid()) {
      return invalid(
          FeedbackAttributes.TARGET_SPAN, "forCurrentSpan() was called outside any span");
    }
    return new OpenInferenceFeedback(FeedbackAttributes.TARGET_SPAN, current, null, null, null);
  }

  /**
   * Returns feedback on the span of {@code spanContext}, for example one kept from {@code
   * span.getSpanContext()} while the span ran.
   *
   * @param spanContext the evaluated span's context; null or invalid records nothing (with a
   *     warning)
   * @return feedback on that span, never null
   */
  public static OpenInferenceFeedback forSpan(@Nullable SpanContext spanContext) {
    if (spanContext == null || !spanContext.isValid()) {
      return invalid(
          FeedbackAttributes.TARGET_SPAN,
          "forSpan(SpanContext) was given "
              + (spanContext == null ? "null" : "an invalid context"));
    }
    return new OpenInferenceFeedback(FeedbackAttributes.TARGET_SPAN, spanContext, null, null, null);
  }

  /**
   * Returns feedback on the span with these ids, for example from a process that received them with
   * the answer it rates.
   *
   * @param traceIdHex the span's trace id, 32 lowercase hex digits, not all zero
   * @param spanIdHex the span id, 16 lowercase hex digits, not all zero
   * @return feedback on that span, never null; with a bad id it records nothing (with a warning)
   */
  public static OpenInferenceFeedback forSpan(
      @Nullable String traceIdHex, @Nullable String spanIdHex) {
    String bad = badTraceId(traceIdHex);
    if (bad == null && (spanIdHex == null || !SpanId.isValid(spanIdHex))) {
      bad =
          "the span id "
              + describe(spanIdHex)
              + " is not 16 lowercase hex digits with at least one non-zero";
    }
    if (bad != null) {
      return invalid(FeedbackAttributes.TARGET_SPAN, "forSpan(traceId, spanId): " + bad);
    }
    SpanContext context =
        SpanContext.createFromRemoteParent(
            traceIdHex, spanIdHex, TraceFlags.getSampled(), TraceState.getDefault());
    return new OpenInferenceFeedback(FeedbackAttributes.TARGET_SPAN, context, null, null, null);
  }

  /**
   * Returns feedback on a whole trace, one turn of a conversation: what a user's thumbs-up on an
   * answer is about. Get the id inside the turn with {@link #currentTraceId()}.
   *
   * @param traceIdHex the trace id, 32 lowercase hex digits, not all zero
   * @return feedback on that trace, never null; with a bad id it records nothing (with a warning)
   */
  public static OpenInferenceFeedback forTrace(@Nullable String traceIdHex) {
    String bad = badTraceId(traceIdHex);
    if (bad != null) {
      return invalid(FeedbackAttributes.TARGET_TRACE, "forTrace(traceId): " + bad);
    }
    return new OpenInferenceFeedback(FeedbackAttributes.TARGET_TRACE, null, traceIdHex, null, null);
  }

  /**
   * Returns feedback on a whole session (conversation), the id given to {@link
   * OpenInference#usingSession(String)}; the id is sent as given.
   *
   * @param sessionId the session id; null or blank records nothing (with a warning)
   * @return feedback on that session, never null
   */
  public static OpenInferenceFeedback forSession(@Nullable String sessionId) {
    if (sessionId == null || sessionId.trim().isEmpty()) {
      return invalid(
          FeedbackAttributes.TARGET_SESSION,
          "forSession(sessionId) was given a " + (sessionId == null ? "null" : "blank") + " id");
    }
    return new OpenInferenceFeedback(
        FeedbackAttributes.TARGET_SESSION, null, null, sessionId, null);
  }

  /**
   * Returns the trace id of the span current on this thread: inside a conversation turn, the id to
   * keep with the answer so that feedback given later ({@link #forTrace}) finds the turn.
   *
   * @return 32 lowercase hex digits, or null outside any span
   */
  @Nullable
  public static String currentTraceId() {
    SpanContext current = currentSpanContext();
    return current == null ? null : current.getTraceId();
  }

  /**
   * Returns the span id of the span current on this thread, for {@link #forSpan(String, String)}.
   *
   * @return 16 lowercase hex digits, or null outside any span
   */
  @Nullable
  public static String currentSpanId() {
    SpanContext current = currentSpanContext();
    return current == null ? null : current.getSpanId();
  }

  @Nullable
  private static SpanContext currentSpanContext() {
    try {
      SpanContext current = Span.current().getSpanContext();
      return current.isValid() ? current : null;
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * Sets the feedback's name (required), for example {@code "user_feedback"} or {@code
   * "correctness"}. Feedback with the same target, name and identifier replaces earlier feedback in
   * Phoenix.
   *
   * @param name the name; null or blank means nothing is recorded (with a warning)
   * @return this feedback
   */
  public OpenInferenceFeedback setName(@Nullable String name) {
    this.name = name;
    return this;
  }

  /**
   * Sets the numeric score, on whatever scale the annotator uses (for example 1 for thumbs-up, 0
   * for thumbs-down, 0.0 to 1.0 for a judge).
   *
   * @param score the score; NaN or infinite counts as no score (with a warning)
   * @return this feedback
   */
  public OpenInferenceFeedback setScore(double score) {
    if (Double.isNaN(score) || Double.isInfinite(score)) {
      Inputs.warn("OpenInferenceFeedback.setScore: ignored the score " + score + " (not finite)");
      this.score = Double.NaN;
    } else {
      this.score = score;
    }
    return this;
  }

  /**
   * Sets the categorical label, for example {@code "thumbs_up"} or {@code "correct"}.
   *
   * @param label the label; null unsets it
   * @return this feedback
   */
  public OpenInferenceFeedback setLabel(@Nullable String label) {
    this.label = label;
    return this;
  }

  /**
   * Sets free text saying why: a user's comment, a judge's reasoning. It is sent as given (no
   * {@code OPENINFERENCE_HIDE_*} flag covers it): put in it only what may leave the process.
   *
   * @param explanation the explanation; null unsets it
   * @return this feedback
   */
  public OpenInferenceFeedback setExplanation(@Nullable String explanation) {
    this.explanation = explanation;
    return this;
  }

  /**
   * Sets who gave the feedback (default {@link AnnotatorKind#HUMAN}).
   *
   * @param annotatorKind the kind; null keeps the current one (with a warning)
   * @return this feedback
   */
  public OpenInferenceFeedback setAnnotatorKind(@Nullable AnnotatorKind annotatorKind) {
    if (annotatorKind == null) {
      Inputs.warn(
          "OpenInferenceFeedback.setAnnotatorKind: ignored null; the annotator kind stays "
              + this.annotatorKind);
    } else {
      this.annotatorKind = annotatorKind;
    }
    return this;
  }

  /**
   * Sets the identifier that makes this feedback one of several of the same name on the same
   * target: recording again with the same identifier updates it instead of adding one. Without an
   * identifier, feedback of a name replaces the earlier feedback of that name on that target.
   *
   * @param identifier the identifier, sent as given; null or empty unsets it
   * @return this feedback
   */
  public OpenInferenceFeedback setIdentifier(@Nullable String identifier) {
    this.identifier = identifier == null || identifier.isEmpty() ? null : identifier;
    return this;
  }

  /**
   * Sets metadata of the feedback, sent as a JSON object (encoded now, like {@link
   * OpenInference#usingMetadata}): null keys are dropped, a value that contains itself keeps the
   * rest with {@code "[cycle]"} in its place, values over the size caps are cut, each with a
   * warning. Like the explanation, no masking flag covers it.
   *
   * @param metadata the metadata; null unsets it
   * @return this feedback
   */
  public OpenInferenceFeedback setMetadata(@Nullable Map<String, ?> metadata) {
    try {
      this.metadata = metadata == null ? null : encodeMetadata(metadata);
    } catch (Throwable t) {
      Inputs.failed("OpenInferenceFeedback.setMetadata", t, "ignored the metadata");
      this.metadata = null;
    }
    return this;
  }

  @Nullable
  private static String encodeMetadata(Map<String, ?> metadata) {
    String method = "OpenInferenceFeedback.setMetadata";
    ContextLimits limits = ContextLimits.current();
    Map<String, String> members = Inputs.members(method, "metadata", metadata);
    if (members == null) {
      return null;
    }
    for (Map.Entry<String, String> member : members.entrySet()) {
      if (member.getValue().contains("\"[cycle]\"")) {
        // Re-encode to tell a real cycle from a value that merely reads "[cycle]".
        JsonEncoder.Encoding encoding =
            JsonEncoder.encode(metadata.get(member.getKey()), limits, limits.maxJsonLength());
        if (encoding.cycle()) {
          Inputs.warn(
              method
                  + ": the metadata value of "
                  + describe(member.getKey())
                  + " contains itself; the repeated part was written as \"[cycle]\"");
        }
      }
    }
    return JsonEncoder.objectOfEncoded(members);
  }

  /** Records the feedback through {@link GlobalOpenTelemetry}. Never throws, never waits on I/O. */
  public void record() {
    OpenTelemetry otel;
    try {
      otel = GlobalOpenTelemetry.get();
    } catch (Throwable t) {
      Inputs.failed("OpenInferenceFeedback.record", t, "recorded nothing");
      return;
    }
    record(otel);
  }

  /**
   * Records the feedback through {@code openTelemetry}'s logs API. Never throws, never waits on
   * I/O.
   *
   * @param openTelemetry the OpenTelemetry to record through; null records nothing (with a warning)
   */
  public void record(@Nullable OpenTelemetry openTelemetry) {
    try {
      if (openTelemetry == null) {
        Inputs.warn("OpenInferenceFeedback.record: null OpenTelemetry; recorded nothing");
        return;
      }
      String bad = problem();
      if (bad != null) {
        Inputs.warn("OpenInferenceFeedback: recorded nothing: " + bad);
        return;
      }
      emit(logger(openTelemetry));
    } catch (Throwable t) {
      Inputs.failed("OpenInferenceFeedback.record", t, "recorded nothing");
    }
  }

  @Nullable
  private String problem() {
    if (problem != null) {
      return problem;
    }
    if (name == null || name.trim().isEmpty()) {
      return "the name is " + (name == null ? "null" : "blank") + " (setName is required)";
    }
    if (Double.isNaN(score) && label == null && explanation == null) {
      return "feedback "
          + describe(name)
          + " has no score, label or explanation (a NaN or infinite score counts as none)";
    }
    return null;
  }

  private void emit(Logger logger) {
    // Trace and session feedback belong to no span, whatever is current on this thread.
    Context context =
        spanContext == null ? Context.root() : Context.root().with(Span.wrap(spanContext));
    // Attributes go straight onto the record: no intermediate Attributes to build and copy.
    LogRecordBuilder builder =
        logger
            .logRecordBuilder()
            .setEventName(FeedbackAttributes.EVENT_NAME)
            .setContext(context)
            .setTimestamp(System.currentTimeMillis(), TimeUnit.MILLISECONDS)
            .setAttribute(FeedbackAttributes.NAME, name)
            .setAttribute(FeedbackAttributes.TARGET, target)
            .setAttribute(FeedbackAttributes.ANNOTATOR_KIND, annotatorKind.getValue());
    if (!Double.isNaN(score)) {
      builder.setAttribute(FeedbackAttributes.SCORE_VALUE, score);
    }
    if (label != null) {
      builder.setAttribute(FeedbackAttributes.SCORE_LABEL, label);
    }
    if (explanation != null) {
      builder.setAttribute(FeedbackAttributes.EXPLANATION, explanation);
    }
    if (traceId != null) {
      builder.setAttribute(FeedbackAttributes.TRACE_ID, traceId);
    }
    if (sessionId != null) {
      builder.setAttribute(SemanticConventions.SESSION_ID, sessionId);
    }
    if (identifier != null) {
      builder.setAttribute(FeedbackAttributes.IDENTIFIER, identifier);
    }
    if (metadata != null) {
      builder.setAttribute(FeedbackAttributes.METADATA, metadata);
    }
    builder.emit();
  }

  private static Logger logger(OpenTelemetry openTelemetry) {
    CachedLogger cached = cachedLogger;
    if (cached != null && cached.openTelemetry == openTelemetry) {
      return cached.logger;
    }
    Logger logger = openTelemetry.getLogsBridge().get(INSTRUMENTATION_NAME);
    cachedLogger = new CachedLogger(openTelemetry, logger);
    return logger;
  }

  @Nullable
  private static String badTraceId(@Nullable String traceIdHex) {
    if (traceIdHex == null || !TraceId.isValid(traceIdHex)) {
      return "the trace id "
          + describe(traceIdHex)
          + " is not 32 lowercase hex digits with at least one non-zero";
    }
    return null;
  }

  private static OpenInferenceFeedback invalid(String target, String problem) {
    return new OpenInferenceFeedback(target, null, null, null, problem);
  }

  private static final class CachedLogger {
    final OpenTelemetry openTelemetry;
    final Logger logger;

    CachedLogger(OpenTelemetry openTelemetry, Logger logger) {
      this.openTelemetry = openTelemetry;
      this.logger = logger;
    }
  }

  @Override
  public String toString() {
    return "OpenInferenceFeedback{target="
        + target
        + (spanContext != null
            ? ", traceId=" + spanContext.getTraceId() + ", spanId=" + spanContext.getSpanId()
            : "")
        + (traceId != null ? ", traceId=" + traceId : "")
        + (sessionId != null ? ", sessionId=" + sessionId : "")
        + ", name="
        + name
        + (Double.isNaN(score) ? "" : ", score=" + score)
        + (label != null ? ", label=" + label : "")
        + ", annotatorKind="
        + annotatorKind
        + (identifier != null ? ", identifier=" + identifier : "")
        + (problem != null ? ", invalid: " + problem : "")
        + '}';
  }
}
