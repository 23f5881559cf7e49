/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openinference.testing.Session;
import dev.openinference.testing.SessionView;
import dev.openinference.testing.Turn;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessLevelSessionTest {

  @Test
  void configuredSessionIsOnEverySpanWithoutAnyScope() {
    assumeTrue(System.getenv("OTEL_OPENINFERENCE_SESSION_ID") == null);
    assumeTrue(System.getProperty("otel.openinference.session.id") == null);

    SessionView view =
        ProcessLevelSession.run(
            Examples.nowhere(), Map.of("otel.openinference.session.id", "run-7"));

    assertThat(view.getSessions()).extracting(Session::getId).containsExactly("run-7");
    assertThat(view.getSpansWithSessionCount()).isEqualTo(view.getSpanCount()).isEqualTo(6);
    assertThat(view.getSession("run-7").getTurns())
        .allSatisfy(
            turn -> {
              assertThat(turn.getRoots().get(0).getSpanKind()).isEqualTo("CHAIN");
              assertThat(turn.getRoots().get(0).getChildren())
                  .singleElement()
                  .satisfies(llm -> assertThat(llm.getSpanKind()).isEqualTo("LLM"));
            });
    assertThat(view.getSession("run-7").getTurns())
        .extracting(Turn::getOutput)
        .first()
        .isEqualTo("Quarterly revenue grew 12 percent.");
  }
}
