/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Renders a {@link SessionView} as plain text for a terminal, the way a Sessions view reads: per
 * session its users and turns, each turn's input, output and span tree.
 *
 * <pre>{@code
 * System.out.println(SessionViewRenderer.create().withMaxValueLength(60).render(view));
 * }</pre>
 */
public final class SessionViewRenderer {

  private static final int DEFAULT_VALUE_LENGTH = 100;

  static final String NOT_ON_ROOT = "(not on the root span) ";

  private final int maxValueLength;

  private SessionViewRenderer(int maxValueLength) {
    this.maxValueLength = maxValueLength;
  }

  /**
   * A renderer that cuts input and output values at 100 characters.
   *
   * @return a new renderer
   */
  public static SessionViewRenderer create() {
    return new SessionViewRenderer(DEFAULT_VALUE_LENGTH);
  }

  /**
   * A renderer like this one that cuts values at {@code maxValueLength} (at least 10).
   *
   * @param maxValueLength where to cut input and output values; below 10 means 10
   * @return a new renderer; this one is unchanged
   */
  public SessionViewRenderer withMaxValueLength(int maxValueLength) {
    return new SessionViewRenderer(Math.max(10, maxValueLength));
  }

  /**
   * A plain-text rendering of the whole view for a terminal: per session its users, turns in order
   * with input and output (marked {@code (not on the root span)} when only a span below the root
   * has them: a Sessions view would show that turn blank), the span tree with kinds and tokens,
   * then the traces without a session and a check line {@code every span carries its session: N/M}.
   *
   * @param view the view to render
   * @return the multi-line rendering, lines separated by {@code \n}
   */
  public String render(SessionView view) {
    int max = maxValueLength;
    List<Session> sessions = view.getSessions();
    List<Turn> tracesWithoutSession = view.getTracesWithoutSession();
    List<SpanData> spansWithoutSession = view.getSpansWithoutSession();
    int traceCount = view.getTraceCount();
    int spanCount = view.getSpanCount();
    StringBuilder out = new StringBuilder();
    out.append("Sessions: ")
        .append(sessions.size())
        .append(", traces: ")
        .append(traceCount)
        .append(", spans: ")
        .append(spanCount)
        .append('\n');
    for (Session session : sessions) {
      out.append('\n');
      out.append("Session ").append(session.getId()).append('\n');
      out.append("  users: ")
          .append(session.getUserIds().isEmpty() ? "(none)" : join(session.getUserIds()))
          .append('\n');
      out.append("  turns: ")
          .append(session.getTurns().size())
          .append(", spans: ")
          .append(session.getSpanCount())
          .append(", tokens: ")
          .append(session.getTokenCounts())
          .append('\n');
      for (ReceivedAnnotation annotation : session.getFeedback()) {
        out.append("  feedback: ").append(feedback(annotation, max)).append('\n');
      }
      int number = 1;
      for (Turn turn : session.getTurns()) {
        out.append('\n');
        renderTurn(out, "Turn " + number++, turn, session.getId(), max);
      }
    }
    if (!tracesWithoutSession.isEmpty()) {
      int spans = 0;
      for (Turn trace : tracesWithoutSession) {
        spans += trace.getSpanCount();
      }
      out.append('\n')
          .append("Without a session: ")
          .append(tracesWithoutSession.size())
          .append(tracesWithoutSession.size() == 1 ? " trace, " : " traces, ")
          .append(spans)
          .append(spans == 1 ? " span" : " spans")
          .append('\n');
      for (Turn trace : tracesWithoutSession) {
        out.append('\n');
        renderTurn(out, "Trace", trace, null, max);
      }
    }
    out.append('\n')
        .append("every span carries its session: ")
        .append(view.getSpansWithSessionCount())
        .append('/')
        .append(spanCount);
    if (!spansWithoutSession.isEmpty()) {
      out.append("  <- ").append(spansWithoutSession.size()).append(" without session.id: ");
      List<String> names = new ArrayList<>();
      for (SpanData span : spansWithoutSession) {
        names.add(span.getName());
      }
      out.append(oneLine(join(names), max));
    }
    out.append('\n');
    return out.toString();
  }

  /** {@code name = label, score (KIND) "explanation"}. */
  private static String feedback(ReceivedAnnotation annotation, int max) {
    StringBuilder text = new StringBuilder(annotation.getName()).append(" =");
    if (annotation.getLabel() != null) {
      text.append(' ').append(annotation.getLabel());
    }
    if (annotation.getScore() != null) {
      text.append(annotation.getLabel() != null ? ", " : " ").append(annotation.getScore());
    }
    text.append(" (").append(annotation.getAnnotatorKind()).append(')');
    if (annotation.getExplanation() != null) {
      text.append(" \"").append(oneLine(annotation.getExplanation(), max)).append('"');
    }
    return text.toString();
  }

