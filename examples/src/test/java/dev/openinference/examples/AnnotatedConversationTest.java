/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.Session;
import dev.openinference.testing.SessionView;
import dev.openinference.testing.SpanNode;
import dev.openinference.testing.Turn;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnnotatedConversationTest {

  private static List<SpanData> spans;
  private static String printed;

  @BeforeAll
  static void runExample() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      spans = AnnotatedConversation.run(out);
    }
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  private static Session session() {
    Session session = SessionView.from(spans).getSession(AnnotatedConversation.SESSION);
    assertThat(session).isNotNull();
    return session;
  }

  @Test
  void sessionViewShowsEachTurnsQuestionAndAnswer() {
    Session session = session();

    assertThat(session.getUserIds()).containsExactly(AnnotatedConversation.USER);
    assertThat(session.getTurns())
        .extracting(Turn::getInput)
        .containsExactlyElementsOf(AnnotatedConversation.QUESTIONS);
    assertThat(session.getTurns())
        .extracting(Turn::getOutput)
        .containsExactly(
            "Nice to meet you, Li! Shipped yesterday, arriving Friday. (from \"Order 1042\","
                + " kb-1042)",
            "Your name is Li.");
    assertThat(SessionView.from(spans).getSpansWithoutSession()).isEmpty();
    assertThat(printed)
        .contains("li    > What's my name?\n  bot   < Your name is Li.")
        .contains("every span carries its session: 5/5");
  }

  @Test
  void eachTurnIsTheAgentWithItsToolAndModelCalls() {
    List<Turn> turns = session().getTurns();

    assertThat(turns.get(0).preOrder())
        .extracting(node -> node.getName() + " " + node.getSpanKind())
        .containsExactly(
            "support-desk AGENT", "OrderTools.orderStatus TOOL", "chat fake-chat-1 LLM");
    // No order in the second question: no lookup.
    assertThat(turns.get(1).preOrder())
        .extracting(node -> node.getName() + " " + node.getSpanKind())
        .containsExactly("support-desk AGENT", "chat fake-chat-1 LLM");
  }

  @Test
  void toolSpanHasItsDescriptionAndOrderButNotTheApiKey() {
    SpanData tool = session().getTurns().get(0).preOrder().get(1).getSpan();

    assertThat(tool)
        .hasAttribute(SemanticConventions.TOOL_NAME, "orderStatus")
        .hasAttribute(
            SemanticConventions.TOOL_DESCRIPTION, "Looks up the shipping status of an order")
        .hasAttribute(SemanticConventions.INPUT_VALUE, "1042")
        .hasAttribute(SemanticConventions.OUTPUT_VALUE, "Shipped yesterday, arriving Friday.");
    for (SpanData span : spans) {
      assertThat(span.getAttributes().asMap().values())
          .as(span.getName())
          .noneSatisfy(
              value -> assertThat(String.valueOf(value)).contains(AnnotatedConversation.API_KEY));
    }
  }

  @Test
  void modelSpanCarriesTheMessagesAsInputAndWhatTheMethodAdded() {
    SpanNode llm = session().getTurns().get(1).preOrder().get(1);

    assertThat(llm.getSpan())
        .hasAttribute(SemanticConventions.INPUT_MIME_TYPE, "application/json")
        .hasAttribute(SemanticConventions.OUTPUT_VALUE, "Your name is Li.")
        .hasAttribute(SemanticConventions.LLM_MODEL_NAME, FakeChatModel.MODEL_NAME);
    // The second turn's model call sees the first turn from the desk's history.
    assertThat(llm.getSpan().getAttributes().get(SemanticConventions.INPUT_VALUE))
        .contains("{\"role\":\"user\",\"content\":\"Hi, I'm Li. Where is my order 1042?\"}")
        .contains("{\"role\":\"user\",\"content\":\"What's my name?\"}");
    // The fake model counts words; the answer has four.
    assertThat(llm.getSpan()).hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_COMPLETION, 4L);
    assertThat(llm.getTokenCounts().getTotal())
        .isEqualTo(
            4L + llm.getSpan().getAttributes().get(SemanticConventions.LLM_TOKEN_COUNT_PROMPT));
  }
}
