/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionViewTest {

  // 2026-01-01T10:00:00Z
  private static final long T0 = 1_767_261_600_000_000_000L;
  private static final long MS = 1_000_000L;

  private final InMemorySpanExporter memory = InMemorySpanExporter.create();
  private final OtlpReceiver receiver = OtlpReceiver.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(memory))
          // Batch, not simple: the OkHttp sender rejects more than 5 concurrent exports.
          .addSpanProcessor(
              BatchSpanProcessor.builder(
                      OtlpHttpSpanExporter.builder()
                          .setEndpoint(receiver.getHttpTracesEndpoint())
                          .build())
                  .build())
          .build();
  private final Tracer tracer = provider.get("session-view-test");

  @AfterEach
  void close() {
    provider.close();
    receiver.close();
  }

  @Test
  void groupsSessionsTurnsAndSpanTreesInTimeOrder() {
    emitConversation();
    List<SpanData> spans = new ArrayList<>(memory.getFinishedSpanItems());
    // Arrival order must not matter.
    Collections.reverse(spans);

    SessionView view = SessionView.from(spans);

    assertThat(view.getSpanCount()).isEqualTo(9);
    assertThat(view.getTraceCount()).isEqualTo(4);
    assertThat(view.getSessions()).extracting(Session::getId).containsExactly("chat-42", "chat-7");

    Session chat42 = view.getSession("chat-42");
    assertThat(chat42).isNotNull();
    assertThat(chat42.getUserIds()).containsExactly("alice");
    assertThat(chat42.getSpanCount()).isEqualTo(6);
    assertThat(chat42.getTurns())
        .extracting(Turn::getInput)
        .containsExactly("What is OpenInference?", LONG_QUESTION);
    Turn first = chat42.getTurns().get(0);
    assertThat(first.getOutput()).isEqualTo("A set of conventions for tracing AI apps.");
    assertThat(first.getTags()).containsExactly("demo");
    assertThat(first.getSpansWithoutSession()).isEqualTo(1);
    assertThat(first.getRoots())
        .singleElement()
        .satisfies(
            root -> {
              assertThat(root.getName()).isEqualTo("agent");
              assertThat(root.getSpanKind()).isEqualTo("AGENT");
              assertThat(root.getChildren())
                  .extracting(SpanNode::getName)
                  .containsExactly("chat gpt-4o", "search");
              assertThat(root.getChildren().get(0).getChildren())
                  .extracting(SpanNode::getName)
                  .containsExactly("POST /v1/chat");
              assertThat(root.getChildren().get(0).getTokenCounts().getTotal()).isEqualTo(50);
            });
    // Turn 2's root repeats its child's tokens; they are counted once.
    assertThat(chat42.getTurns().get(1).getTokenCounts().getTotal()).isEqualTo(50);
    assertThat(chat42.getTokenCounts().getPrompt()).isEqualTo(70);
    assertThat(chat42.getTokenCounts().getCompletion()).isEqualTo(30);
    assertThat(chat42.getTokenCounts().getTotal()).isEqualTo(100);

    assertThat(view.getSession("chat-7").getUserIds()).containsExactly("bob");
    assertThat(view.getTracesWithoutSession())
        .singleElement()
        .satisfies(t -> assertThat(t.getRoots().get(0).getName()).isEqualTo("background-job"));
    assertThat(view.getSpansWithoutSession())
        .extracting(SpanData::getName)
        .containsExactly("background-job", "db-query", "POST /v1/chat");
    assertThat(view.getSpansWithSessionCount()).isEqualTo(6);
  }

  @Test
  void rendersWhatPhoenixSessionsTabShows() {
    emitConversation();

    String rendered = SessionView.from(memory.getFinishedSpanItems()).render(60);

    assertThat(rendered)
        .isEqualTo(
            """
            Sessions: 2, traces: 4, spans: 9

            Session chat-42
              users: alice
              turns: 2, spans: 6, tokens: 100 (prompt 70, completion 30)

              Turn 1  2026-01-01T10:00:00Z  1200 ms  trace %s
                user: alice  tags: demo  tokens: 50 (prompt 30, completion 20)
                in:  What is OpenInference?
                out: A set of conventions for tracing AI apps.
                agent [AGENT] 1200 ms
                |-- chat gpt-4o [LLM] 800 ms  tokens 30+20=50
                |   `-- POST /v1/chat [no kind] 100 ms  (no session.id)
                `-- search [TOOL] 200 ms  ERROR: index offline

              Turn 2  2026-01-01T10:00:10Z  500 ms  trace %s
                user: alice  tags: demo, followup  tokens: 50 (prompt 40, completion 10)
                in:  And how do sessions work? Explain in detail, with example...
                out: Spans carry session.id.
                agent [AGENT] 500 ms  tokens 40+10=50
                `-- chat gpt-4o [LLM] 300 ms  tokens 40+10=50

            Session chat-7
              users: bob
              turns: 1, spans: 1, tokens: none

              Turn 1  2026-01-01T10:00:05Z  20 ms  trace %s
                user: bob
                in:  hi
                out: hello
                chain [CHAIN] 20 ms

            Without a session: 1 trace, 2 spans

              Trace  2026-01-01T09:58:20Z  50 ms  trace %s
                background-job [CHAIN] 50 ms
                `-- db-query [no kind] 10 ms

            every span carries its session: 6/9  <- 3 without session.id: background-job, db-query, POST /v1/chat
            """
                .formatted(
                    traceOf("agent", T0), traceOf("agent", T0 + 10_000 * MS),
                    traceOf("chain", T0 + 5_000 * MS),
                        traceOf("background-job", T0 - 100_000 * MS)));
  }

  @Test
  void viewOfSpansReceivedOverOtlpMatchesTheViewOfWhatWasSent() {
    emitConversation();
    provider.forceFlush().join(10, TimeUnit.SECONDS);

    List<SpanData> received = receiver.awaitSpans(9, Duration.ofSeconds(10));

    assertThat(SessionView.from(received).render())
        .isEqualTo(SessionView.from(memory.getFinishedSpanItems()).render());
  }

  @Test
  void traceWithTwoSessionsIsATurnOfBothAndMarksTheOtherSessionsSpans() {
    Span root =
        start("outer", null, T0, attrs("session.id", "A", "openinference.span.kind", "CHAIN"));
    Span inner =
        start("inner", root, T0 + MS, attrs("session.id", "B", "openinference.span.kind", "LLM"));
    inner.end(T0 + 2 * MS, TimeUnit.NANOSECONDS);
    root.end(T0 + 3 * MS, TimeUnit.NANOSECONDS);

    SessionView view = SessionView.from(memory.getFinishedSpanItems());

    assertThat(view.getSessions()).extracting(Session::getId).containsExactly("A", "B");
    assertThat(view.getSession("A").getTurns().get(0).getTraceId())
        .isEqualTo(view.getSession("B").getTurns().get(0).getTraceId());
    assertThat(view.render())
        .contains("    `-- inner [LLM] 1 ms  (session B)\n")
        .contains("    `-- inner [LLM] 1 ms\n")
        .contains("every span carries its session: 2/2\n");
  }

  @Test
  void valuesThatTheRootSpanDoesNotCarryAreMarked() {
    Span root = start("POST /chat", null, T0, attrs("session.id", "S", "output.value", "answer"));
    start(
            "agent",
            root,
            T0 + MS,
            attrs("session.id", "S", "input.value", "question", "output.value", "inner answer"))
        .end(T0 + 2 * MS, TimeUnit.NANOSECONDS);
    root.end(T0 + 3 * MS, TimeUnit.NANOSECONDS);

    String rendered = SessionView.from(memory.getFinishedSpanItems()).render();

    assertThat(rendered)
        .contains("    in:  (not on the root span) question\n")
        .contains("    out: answer\n");
  }

  @Test
  void emptyViewRendersZeroCounts() {
    SessionView view = SessionView.from(Collections.<SpanData>emptyList());

    assertThat(view.getSessions()).isEmpty();
    assertThat(view.render())
        .isEqualTo("Sessions: 0, traces: 0, spans: 0\n\nevery span carries its session: 0/0\n");
    assertThat(view.toString()).contains("sessions=0");
  }

  @Test
  void oneLineCollapsesWhitespaceAndCutsWithoutSplittingSurrogates() {
    assertThat(SessionViewRenderer.oneLine("a\n  b\tc ", 80)).isEqualTo("a b c");
    assertThat(SessionViewRenderer.oneLine("abcdefghijklmnop", 10)).isEqualTo("abcdefg...");
    // U+1F600 is two chars; cutting at 7 would split it.
    assertThat(SessionViewRenderer.oneLine("abcdef\uD83D\uDE00ghijk", 10)).isEqualTo("abcdef...");
  }

  private static final String LONG_QUESTION =
      "And how do sessions work?\nExplain in detail, with examples, and cover users and tags too.";

  /** Four traces: two turns of chat-42, one of chat-7, one background job with no session. */
  private void emitConversation() {
    // Turn 1 of chat-42.
    Span agent =
        start(
            "agent",
            null,
            T0,
            attrs(
                "session.id", "chat-42",
                "user.id", "alice",
                "openinference.span.kind", "AGENT",
                "input.value", "What is OpenInference?",
                "output.value", "A set of conventions for tracing AI apps."),
            tags("demo"));
    Span llm =
        start(
            "chat gpt-4o",
            agent,
            T0 + 100 * MS,
            attrs("session.id", "chat-42", "user.id", "alice", "openinference.span.kind", "LLM"));
    llm.setAttribute("llm.token_count.prompt", 30L);
    llm.setAttribute("llm.token_count.completion", 20L);
    llm.setAttribute("llm.token_count.total", 50L);
    // An HTTP client span from instrumentation that nothing stamped.
    Span http = start("POST /v1/chat", llm, T0 + 200 * MS, attrs());
    http.end(T0 + 300 * MS, TimeUnit.NANOSECONDS);
    llm.end(T0 + 900 * MS, TimeUnit.NANOSECONDS);
    Span search =
        start(
            "search",
            agent,
            T0 + 950 * MS,
            attrs("session.id", "chat-42", "user.id", "alice", "openinference.span.kind", "TOOL"));
    search.setStatus(StatusCode.ERROR, "index offline");
    search.end(T0 + 1150 * MS, TimeUnit.NANOSECONDS);
    agent.end(T0 + 1200 * MS, TimeUnit.NANOSECONDS);

    // A background job before everything, with no session.
    Span job =
        start("background-job", null, T0 - 100_000 * MS, attrs("openinference.span.kind", "CHAIN"));
    start("db-query", job, T0 - 99_990 * MS, attrs()).end(T0 - 99_980 * MS, TimeUnit.NANOSECONDS);
    job.end(T0 - 99_950 * MS, TimeUnit.NANOSECONDS);

    // Turn 2 of chat-42, ten seconds later; its root repeats the LLM's token counts.
    long t2 = T0 + 10_000 * MS;
    Span agent2 =
        start(
            "agent",
            null,
            t2,
            attrs(
                "session.id", "chat-42",
                "user.id", "alice",
                "openinference.span.kind", "AGENT",
                "input.value", LONG_QUESTION,
                "output.value", "Spans carry session.id."),
            tags("demo", "followup"));
    agent2.setAttribute("llm.token_count.prompt", 40L);
    agent2.setAttribute("llm.token_count.completion", 10L);
    Span llm2 =
        start(
            "chat gpt-4o",
            agent2,
            t2 + 100 * MS,
            attrs("session.id", "chat-42", "user.id", "alice", "openinference.span.kind", "LLM"));
    llm2.setAttribute("llm.token_count.prompt", 40L);
    llm2.setAttribute("llm.token_count.completion", 10L);
    llm2.end(t2 + 400 * MS, TimeUnit.NANOSECONDS);
    agent2.end(t2 + 500 * MS, TimeUnit.NANOSECONDS);

    // chat-7, between the two turns of chat-42.
    long t3 = T0 + 5_000 * MS;
    start(
            "chain",
            null,
            t3,
            attrs(
                "session.id", "chat-7",
                "user.id", "bob",
                "openinference.span.kind", "CHAIN",
                "input.value", "hi",
                "output.value", "hello"))
        .end(t3 + 20 * MS, TimeUnit.NANOSECONDS);
  }

  private Span start(String name, @Nullable Span parent, long startNanos, List<String> attributes) {
    return start(name, parent, startNanos, attributes, null);
  }

  private Span start(
      String name,
      @Nullable Span parent,
      long startNanos,
      List<String> attributes,
      @Nullable List<String> tags) {
    SpanBuilder builder =
        tracer
            .spanBuilder(name)
            .setParent(parent == null ? Context.root() : Context.root().with(parent))
            .setStartTimestamp(startNanos, TimeUnit.NANOSECONDS);
    for (int i = 0; i < attributes.size(); i += 2) {
      builder.setAttribute(attributes.get(i), attributes.get(i + 1));
    }
    if (tags != null) {
      builder.setAttribute(AttributeKey.stringArrayKey("tag.tags"), tags);
    }
    return builder.startSpan();
  }

  private static List<String> attrs(String... keyValues) {
    return Arrays.asList(keyValues);
  }

  private static List<String> tags(String... tags) {
    return Arrays.asList(tags);
  }

  private String traceOf(String rootName, long start) {
    List<String> ids =
        memory.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals(rootName) && s.getStartEpochNanos() == start)
            .map(SpanData::getTraceId)
            .collect(Collectors.toList());
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }
}
