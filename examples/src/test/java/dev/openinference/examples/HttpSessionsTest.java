/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.Session;
import dev.openinference.testing.SessionView;
import dev.openinference.testing.SpanNode;
import dev.openinference.testing.Turn;
import io.opentelemetry.api.trace.SpanKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpSessionsTest {

  private static SessionView view;
  private static String printed;

  @BeforeAll
  static void runExample() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      view = HttpSessions.run(out);
    }
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void browserKeepsTheSessionTheServerSetInACookie() {
    Session alice =
        view.getSessions().stream()
            .filter(session -> session.getUserIds().contains("alice"))
            .findFirst()
            .orElseThrow();

    assertThat(alice.getId()).startsWith("web-");
    assertThat(alice.getUserIds()).containsExactly("alice");
    assertThat(alice.getTurns())
        .extracting(Turn::getInput)
        .containsExactly("hi! I'm Alice", "what's my name?");
    assertThat(alice.getTurns().get(1).getOutput()).isEqualTo("Your name is Alice.");
  }

  @Test
  void appClientNamesItsSessionInAHeader() {
    Session bob = view.getSession("bob-phone-conversation-7");

    assertThat(bob.getUserIds()).containsExactly("bob");
    assertThat(bob.getTurns())
        .extracting(Turn::getOutput)
        .containsExactly("Nice to meet you, Bob! How can I help you today?", "Your name is Bob.");
  }

  @Test
  void everySpanOfAnAuthenticatedRequestCarriesSessionAndUser() {
    for (Session session : view.getSessions()) {
      for (Turn turn : session.getTurns()) {
        SpanNode server = turn.getRoots().get(0);
        assertThat(server.getSpan().getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(turn.preOrder())
            .hasSize(2)
            .allSatisfy(
                node -> {
                  assertThat(node.getSessionId()).isEqualTo(session.getId());
                  assertThat(node.getUserId()).isEqualTo(session.getUserIds().get(0));
                });
        assertThat(server.getChildren())
            .singleElement()
            .extracting(SpanNode::getSpanKind)
            .isEqualTo("LLM");
      }
    }
  }

  @Test
  void unauthenticatedRequestIsRefusedOutsideAnySession() {
    assertThat(view.getSessions()).hasSize(2);
    assertThat(view.getSpansWithoutSession())
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.getName()).isEqualTo("POST /chat");
              assertThat(span.getAttributes().get(longKey("http.response.status_code")))
                  .isEqualTo(401L);
              assertThat(span.getAttributes().get(SemanticConventions.USER_ID)).isNull();
            });
    assertThat(printed)
        .contains("< 401 unauthorized")
        .contains("every span carries its session: 8/9");
  }
}
