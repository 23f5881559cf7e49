/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each example's {@code main}, run as its own process: it must end by itself, exit 0, print nothing
 * on standard error, and with {@code --quiet} print only the session check line.
 */
class ExamplesRunTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "Demo                ; every span carries its session: 54/54",
        "ChatbotSessions     ; every span carries its session: 54/54",
        "HttpSessions        ; every span carries its session: 8/9  <- 1 without session\\.id: POST"
            + " /chat",
        // Java 21+ adds two spans on virtual threads.
        "AsyncContext        ; every span carries its session: (6/7|8/9)  <- 1 without"
            + " session\\.id: plain pool: lost context",
        "ProcessLevelSession ; every span carries its session: 6/6",
        "GenAiTranslation    ; every span carries its session: 4/4",
        "LangChain4jConversation ; every span carries its session: 6/6",
        "AnnotatedConversation ; every span carries its session: 5/5",
        "MultiServiceSessions; every span carries its session: 16/16",
        // The MCP client's initialize request comes before the session's first turn.
        "McpToolSessions     ; every span carries its session: 12/13  <- 1 without"
            + " session\\.id: initialize",
      })
  void quietRunEndsByItselfAndPrintsOnlyTheCheckLine(String example, String checkLine)
      throws ClassNotFoundException {
    Class<?> mainClass = Class.forName("dev.openinference.examples." + example);

    ForkedJava.Outcome outcome = ForkedJava.run(mainClass, Map.of(), TIMEOUT, "--quiet");

    assertThat(outcome.exited())
        .as("ended within %s; stderr:%n%s", TIMEOUT, outcome.stderr())
        .isTrue();
    assertThat(outcome.exitCode()).as("exit code; stderr:%n%s", outcome.stderr()).isZero();
    assertThat(outcome.stderrWithoutJvmNotes()).isBlank();
    assertThat(outcome.stdout().lines()).singleElement().asString().matches(checkLine);
  }

  @Test
  void processLevelSessionTakesTheSessionFromTheEnvironment() {
    ForkedJava.Outcome outcome =
        ForkedJava.run(
            ProcessLevelSession.class, Map.of("OTEL_OPENINFERENCE_SESSION_ID", "run-42"), TIMEOUT);

    assertThat(outcome.exitCode()).as("exit code; stderr:%n%s", outcome.stderr()).isZero();
    assertThat(outcome.stdout())
        .contains("session id from OTEL_OPENINFERENCE_SESSION_ID")
        .contains("Session run-42")
        .contains("turns: 3, spans: 6")
        .contains("every span carries its session: 6/6");
  }
}
