/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.sdk.trace.data.SpanData;
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
 * Spans seen the way Phoenix's Sessions tab shows them: sessions (by {@code session.id}), each with
 * its traces as turns in time order, each turn a span tree with its input and output.
 *
 * <p>A trace belongs to every session whose id one of its spans carries; its spans without a {@code
 * session.id} are still shown in its tree, and counted as such. Traces none of whose spans carry a
 * session are kept apart ({@link #getTracesWithoutSession()}).
 *
 * <p>The model only; {@link SessionViewRenderer} turns it into text:
 *
 * <pre>{@code
 * System.out.println(SessionView.from(receiver.getSpans()).render());
 * }</pre>
 */
public final class SessionView {

  /** Marks a turn value that its root span does not carry, so a backend would not show it. */
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

  /**
   * Builds the view of the given spans (for example {@link OtlpReceiver#getSpans()}).
   *
   * @param spans the spans, from any number of traces and sessions, in any order
   * @return the view, never null
   */
  public static SessionView from(Collection<? extends SpanData> spans) {
    return from(spans, Collections.<ReceivedAnnotation>emptyList());
  }

  /**
   * Builds the view of the given spans with the feedback given on them (for example {@link
   * OtlpReceiver#getAnnotations()}): session annotations go to their session, trace annotations and
   * annotations of a span to the turn of that trace.
   *
   * @param spans the spans, from any number of traces and sessions, in any order
   * @param feedback the annotations; those whose target is not among the spans are left out
   * @return the view, never null
   */
  public static SessionView from(
      Collection<? extends SpanData> spans, Collection<ReceivedAnnotation> feedback) {
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
      List<ReceivedAnnotation> turnFeedback =
          turnFeedback(trace.getKey(), trace.getValue(), feedback);
      if (sessionIds.isEmpty()) {
        unsessioned.add(new Turn(null, trace.getKey(), roots, turnFeedback));
      }
      for (String sessionId : sessionIds) {
        List<Turn> turns = turnsBySession.get(sessionId);
        if (turns == null) {
          turns = new ArrayList<>();
          turnsBySession.put(sessionId, turns);
        }
        turns.add(new Turn(sessionId, trace.getKey(), roots, turnFeedback));
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
      List<ReceivedAnnotation> sessionFeedback = new ArrayList<>();
      for (ReceivedAnnotation annotation : feedback) {
        if (annotation.getTarget().equals("session")
            && annotation.getTargetId().equals(entry.getKey())) {
          sessionFeedback.add(annotation);
        }
      }
      sessions.add(new Session(entry.getKey(), turns, sessionFeedback));
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

  private static List<ReceivedAnnotation> turnFeedback(
      String traceId, List<SpanData> spans, Collection<ReceivedAnnotation> feedback) {
    List<ReceivedAnnotation> result = new ArrayList<>();
    for (ReceivedAnnotation annotation : feedback) {
      if (annotation.getTarget().equals("trace") && annotation.getTargetId().equals(traceId)) {
        result.add(annotation);
      } else if (annotation.getTarget().equals("span")) {
        for (SpanData span : spans) {
          if (span.getSpanId().equals(annotation.getTargetId())) {
            result.add(annotation);
            break;
          }
        }
      }
    }
    return result;
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

  /**
   * The sessions, in the order their first turn started.
   *
   * @return an unmodifiable list of the sessions
   */
  public List<Session> getSessions() {
    return sessions;
  }

  /**
   * The session with that id, or {@code null}.
   *
   * @param sessionId the {@code session.id} to look up
   * @return the session, or {@code null} when no span carries that id
   */
  @Nullable
  public Session getSession(String sessionId) {
    for (Session session : sessions) {
      if (session.getId().equals(sessionId)) {
        return session;
      }
    }
    return null;
  }

  /**
   * Traces none of whose spans carry a {@code session.id}, in start order.
   *
   * @return an unmodifiable list of those traces, as turns without a session id
   */
  public List<Turn> getTracesWithoutSession() {
    return tracesWithoutSession;
  }

  /**
   * Every span without a {@code session.id}, in start order: those of {@link
   * #getTracesWithoutSession()} and those inside session traces.
   *
   * @return an unmodifiable list of those spans
   */
  public List<SpanData> getSpansWithoutSession() {
    return spansWithoutSession;
  }

  /**
   * The number of spans the view was built from.
   *
   * @return the total span count
   */
  public int getSpanCount() {
    return spanCount;
  }

  /**
   * The number of spans that carry a {@code session.id}.
   *
   * @return the count of spans with a session id
   */
  public int getSpansWithSessionCount() {
    return spanCount - spansWithoutSession.size();
  }

  /**
   * The number of distinct traces.
   *
   * @return the count of distinct trace ids
   */
  public int getTraceCount() {
    return traceCount;
  }

  /**
   * {@link SessionViewRenderer#render} of this view, values cut at 100 characters.
   *
   * @return the multi-line rendering
   */
  public String render() {
    return SessionViewRenderer.create().render(this);
  }

  /**
   * {@link SessionViewRenderer#render} of this view.
   *
   * @param maxValueLength where to cut input and output values (at least 10)
   * @return the multi-line rendering
   */
  public String render(int maxValueLength) {
    return SessionViewRenderer.create().withMaxValueLength(maxValueLength).render(this);
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
