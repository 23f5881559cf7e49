/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for a chat model: no network, same answer for the same messages. Like a
 * real model it knows only what is in the messages it is sent, so it can tell a user their name
 * only if an earlier turn of the same conversation is among them.
 *
 * <p>Tokens are counted as whitespace-separated words.
 */
final class FakeChatModel {

  /** The model's answer and its token counts. */
  record Completion(String text, long promptTokens, long completionTokens) {
    long totalTokens() {
      return promptTokens + completionTokens;
    }
  }

  static final String MODEL_NAME = "fake-chat-1";

  /** A user message starting with this asks for a summary of the rest. */
  static final String SUMMARIZE = "Summarize:";

  private static final Pattern INTRODUCTION =
      Pattern.compile("\\b(?:[Ii]'m|[Ii] am|[Mm]y name is|[Cc]all me) ([A-Z][a-z]+)");
  private static final Pattern ASKS_NAME = Pattern.compile("(?i)\\bwhat(?:'s| is) my name\\b");
  private static final Pattern ASKS_PLAN =
      Pattern.compile("(?i)\\b(?:(?:which|what) plan am i|my plan)\\b");
  private static final Pattern PLAN = Pattern.compile("\"plan\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ARTICLE = Pattern.compile("(?m)^\\[(kb-\\d+)] ([^:]+): (.+)$");

  static FakeChatModel create() {
    return new FakeChatModel();
  }

  /** Answers the last user message, using the system message and the earlier turns. */
  Completion complete(List<ChatMessage> messages) {
    String system = "";
    List<String> earlierUserTurns = new ArrayList<>();
    String question = "";
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      if (message.role().equals("system")) {
        system = message.content();
      } else if (message.role().equals("user")) {
        if (i == messages.size() - 1) {
          question = message.content();
        } else {
          earlierUserTurns.add(message.content());
        }
      }
    }
    String answer = answer(system, earlierUserTurns, question);
    long prompt = messages.stream().mapToLong(m -> countTokens(m.content())).sum();
    return new Completion(answer, prompt, countTokens(answer));
  }

  private static String answer(String system, List<String> earlierUserTurns, String question) {
    if (question.startsWith(SUMMARIZE)) {
      return summarize(question.substring(SUMMARIZE.length()).strip());
    }
    List<String> parts = new ArrayList<>();
    Matcher introduction = INTRODUCTION.matcher(question);
    boolean introduced = introduction.find();
    if (introduced) {
      parts.add("Nice to meet you, " + introduction.group(1) + "!");
    }
    boolean answered = false;
    if (ASKS_NAME.matcher(question).find()) {
      String name = null;
      for (String turn : earlierUserTurns) {
        Matcher earlier = INTRODUCTION.matcher(turn);
        if (earlier.find()) {
          name = earlier.group(1);
        }
      }
      parts.add(
          name != null
              ? "Your name is " + name + "."
              : "I don't know your name yet: you haven't told me in this conversation.");
      answered = true;
    }
    if (ASKS_PLAN.matcher(question).find()) {
      Matcher plan = PLAN.matcher(system);
      parts.add(
          plan.find()
              ? "You're on the " + plan.group(1) + " plan."
              : "I couldn't look up your account right now.");
      answered = true;
    }
    if (!answered && question.contains("?")) {
      Matcher article = ARTICLE.matcher(system);
      parts.add(
          article.find()
              ? article.group(3) + " (from \"" + article.group(2) + "\", " + article.group(1) + ")"
              : "I'm not sure about that one; let me find a human who knows.");
      answered = true;
    }
    if (!answered) {
      parts.add("How can I help you today?");
    }
    return String.join(" ", parts);
  }

  /** The document's first sentence, at most twelve words of it. */
  private static String summarize(String document) {
    int end = document.indexOf(". ");
    String sentence = end < 0 ? document : document.substring(0, end + 1);
    String[] words = sentence.split("\\s+");
    return words.length <= 12 ? sentence : String.join(" ", List.of(words).subList(0, 12)) + "...";
  }

  /** Counts whitespace-separated words: deterministic, and close enough for a demo. */
  static long countTokens(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }

  @Override
  public String toString() {
    return "FakeChatModel{" + MODEL_NAME + "}";
  }

  private FakeChatModel() {}
}
