/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

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

class LangChain4jConversationTest {

  private static List<SpanData> spans;
  private static String printed;

  @BeforeAll
  static void runExample() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      spans = LangChain4jConversation.run(out);
    }
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sessionViewShowsEachTurnsQuestionAndAnswer() {
    SessionView view = SessionView.from(spans);
    Session session = view.getSession(LangChain4jConversation.SESSION);

    assertThat(session).isNotNull();
    assertThat(session.getUserIds()).containsExactly(LangChain4jConversation.USER);
    assertThat(session.getTurns()).hasSize(2);
    Turn first = session.getTurns().get(0);
    Turn second = session.getTurns().get(1);
    assertThat(first.getInput()).isEqualTo("Where is my order 1042?");
    assertThat(first.getOutput())
        .isEqualTo("The tool returned: order 1042 shipped yesterday, arriving Friday");
    assertThat(second.getInput()).isEqualTo("Thanks! Can you repeat that?");
    assertThat(second.getOutput()).isEqualTo("You said: Thanks! Can you repeat that?");
    assertThat(view.getSpansWithoutSession()).isEmpty();
    assertThat(printed)
        .contains("maria > Where is my order 1042?")
        .contains("bot   < The tool returned: order 1042 shipped yesterday, arriving Friday")
        .contains("every span carries its session: 6/6");
  }

  @Test
  void firstTurnIsTheAgentWithTwoModelCallsAndTheToolBetween() {
    Turn first =
        SessionView.from(spans).getSession(LangChain4jConversation.SESSION).getTurns().get(0);

    assertThat(first.preOrder())
        .extracting(SpanNode::getName)
        .containsExactly(
            "OrderAssistant.chat",
            "chat gpt-4o-mini",
            "execute_tool orderStatus",
            "chat gpt-4o-mini");
    assertThat(first.preOrder())
        .extracting(
            node -> node.getSpan().getAttributes().get(stringKey("openinference.span.kind")))
        .containsExactly("AGENT", "LLM", "TOOL", "LLM");
  }

  @Test
  void secondTurnsModelCallSeesTheFirstTurnFromChatMemory() {
    Turn second =
        SessionView.from(spans).getSession(LangChain4jConversation.SESSION).getTurns().get(1);
    SpanData llm = second.preOrder().get(1).getSpan();

    assertThat(llm.getAttributes().get(stringKey("llm.input_messages.0.message.content")))
        .isEqualTo("Where is my order 1042?");
    assertThat(llm.getAttributes().get(stringKey("llm.input_messages.2.message.role")))
        .isEqualTo("tool");
    assertThat(llm.getAttributes().get(stringKey("llm.input_messages.4.message.content")))
        .isEqualTo("Thanks! Can you repeat that?");
  }
}
