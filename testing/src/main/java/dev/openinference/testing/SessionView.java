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
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Spans seen the way Phoenix's Sessions tab shows them: sessions (by {@code session.id}), each
 * with its traces as turns in time order, each turn a span tree with its input and output.
 *
 * <p>A trace belongs to every session whose id one of its spans carries; its spans without a
 * {@code session.id} are still shown in its tree, and counted as such. Traces none of whose spans
 * carry a session are kept apart ({@link #getTracesWithoutSession()}).
 *
 * <pre>{@code
 * System.out.println(SessionView.from(receiver.getSpans()).render());
 * }</pre>
 */
public final class SessionView {

  private static final int DEFAULT_VALUE_LENGTH = 100;

  /** Marks a turn value that its root span does not carry, so a backend would not show it. */
  static final String NOT_ON_ROOT = "(not on the root span) ";

  private static final Comparator<SpanData> START_ORDER =
      new Comparator<SpanData>() {
        @Override
        public int compare(SpanData a, SpanData b) {
          int byStart = Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos());
          if (byStart != 0) {
            return byStart;
          }
          int byName = a.getName().compareTo(b.getName());
          return byName != 0 ? byName : a.getSpanId().compareTo(b.getSpanId());
        }
      };

  private final List<Session> sessions;
  private final List<Turn> tracesWithoutSession;
  private final List<SpanData> spansWithoutSession;
  private final int spanCount;
  private final int traceCount;

  private SessionView(
      List<Session> sessions,
      List<Turn> tracesWithoutSession,
      List<SpanData> spansWithoutSession,
      int spanCount,
      int traceCount) {
    this.sessions = Collections.unmodifiableList(sessions);
    this.tracesWithoutSession = Collections.unmodifiableList(tracesWithoutSession);
    this.spansWithoutSession = Collections.unmodifiableList(spansWithoutSession);
    this.spanCount = spanCount;
    this.traceCount = traceCount;
  }

  /** Builds the view of the given spans (for example {@link OtlpReceiver#getSpans()}). */
  public static SessionView from(Collection<? extends SpanData> spans) {
    Map<String, List<SpanData>> byTrace = new LinkedHashMap<>();
    List<SpanData> withoutSession = new ArrayList<>();
    for (SpanData span : spans) {
      List<SpanData> trace = byTrace.get(span.getTraceId());
      if (trace == null) {
        trace = new ArrayList<>();
        byTrace.put(span.getTraceId(), trace);
      }
      trace.add(span);
      if (span.getAttributes().get(OpenInferenceKeys.SESSION_ID) == null) {
        withoutSession.add(span);
      }
    }

    Map<String, List<Turn>> turnsBySession = new LinkedHashMap<>();
    List<Turn> unsessioned = new ArrayList<>();
    for (Map.Entry<String, List<SpanData>> trace : byTrace.entrySet()) {
      List<SpanNode> roots = tree(trace.getValue());
      Set<String> sessionIds = new LinkedHashSet<>();
      for (SpanData span : sorted(trace.getValue())) {
        String sessionId = span.getAttributes().get(OpenInferenceKeys.SESSION_ID);
        if (sessionId != null) {
          sessionIds.add(sessionId);
        }
      }
      if (sessionIds.isEmpty()) {
        unsessioned.add(new Turn(null, trace.getKey(), roots));
      }
      for (String sessionId : sessionIds) {
        List<Turn> turns = turnsBySession.get(sessionId);
        if (turns == null) {
          turns = new ArrayList<>();
          turnsBySession.put(sessionId, turns);
        }
        turns.add(new Turn(sessionId, trace.getKey(), roots));
      }
    }

    Comparator<Turn> turnOrder =
        new Comparator<Turn>() {
          @Override
          public int compare(Turn a, Turn b) {
            int byStart = Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos());
            return byStart != 0 ? byStart : a.getTraceId().compareTo(b.getTraceId());
          }
        };
    List<Session> sessions = new ArrayList<>();
    for (Map.Entry<String, List<Turn>> entry : turnsBySession.entrySet()) {
      List<Turn> turns = entry.getValue();
      Collections.sort(turns, turnOrder);
      sessions.add(new Session(entry.getKey(), turns));
    }
    Collections.sort(
        sessions,
        new Comparator<Session>() {
          @Override
          public int compare(Session a, Session b) {
            int byStart = Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos());
            return byStart != 0 ? byStart : a.getId().compareTo(b.getId());
          }
        });
    Collections.sort(unsessioned, turnOrder);
    Collections.sort(withoutSession, START_ORDER);
    return new SessionView(sessions, unsessioned, withoutSession, spans.size(), byTrace.size());
  }

  private static List<SpanData> sorted(Collection<SpanData> spans) {
    List<SpanData> sorted = new ArrayList<>(spans);
    Collections.sort(sorted, START_ORDER);
    return sorted;
  }

  /** The span trees of one trace; a span whose parent did not arrive is a root. */
  private static List<SpanNode> tree(List<SpanData> spans) {
    Map<String, SpanData> byId = new HashMap<>();
    for (SpanData span : spans) {
      byId.put(span.getSpanId(), span);
    }
    Map<String, List<SpanData>> children = new HashMap<>();
    List<SpanData> roots = new ArrayList<>();
    for (SpanData span : sorted(spans)) {
      String parentId = span.getParentSpanContext().isValid() ? span.getParentSpanId() : null;
      if (parentId == null || !byId.containsKey(parentId) || parentId.equals(span.getSpanId())) {
        roots.add(span);
      } else {
        List<SpanData> siblings = children.get(parentId);
        if (siblings == null) {
          siblings = new ArrayList<>();
          children.put(parentId, siblings);
        }
        siblings.add(span);
      }
    }
    Set<String> visited = new HashSet<>();
    List<SpanNode> nodes = new ArrayList<>();
    for (SpanData root : roots) {
      nodes.add(node(root, children, visited));
    }
    // Spans caught in a parent cycle (malformed input) are shown as roots rather than lost.
    for (SpanData span : sorted(spans)) {
      if (!visited.contains(span.getSpanId())) {
        nodes.add(node(span, children, visited));
      }
    }
    return nodes;
  }

  private static SpanNode node(
      SpanData span, Map<String, List<SpanData>> children, Set<String> visited) {
    visited.add(span.getSpanId());
    List<SpanNode> kids = new ArrayList<>();
    List<SpanData> direct = children.get(span.getSpanId());
    if (direct != null) {
      for (SpanData child : direct) {
        if (!visited.contains(child.getSpanId())) {
          kids.add(node(child, children, visited));
        }
      }
    }
    return new SpanNode(span, kids);
  }

  /** The sessions, in the order their first turn started. */
  public List<Session> getSessions() {
    return sessions;
  }

  /** The session with that id, or {@code null}. */
  @Nullable
  public Session getSession(String sessionId) {
    for (Session session : sessions) {
      if (session.getId().equals(sessionId)) {
        return session;
      }
    }
    return null;
  }

  /** Traces none of whose spans carry a {@code session.id}, in start order. */
  public List<Turn> getTracesWithoutSession() {
    return tracesWithoutSession;
  }

  /**
   * Every span without a {@code session.id}, in start order: those of {@link
   * #getTracesWithoutSession()} and those inside session traces.
   */
  public List<SpanData> getSpansWithoutSession() {
    return spansWithoutSession;
  }

  /** The number of spans the view was built from. */
  public int getSpanCount() {
    return spanCount;
  }

  /** The number of spans that carry a {@code session.id}. */
  public int getSpansWithSessionCount() {
    return spanCount - spansWithoutSession.size();
  }

  /** The number of distinct traces. */
  public int getTraceCount() {
    return traceCount;
  }

  /** {@link #render(int)} with input and output values cut at 100 characters. */
  public String render() {
    return render(DEFAULT_VALUE_LENGTH);
  }

  /**
   * A plain-text rendering of the whole view for a terminal: per session its users, turns in order
   * with input and output (marked {@code (not on the root span)} when only a span below the root
   * has them: a Sessions view would show that turn blank), the span tree with kinds and tokens, then the traces without a session
   * and a check line {@code every span carries its session: N/M}.
   *
   * @param maxValueLength where to cut input and output values (at least 10)
   */
  public String render(int maxValueLength) {
    int max = Math.max(10, maxValueLength);
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
        .append(getSpansWithSessionCount())
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
      facts
          .append(facts.length() > 0 ? "  " : "")
          .append("tokens: ")
          .append(turn.getTokenCounts());
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
    return "SessionView{sessions="
        + sessions.size()
        + ", traces="
        + traceCount
        + ", spans="
        + spanCount
        + ", spansWithoutSession="
        + spansWithoutSession.size()
        + "}";
  }
}