  private static void renderTurn(
      StringBuilder out, String title, Turn turn, @Nullable String sessionId, int max) {
    out.append("  ")
        .append(title)
        .append("  ")
        .append(timestamp(turn.getStartEpochNanos()))
        .append("  ")
        .append(millis(turn.getEndEpochNanos() - turn.getStartEpochNanos()))
        .append("  trace ")
        .append(turn.getTraceId())
        .append('\n');
    StringBuilder facts = new StringBuilder();
    if (!turn.getUserIds().isEmpty()) {
      facts.append("user: ").append(join(turn.getUserIds()));
    }
    if (!turn.getTags().isEmpty()) {
      facts.append(facts.length() > 0 ? "  " : "").append("tags: ").append(join(turn.getTags()));
    }
    if (turn.getTokenCounts().isPresent()) {
      facts.append(facts.length() > 0 ? "  " : "").append("tokens: ").append(turn.getTokenCounts());
    }
    if (facts.length() > 0) {
      out.append("    ").append(facts).append('\n');
    }
    String input = turn.getInput();
    String output = turn.getOutput();
    // A Sessions view shows the root span's values only; say when they come from deeper down.
    SpanNode first = turn.getRoots().isEmpty() ? null : turn.getRoots().get(0);
    if (input != null) {
      out.append("    in:  ")
          .append(first != null && first.getInput() == null ? NOT_ON_ROOT : "")
          .append(oneLine(input, max))
          .append('\n');
    }
    if (output != null) {
      out.append("    out: ")
          .append(first != null && first.getOutput() == null ? NOT_ON_ROOT : "")
          .append(oneLine(output, max))
          .append('\n');
    }
    for (ReceivedAnnotation annotation : turn.getFeedback()) {
      out.append("    feedback")
          .append(
              annotation.getTarget().equals("span") ? " on span " + annotation.getTargetId() : "")
          .append(": ")
          .append(feedback(annotation, max))
          .append('\n');
    }
    String turnUser = turn.getUserIds().size() == 1 ? turn.getUserIds().get(0) : null;
    for (SpanNode root : turn.getRoots()) {
      renderNode(out, root, "    ", "    ", sessionId, turnUser);
    }
  }

  private static void renderNode(
      StringBuilder out,
      SpanNode node,
      String firstPrefix,
      String restPrefix,
      @Nullable String sessionId,
      @Nullable String turnUser) {
    out.append(firstPrefix).append(node.getName());
    String kind = node.getSpanKind();
    out.append(" [").append(kind == null ? "no kind" : kind).append(']');
    out.append(' ').append(millis(node.getDurationNanos()));
    if (node.getTokenCounts().isPresent()) {
      TokenCounts t = node.getTokenCounts();
      out.append("  tokens ")
          .append(t.getPrompt())
          .append('+')
          .append(t.getCompletion())
          .append('=')
          .append(t.getTotal());
    }
    if (node.getUserId() != null && !node.getUserId().equals(turnUser)) {
      out.append("  user=").append(node.getUserId());
    }
    if (node.getSessionId() == null) {
      if (sessionId != null) {
        out.append("  (no session.id)");
      }
    } else if (!node.getSessionId().equals(sessionId)) {
      out.append("  (session ").append(node.getSessionId()).append(')');
    }
    if (node.getSpan().getStatus().getStatusCode() == StatusCode.ERROR) {
      out.append("  ERROR");
      String description = node.getSpan().getStatus().getDescription();
      if (!description.isEmpty()) {
        out.append(": ").append(oneLine(description, 60));
      }
    }
    out.append('\n');
    List<SpanNode> children = node.getChildren();
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      renderNode(
          out,
          children.get(i),
          restPrefix + (last ? "`-- " : "|-- "),
          restPrefix + (last ? "    " : "|   "),
          sessionId,
          turnUser);
    }
  }

  /** A value on one line: whitespace runs collapsed, cut at {@code max} characters with "...". */
  static String oneLine(@Nullable String value, int max) {
    if (value == null) {
      return "null";
    }
    String flat = value.replaceAll("\\s+", " ").trim();
    if (flat.length() <= max) {
      return flat;
    }
    int cut = max - 3;
    if (cut > 0 && Character.isHighSurrogate(flat.charAt(cut - 1))) {
      cut--;
    }
    return flat.substring(0, cut) + "...";
  }

  private static String timestamp(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String millis(long nanos) {
    if (nanos < 1_000_000L) {
      return "<1 ms";
    }
    return (nanos / 1_000_000L) + " ms";
  }

  private static String join(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (String value : values) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(value);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "SessionViewRenderer{maxValueLength=" + maxValueLength + "}";
  }
}
