/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * One trace of a session, a conversation turn: its span tree, and the input and output a session
 * view shows for it.
 */
public final class Turn {

  @Nullable private final String sessionId;
  private final String traceId;
  private final List<SpanNode> roots;
  private final long startEpochNanos;
  private final long endEpochNanos;
  private final int spanCount;
  private final int spansWithoutSession;
  private final TokenCounts tokenCounts;
  private final List<String> userIds;
  private final List<ReceivedAnnotation> feedback;

  Turn(@Nullable String sessionId, String traceId, List<SpanNode> roots) {
    this(sessionId, traceId, roots, Collections.<ReceivedAnnotation>emptyList());
  }

  Turn(
      @Nullable String sessionId,
      String traceId,
      List<SpanNode> roots,
      List<ReceivedAnnotation> feedback) {
    this.feedback = Collections.unmodifiableList(new ArrayList<>(feedback));
    this.sessionId = sessionId;
    this.traceId = traceId;
    this.roots = Collections.unmodifiableList(new ArrayList<>(roots));
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    int count = 0;
    TokenCounts tokens = TokenCounts.none();
    for (SpanNode root : roots) {
      start = Math.min(start, root.getSpan().getStartEpochNanos());
      count += root.getSubtreeSize();
      tokens = tokens.plus(root.getSubtreeTokenCounts());
    }
    Set<String> users = new LinkedHashSet<>();
    int withoutSession = 0;
    for (SpanNode node : preOrder()) {
      end = Math.max(end, node.getSpan().getEndEpochNanos());
      if (node.getUserId() != null) {
        users.add(node.getUserId());
      }
      if (node.getSessionId() == null) {
        withoutSession++;
      }
    }
    this.startEpochNanos = roots.isEmpty() ? 0 : start;
    this.endEpochNanos = roots.isEmpty() ? 0 : end;
    this.spanCount = count;
    this.spansWithoutSession = withoutSession;
    this.tokenCounts = tokens;
    this.userIds = Collections.unmodifiableList(new ArrayList<>(users));
  }

  /**
   * The feedback on this turn and its spans that the view was given (Phoenix trace and span
   * annotations), in arrival order.
   *
   * @return the feedback, empty when none
   */
  public List<ReceivedAnnotation> getFeedback() {
    return feedback;
  }

  /**
   * The session this turn is shown under, or {@code null} for a trace without a session.
   *
   * @return the session id, or {@code null}
   */
  @Nullable
  public String getSessionId() {
    return sessionId;
  }

  /**
   * The trace id.
   *
   * @return the trace id as 32 lower-case hex characters
   */
  public String getTraceId() {
    return traceId;
  }

  /**
   * The root spans of the trace as received, in start-time order: usually one; more when a parent
   * span did not arrive.
   *
   * @return an unmodifiable list of the roots, never empty
   */
  public List<SpanNode> getRoots() {
    return roots;
  }

  /**
   * All spans of the trace, parents before children, siblings in start-time order.
   *
   * @return a new list of the trace's spans in pre-order, never empty
   */
  public List<SpanNode> preOrder() {
    List<SpanNode> out = new ArrayList<>();
    for (SpanNode root : roots) {
      collect(root, out);
    }
    return out;
  }

  private static void collect(SpanNode node, List<SpanNode> out) {
    out.add(node);
    for (SpanNode child : node.getChildren()) {
      collect(child, out);
    }
  }

  /**
   * The turn's input: the root span's {@code input.value}, or else the first one in the tree, or
   * {@code null}.
   *
   * @return the input text, or {@code null} when no span of the trace has one
   */
  @Nullable
  public String getInput() {
    for (SpanNode node : preOrder()) {
      if (node.getInput() != null) {
        return node.getInput();
      }
    }
    return null;
  }

  /**
   * The turn's output: the root span's {@code output.value}, or else the first one in the tree, or
   * {@code null}.
   *
   * @return the output text, or {@code null} when no span of the trace has one
   */
  @Nullable
  public String getOutput() {
    for (SpanNode node : preOrder()) {
      if (node.getOutput() != null) {
        return node.getOutput();
      }
    }
    return null;
  }

  /**
   * The distinct {@code user.id} values in the trace, in tree order.
   *
   * @return an unmodifiable list of the user ids, empty when no span carries one
   */
  public List<String> getUserIds() {
    return userIds;
  }

  /**
   * The root span's {@code tag.tags}.
   *
   * @return an unmodifiable list of the tags, empty when the root has none
   */
  public List<String> getTags() {
    return roots.isEmpty() ? Collections.<String>emptyList() : roots.get(0).getTags();
  }

  /**
   * When the earliest root span started.
   *
   * @return the start time in nanoseconds since the epoch
   */
  public long getStartEpochNanos() {
    return startEpochNanos;
  }

  /**
   * When the last span ended.
   *
   * @return the latest end time of the trace's spans, in nanoseconds since the epoch
   */
  public long getEndEpochNanos() {
    return endEpochNanos;
  }

  /**
   * The number of spans in the trace.
   *
   * @return the span count of the trace
   */
  public int getSpanCount() {
    return spanCount;
  }

  /**
   * How many spans of the trace carry no {@code session.id}.
   *
   * @return the count of spans without a session id
   */
  public int getSpansWithoutSession() {
    return spansWithoutSession;
  }

  /**
   * The tokens of the trace, each model call counted once.
   *
   * @return the summed token counts of the trace's model calls
   */
  public TokenCounts getTokenCounts() {
    return tokenCounts;
  }

  @Override
  public String toString() {
    return "Turn{sessionId="
        + sessionId
        + ", traceId="
        + traceId
        + ", spans="
        + spanCount
        + ", input="
        + SessionViewRenderer.oneLine(getInput(), 60)
        + "}";
  }
}
