/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.SessionView;
import dev.openinference.testing.SpanNode;
import dev.openinference.testing.Turn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AsyncContextTest {

  private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

  private static SessionView view;
  private static String printed;

  @BeforeAll
  static void runExample() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      view = AsyncContext.run(out);
    }
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void wrappedTasksRunInTheSessionAndUnderTheSubmittingSpan() {
    Turn turn = view.getSession(AsyncContext.SESSION).getTurns().get(0);
    SpanNode root = turn.getRoots().get(0);
    List<String> expected =
        new ArrayList<>(
            List.of(
                "taskWrapping: chapter 1",
                "taskWrapping: chapter 2",
                "taskWrapping: chapter 3",
                "CompletableFuture: fetch",
                "CompletableFuture: rank"));
    if (VIRTUAL_THREADS) {
      expected.addAll(List.of("virtual thread: figure 1", "virtual thread: figure 2"));
    }

    assertThat(root.getName()).isEqualTo("research-report");
    assertThat(root.getChildren())
        .extracting(SpanNode::getName)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(turn.preOrder())
        .allSatisfy(
            node -> {
              assertThat(node.getSessionId()).isEqualTo(AsyncContext.SESSION);
              assertThat(node.getUserId()).isEqualTo("carol");
            });
  }

  @Test
  void plainPoolTaskLosesTheContext() {
    assertThat(view.getSpansWithoutSession())
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.getName()).isEqualTo("plain pool: lost context");
              assertThat(span.getParentSpanContext().isValid()).isFalse();
            });
  }

  @Test
  void virtualThreadsRunWhenTheJdkHasThemAndAreSkippedOtherwise() {
    assertThat(AsyncContext.newVirtualThreadExecutor() != null).isEqualTo(VIRTUAL_THREADS);
    assertThat(printed).contains(VIRTUAL_THREADS ? "Virtual threads: ran 2 tasks" : "skipped");
  }
}
