/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.Session;
import dev.openinference.testing.SessionView;
import dev.openinference.testing.Turn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Spring AI conversation example: in process, then as its own process. */
class SpringAiConversationTest {

  @Test
  void theSessionViewShowsEachTurnsQuestionAndAnswer() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SessionView view;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      view = SpringAiConversation.runLocally(out);
    }

    assertThat(view.getSessions())
        .extracting(Session::getId)
        .containsExactly(SpringAiConversation.SESSION_ID);
    Session session = view.getSession(SpringAiConversation.SESSION_ID);
    assertThat(session.getUserIds()).containsExactly("alice");
    assertThat(session.getTurns())
        .extracting(Turn::getInput)
        .containsExactlyElementsOf(SpringAiConversation.QUESTIONS);
    assertThat(session.getTurns())
        .extracting(Turn::getOutput)
        .containsExactlyElementsOf(SpringAiConversation.ANSWERS);
    assertThat(view.getSpansWithSessionCount()).isEqualTo(view.getSpanCount());
    assertThat(view.getTracesWithoutSession()).isEmpty();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("alice > " + SpringAiConversation.QUESTIONS.get(1))
        .contains("bot   < " + SpringAiConversation.ANSWERS.get(1));
  }

  @Test
  void quietRunEndsByItselfAndPrintsOnlyTheCheckLine() {
    Duration timeout = Duration.ofSeconds(90);
    ForkedJava.Outcome outcome =
        ForkedJava.run(SpringAiConversation.class, Map.of(), timeout, "--quiet");

    assertThat(outcome.exited()).as("ended; stderr:%n%s", outcome.stderr()).isTrue();
    assertThat(outcome.exitCode()).as("exit code; stderr:%n%s", outcome.stderr()).isZero();
    assertThat(outcome.stderrWithoutJvmNotes()).isBlank();
    assertThat(outcome.stdout().lines())
        .singleElement()
        .asString()
        .matches("every span carries its session: (\\d+)/\\1");
  }
}
