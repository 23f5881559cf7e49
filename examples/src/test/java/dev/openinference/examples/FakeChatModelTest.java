/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FakeChatModelTest {

  private final FakeChatModel model = FakeChatModel.create();

  @Test
  void answersTheNameFromAnEarlierTurnOfTheMessages() {
    FakeChatModel.Completion completion =
        model.complete(
            List.of(
                ChatMessage.system("Be nice."),
                ChatMessage.user("hi! I'm Bob"),
                ChatMessage.assistant("Nice to meet you, Bob!"),
                ChatMessage.user("what's my name?")));

    assertThat(completion.text()).isEqualTo("Your name is Bob.");
  }

  @Test
  void doesNotKnowANameNoMessageGave() {
    FakeChatModel.Completion completion =
        model.complete(
            List.of(ChatMessage.system("Be nice."), ChatMessage.user("what's my name?")));

    assertThat(completion.text()).doesNotContain("Your name is");
  }

  @Test
  void countsWhitespaceSeparatedWordsAsTokens() {
    FakeChatModel.Completion completion =
        model.complete(
            List.of(ChatMessage.system("one two  three"), ChatMessage.user("hi! I'm Bob")));

    assertThat(completion.promptTokens()).isEqualTo(6);
    assertThat(completion.completionTokens())
        .isEqualTo(FakeChatModel.countTokens(completion.text()));
    assertThat(completion.totalTokens()).isEqualTo(6 + completion.completionTokens());
  }

  @Test
  void answersThePlanFromTheAccountInTheSystemMessage() {
    FakeChatModel.Completion completion =
        model.complete(
            List.of(
                ChatMessage.system(
                    "The customer's account: {\"user_id\":\"bob\",\"plan\":\"Free\"}"),
                ChatMessage.user("Which plan am I on?")));

    assertThat(completion.text()).isEqualTo("You're on the Free plan.");
  }

  @Test
  void sameMessagesSameAnswer() {
    List<ChatMessage> messages =
        List.of(ChatMessage.system("[kb-1] Title: Content here."), ChatMessage.user("How?"));

    assertThat(model.complete(messages)).isEqualTo(model.complete(messages));
  }
}
