/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import java.util.List;

/** A conversation: its session id, who holds it, where, and what they ask, in order. */
record Conversation(String sessionId, String userId, String channel, List<String> questions) {

  /**
   * The demo's conversations: Bob introduces himself and asks his name, Alice asks about her plan,
   * and Bob, in a new conversation, asks his name again.
   */
  static final List<Conversation> DEMO =
      List.of(
          new Conversation(
              "conv-bob-1",
              "bob",
              "web",
              List.of("hi! I'm Bob", "what's my name?", "How do I reset my password?")),
          new Conversation(
              "conv-alice-1",
              "alice",
              "mobile",
              List.of(
                  "Hello, I'm Alice. Which plan am I on?",
                  "Can I export my data as CSV?",
                  "what's my name?")),
          new Conversation(
              "conv-bob-2",
              "bob",
              "web",
              List.of(
                  "what's my name?", "How much does the Pro plan cost?", "Which plan am I on?")));

  /** The number of questions asked in {@code conversations}. */
  static int turns(List<Conversation> conversations) {
    return conversations.stream().mapToInt(c -> c.questions().size()).sum();
  }
}
