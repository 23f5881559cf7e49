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

/** One session of a {@link SessionView}: the traces whose spans carry its {@code session.id}. */
public final class Session {

  private final String id;
  private final List<Turn> turns;
  private final List<String> userIds;
  private final int spanCount;
  private final TokenCounts tokenCounts;
  private final List<ReceivedAnnotation> feedback;

  Session(String id, List<Turn> turns) {
    this(id, turns, Collections.<ReceivedAnnotation>emptyList());
  }

  Session(String id, List<Turn> turns, List<ReceivedAnnotation> feedback) {
    this.feedback = Collections.unmodifiableList(new ArrayList<>(feedback));
    this.id = id;
    this.turns = Collections.unmodifiableList(new ArrayList<>(turns));
    Set<String> users = new LinkedHashSet<>();
    int count = 0;
    TokenCounts tokens = TokenCounts.none();
    for (Turn turn : turns) {
      users.addAll(turn.getUserIds());
      count += turn.getSpanCount();
      tokens = tokens.plus(turn.getTokenCounts());
    }
    this.userIds = Collections.unmodifiableList(new ArrayList<>(users));
    this.spanCount = count;
    this.tokenCounts = tokens;
  }

  /**
   * The feedback on the session as a whole that the view was given (Phoenix session annotations),
   * in arrival order.
   *
   * @return the feedback, empty when none
   */
  public List<ReceivedAnnotation> getFeedback() {
    return feedback;
  }

  /**
   * The {@code session.id}.
   *
   * @return the session id, never null
   */
  public String getId() {
    return id;
  }

  /**
   * The session's traces, in the order their root spans started.
   *
   * @return an unmodifiable list of the turns, one per trace, oldest first
   */
  public List<Turn> getTurns() {
    return turns;
  }

  /**
   * The distinct {@code user.id} values of the session, in order of appearance.
   *
   * @return an unmodifiable list of the user ids, empty when no span carries one
   */
  public List<String> getUserIds() {
    return userIds;
  }

  /**
   * The number of spans in the session's traces.
   *
   * @return the span count over all turns
   */
  public int getSpanCount() {
    return spanCount;
  }

  /**
   * The tokens of all turns.
   *
   * @return the summed token counts of the turns
   */
  public TokenCounts getTokenCounts() {
    return tokenCounts;
  }

  /** When the first turn started. */
  long getStartEpochNanos() {
    return turns.isEmpty() ? 0 : turns.get(0).getStartEpochNanos();
  }

  @Override
  public String toString() {
    return "Session{id="
        + id
        + ", users="
        + userIds
        + ", turns="
        + turns.size()
        + ", spans="
        + spanCount
        + "}";
  }
}
