/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The chatbot's help-center articles and a deterministic keyword search over them, standing in for
 * a vector store.
 */
final class KnowledgeBase {

  /** An article. */
  record Article(String id, String title, String content) {

    /** The article as a line of a prompt, in the form the model quotes from. */
    String promptLine() {
      return "[" + id + "] " + title + ": " + content;
    }
  }

  /** A search result: an article and its score in (0, 1]. */
  record Hit(Article article, double score) {}

  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "i", "i'm", "my", "me", "am", "is", "are", "on", "do", "does", "how",
          "what", "what's", "which", "can", "to", "of", "and", "you", "your", "it", "for", "in",
          "with", "as", "hi", "hello", "thanks", "much", "name", "call", "please");

  private static final List<Article> ARTICLES =
      List.of(
          new Article(
              "kb-1",
              "Reset your password",
              "Open Settings > Security, choose Reset password and follow the link we email you;"
                  + " the link expires after 30 minutes."),
          new Article(
              "kb-2",
              "Export your data",
              "Go to Settings > Data and choose Export; your notes download as Markdown or CSV"
                  + " within a few minutes."),
          new Article(
              "kb-3",
              "Plans and pricing",
              "Free costs nothing for one user; Pro is $8 per user per month; Team is $15 per"
                  + " user per month and adds shared notebooks."),
          new Article(
              "kb-4",
              "Two-factor authentication",
              "Turn on two-factor authentication under Settings > Security with any"
                  + " authenticator app."),
          new Article(
              "kb-5",
              "Share a notebook",
              "Open the notebook menu and choose Share; on the Team plan you can share with the"
                  + " whole workspace."));

  static KnowledgeBase create() {
    return new KnowledgeBase();
  }

  /**
   * Returns at most {@code limit} articles sharing words with {@code query}, best first; the score
   * is the share of the query's words the article contains.
   */
  List<Hit> search(String query, int limit) {
    Set<String> queryWords = words(query);
    List<Hit> hits = new ArrayList<>();
    if (queryWords.isEmpty()) {
      return hits;
    }
    for (Article article : ARTICLES) {
      Set<String> articleWords = words(article.title() + " " + article.content());
      long matches = queryWords.stream().filter(articleWords::contains).count();
      if (matches > 0) {
        double score = Math.round(100.0 * matches / queryWords.size()) / 100.0;
        hits.add(new Hit(article, score));
      }
    }
    // Stable sort: equal scores keep the articles' order.
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    return hits.size() > limit ? new ArrayList<>(hits.subList(0, limit)) : hits;
  }

  private static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9']+", -1)) {
      if (word.isEmpty() || STOP_WORDS.contains(word)) {
        continue;
      }
      // "plans" matches "plan", "costs" matches "cost".
      words.add(
          word.length() > 3 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word);
    }
    return words;
  }

  @Override
  public String toString() {
    return "KnowledgeBase{articles=" + ARTICLES.size() + "}";
  }

  private KnowledgeBase() {}
}
