/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.turns;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.TraceConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TurnFillerTest {

  private static final String TEXT = "text/plain";
  private static final String JSON = "application/json";

  private final TurnFiller filler = TurnFiller.create(TraceConfig.builder().build());

  private static SpanData last(Collection<SpanData> batch) {
    List<SpanData> list = new ArrayList<>(batch);
    return list.get(list.size() - 1);
  }

  /** Exports the spans one batch each, in order, and returns what the last batch sent. */
  private SpanData exportOneByOne(TurnFiller filler, SpanData... spans) {
    Collection<SpanData> sent = null;
    for (SpanData span : spans) {
      sent = filler.fill(Collections.singletonList(span));
    }
    return last(sent);
  }

  @Test
  void httpRootTakesTheQuestionAndAnswerOfItsModelCall() {
    Spans t = Spans.trace(1);
    Spans.Builder root = t.span("POST /chat", null).kind("CHAIN");
    SpanData llm =
        t.span("chat gpt-4o", root.id())
            .kind("LLM")
            .input("[{\"role\":\"user\",\"content\":\"Where is my order?\"}]", JSON)
            .inputMessage(0, "system", "You are helpful.")
            .inputMessage(1, "user", "Where is my order?")
            .outputMessage(0, "assistant", "It ships tomorrow.")
            .build();

    SpanData filled = exportOneByOne(filler, llm, root.build());

    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo("Where is my order?");
    assertThat(filled.getAttributes().get(INPUT_MIME_TYPE)).isEqualTo(TEXT);
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("It ships tomorrow.");
    assertThat(filled.getAttributes().get(OUTPUT_MIME_TYPE)).isEqualTo(TEXT);
    assertThat(filled.getTotalAttributeCount()).isEqualTo(filled.getAttributes().size());
    assertThat(filler.getRetainedSpanCount()).isZero();
    assertThat(filler.getRetainedTraceCount()).isZero();
  }

  @Test
  void agentSpansValuesBeatTheInnerModelCalls() {
    Spans t = Spans.trace(2);
    Spans.Builder root = t.span("POST /chat", null).kind("CHAIN");
    Spans.Builder agent =
        t.span("support-agent", root.id())
            .kind("AGENT")
            .input("{\"question\":\"refund?\"}", JSON)
            .output("Refund issued.", TEXT);
    SpanData llm =
        t.span("chat", agent.id())
            .kind("LLM")
            .inputMessage(0, "user", "inner prompt")
            .outputMessage(0, "assistant", "inner answer")
            .build();

    SpanData filled = exportOneByOne(filler, llm, agent.build(), root.build());

    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo("{\"question\":\"refund?\"}");
    assertThat(filled.getAttributes().get(INPUT_MIME_TYPE)).isEqualTo(JSON);
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("Refund issued.");
    assertThat(filled.getAttributes().get(OUTPUT_MIME_TYPE)).isEqualTo(TEXT);
  }

  @Test
  void anAgentDeeperThanAModelCallStillWinsAndTheClosestAgentOrChainWinsAmongThem() {
    Spans t = Spans.trace(3);
    Spans.Builder root = t.span("GET /", null);
    SpanData router =
        t.span("router", root.id())
            .kind("LLM")
            .inputMessage(0, "user", "route this")
            .outputMessage(0, "assistant", "to support")
            .build();
    Spans.Builder controller = t.span("controller", root.id()).kind("CHAIN");
    Spans.Builder outer =
        t.span("outer agent", controller.id()).kind("AGENT").input("outer in", TEXT);
    SpanData inner =
        t.span("inner chain", outer.id())
            .kind("CHAIN")
            .input("inner in", TEXT)
            .output("inner out", TEXT)
            .build();

    SpanData filled =
        exportOneByOne(filler, router, inner, outer.build(), controller.build(), root.build());

    // Input from the closest (outer) agent; it has no output, so the next closest one's.
    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo("outer in");
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("inner out");
  }

  @Test
  void withoutAgentOrChainValuesTheFirstCallsQuestionAndTheLastCallsAnswerAreTaken() {
    Spans t = Spans.trace(4);
    Spans.Builder root = t.span("POST /chat", null).kind("CHAIN");
    Spans.Builder chain = t.span("handler", root.id()).kind("CHAIN");
    SpanData first =
        t.span("chat 1", chain.id())
            .kind("LLM")
            .time(100, 200)
            .inputMessage(0, "system", "be brief")
            .inputMessage(1, "user", "an earlier question")
            .inputMessage(2, "assistant", "an earlier answer")
            .inputMessage(3, "USER", "What is the weather in Paris?")
            .outputMessage(0, "assistant", "")
            .build();
    SpanData tool =
        t.span("get_weather", chain.id())
            .kind("TOOL")
            .time(210, 220)
            .input("{\"city\":\"Paris\"}", JSON)
            .output("{\"c\":21}", JSON)
            .build();
    SpanData second =
        t.span("chat 2", chain.id())
            .kind("LLM")
            .time(230, 300)
            .inputMessage(0, "user", "What is the weather in Paris?")
            .inputMessage(1, "tool", "{\"c\":21}")
            .outputMessage(0, "assistant", "21 degrees and sunny.")
            .build();

    SpanData chainSpan = chain.build();
    Collection<SpanData> sent =
        filler.fill(Arrays.asList(first, tool, second, chainSpan, root.build()));

    SpanData filled = last(sent);
    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo("What is the weather in Paris?");
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("21 degrees and sunny.");
    // The other spans are sent as they came, in order.
    assertThat(new ArrayList<>(sent).subList(0, 4)).containsExactly(first, tool, second, chainSpan);
  }

  @Test
  void modelCallMessagesInContentPartsAreReadWhenThereIsNoContent() {
    Spans t = Spans.trace(5);
    Spans.Builder root = t.span("POST /chat", null);
    SpanData llm =
        t.span("chat", root.id())
            .kind("LLM")
            .attribute("llm.input_messages.0.message.role", "user")
            .attribute("llm.input_messages.0.message.contents.0.message_content.type", "text")
            .attribute("llm.input_messages.0.message.contents.0.message_content.text", "Look at")
            .attribute("llm.input_messages.0.message.contents.1.message_content.text", "this.")
            .output("{\"answer\":\"a cat\"}", JSON)
            .build();

    SpanData filled = exportOneByOne(filler, llm, root.build());

    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo("Look at\nthis.");
    // No assistant text: the call's own output value, with its mime type.
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("{\"answer\":\"a cat\"}");
    assertThat(filled.getAttributes().get(OUTPUT_MIME_TYPE)).isEqualTo(JSON);
  }

  @Test
  void toolValuesAreTakenOnlyWhenNothingElseHasAny() {
    Spans t = Spans.trace(6);
    Spans.Builder root = t.span("job", null);
    SpanData tool =
        t.span("lookup", root.id()).kind("TOOL").input("id=7", TEXT).output("found", TEXT).build();

    SpanData filled = exportOneByOne(filler, tool, root.build());

    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo("id=7");
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("found");
  }

  @Test
  void aRootsOwnValuesAndMimeTypesAreNeverOverwritten() {
    Spans t = Spans.trace(7);
    Spans.Builder root =
        t.span("turn", null)
            .kind("AGENT")
            .input("the explicit question", JSON)
            .attribute("output.mime_type", "text/markdown");
    SpanData child =
        t.span("step", root.id())
            .kind("CHAIN")
            .input("child in", TEXT)
            .output("child out", TEXT)
            .build();

    SpanData filled = exportOneByOne(filler, child, root.build());

    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo("the explicit question");
    assertThat(filled.getAttributes().get(INPUT_MIME_TYPE)).isEqualTo(JSON);
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("child out");
    assertThat(filled.getAttributes().get(OUTPUT_MIME_TYPE)).isEqualTo("text/markdown");
  }

  @Test
  void aRootValueOfAnotherTypeCountsAsExplicit() {
    Spans t = Spans.trace(14);
    Spans.Builder root = t.span("turn", null);
    SpanData child =
        t.span("step", root.id()).kind("CHAIN").input("child in", TEXT).output("out", TEXT).build();
    SpanData rootSpan =
        TestSpanData.builder()
            .setName("turn")
            .setKind(SpanKind.SERVER)
            .setSpanContext(
                SpanContext.create(
                    child.getTraceId(),
                    root.id(),
                    TraceFlags.getSampled(),
                    TraceState.getDefault()))
            .setStartEpochNanos(1)
            .setEndEpochNanos(3)
            .setStatus(StatusData.unset())
            .setHasEnded(true)
            .setAttributes(Attributes.of(AttributeKey.longKey("input.value"), 42L))
            .setTotalAttributeCount(1)
            .build();

    SpanData filled = exportOneByOne(filler, child, rootSpan);

    assertThat(filled.getAttributes().get(INPUT_VALUE)).isNull();
    assertThat(filled.getAttributes().get(AttributeKey.longKey("input.value"))).isEqualTo(42L);
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("out");
  }

  @Test
  void aRootWithBothValuesIsSentAsTheSameObject() {
    Spans t = Spans.trace(8);
    Spans.Builder root = t.span("turn", null).input("q", TEXT).output("a", TEXT);
    SpanData child = t.span("step", root.id()).kind("CHAIN").input("x", TEXT).build();
    SpanData rootSpan = root.build();
    List<SpanData> batch = Arrays.asList(child, rootSpan);

    assertThat(filler.fill(batch)).isSameAs(batch);
    assertThat(filler.getRetainedSpanCount()).isZero();
  }

  @Test
  void aModelCallRootTakesItsOwnMessages() {
    Spans t = Spans.trace(9);
    SpanData root =
        t.span("chat", null)
            .kind("LLM")
            .inputMessage(0, "user", "hi")
            .outputMessage(0, "assistant", "hello")
            .build();

    SpanData filled = last(filler.fill(Collections.singletonList(root)));

    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo("hi");
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo("hello");
  }

  @Test
  void aRootExportedBeforeItsChildrenInTheSameBatchIsStillFilled() {
    Spans t = Spans.trace(10);
    Spans.Builder root = t.span("POST /chat", null);
    SpanData agent =
        t.span("agent", root.id()).kind("AGENT").input("q", TEXT).output("a", TEXT).build();

    List<SpanData> sent = new ArrayList<>(filler.fill(Arrays.asList(root.build(), agent)));

    assertThat(sent.get(0).getAttributes().get(INPUT_VALUE)).isEqualTo("q");
    assertThat(sent.get(1)).isSameAs(agent);
  }

  @Test
  void aRootExportedInAnEarlierBatchThanItsChildrenStaysAsItIsAndItsLateChildrenAreNotKept() {
    Spans t = Spans.trace(11);
    Spans.Builder root = t.span("POST /chat", null);
    SpanData rootSpan = root.build();
    SpanData late =
        t.span("agent", root.id()).kind("AGENT").input("q", TEXT).output("a", TEXT).build();

    assertThat(last(filler.fill(Collections.singletonList(rootSpan)))).isSameAs(rootSpan);
    filler.fill(Collections.singletonList(late));

    assertThat(filler.getRetainedSpanCount()).isZero();
    assertThat(filler.getRetainedTraceCount()).isZero();
  }

  @Test
  void aRootUnderARemoteParentTakesValuesFromItsOwnSubtreeOnly() {
    // One process holds both sides of an HTTP call: the server span has a remote parent, so it
    // is the root of its own turn, and the caller's root must not take the server's values.
    Spans t = Spans.trace(12);
    Spans.Builder top = t.span("POST /chat", null);
    Spans.Builder client = t.span("GET /accounts", top.id());
    Spans.Builder server = t.span("GET /accounts (server)", client.id()).remoteParent();
    SpanData serviceStep =
        t.span("load account", server.id())
            .kind("CHAIN")
            .input("account 42", TEXT)
            .output("{\"plan\":\"pro\"}", JSON)
            .build();
    SpanData agent =
        t.span("agent", top.id())
            .kind("AGENT")
            .time(500, 900)
            .input("What plan am I on?", TEXT)
            .output("You are on pro.", TEXT)
            .build();

    SpanData filledServer = exportOneByOne(filler, serviceStep, server.build());
    assertThat(filledServer.getAttributes().get(INPUT_VALUE)).isEqualTo("account 42");
    assertThat(filler.getRetainedSpanCount()).isZero();

    SpanData filledTop = exportOneByOne(filler, client.build(), agent, top.build());
    assertThat(filledTop.getAttributes().get(INPUT_VALUE)).isEqualTo("What plan am I on?");
    assertThat(filledTop.getAttributes().get(OUTPUT_VALUE)).isEqualTo("You are on pro.");
    assertThat(filler.getRetainedSpanCount()).isZero();
  }

  @Test
  void whatTheRootsMaskingHidesIsNotAdded() {
    TurnFiller masking =
        TurnFiller.create(TraceConfig.builder().setHideInputs(true).setHideOutputs(true).build());
    Spans t = Spans.trace(13);
    Spans.Builder root = t.span("POST /chat", null);
    // As masking leaves a child: values redacted, mime types dropped, messages dropped.
    SpanData agent =
        t.span("agent", root.id())
            .kind("AGENT")
            .attribute("input.value", TraceConfig.REDACTED_VALUE)
            .attribute("output.value", TraceConfig.REDACTED_VALUE)
            .build();
    SpanData llm =
        t.span("chat", agent.getSpanId()).kind("LLM").outputMessage(0, "assistant", "x").build();

    SpanData filled = exportOneByOne(masking, llm, agent, root.build());

    assertThat(filled.getAttributes().get(INPUT_VALUE)).isEqualTo(TraceConfig.REDACTED_VALUE);
    assertThat(filled.getAttributes().get(OUTPUT_VALUE)).isEqualTo(TraceConfig.REDACTED_VALUE);
    assertThat(filled.getAttributes().get(INPUT_MIME_TYPE)).isNull();
    assertThat(filled.getAttributes().get(OUTPUT_MIME_TYPE)).isNull();
  }

  @Test
  void tracesPastTheLimitAreForgottenOldestFirst() {
    TurnFiller small =
        TurnFiller.create(
            TraceConfig.builder().build(), TestClock.create(), 2, 3, 100, 1000, Long.MAX_VALUE);
    List<Spans.Builder> roots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Spans t = Spans.trace(100 + i);
      Spans.Builder root = t.span("root " + i, null);
      roots.add(root);
      small.fill(
          Collections.singletonList(
              t.span("agent", root.id()).kind("AGENT").input("q" + i, TEXT).build()));
    }

    assertThat(small.getRetainedTraceCount()).isEqualTo(2);
    assertThat(small.getForgottenTraceCount()).isEqualTo(1);
    assertThat(
            last(small.fill(Collections.singletonList(roots.get(0).build())))
                .getAttributes()
                .get(INPUT_VALUE))
        .isNull();
    assertThat(
            last(small.fill(Collections.singletonList(roots.get(2).build())))
                .getAttributes()
                .get(INPUT_VALUE))
        .isEqualTo("q2");
  }

  @Test
  void aTraceKeepsAtMostItsSpanLimit() {
    TurnFiller small =
        TurnFiller.create(
            TraceConfig.builder().build(), TestClock.create(), 10, 3, 100, 1000, Long.MAX_VALUE);
    Spans t = Spans.trace(200);
    Spans.Builder root = t.span("root", null);
    for (int i = 0; i < 5; i++) {
      small.fill(Collections.singletonList(t.span("step " + i, root.id()).build()));
    }

    assertThat(small.getRetainedSpanCount()).isEqualTo(3);
  }

  @Test
  void valuesPastTheCharacterBudgetAreNotKept() {
    TurnFiller small =
        TurnFiller.create(
            TraceConfig.builder().build(), TestClock.create(), 10, 10, 100, 10, Long.MAX_VALUE);
    Spans t = Spans.trace(300);
    Spans.Builder root = t.span("root", null);
    small.fill(
        Collections.singletonList(
            t.span("agent", root.id()).kind("AGENT").input("0123456789ABC", TEXT).build()));

    assertThat(small.getRetainedValueChars()).isZero();
    assertThat(small.getRetainedSpanCount()).isEqualTo(1);
    assertThat(
            last(small.fill(Collections.singletonList(root.build())))
                .getAttributes()
                .get(INPUT_VALUE))
        .isNull();
  }

  @Test
  void tracesOlderThanTheAgeLimitAreForgotten() {
    TestClock clock = TestClock.create();
    TurnFiller aging =
        TurnFiller.create(
            TraceConfig.builder().build(), clock, 10, 10, 100, 1000, TimeUnit.MINUTES.toNanos(5));
    Spans t = Spans.trace(400);
    Spans.Builder root = t.span("root", null);
    aging.fill(
        Collections.singletonList(
            t.span("agent", root.id()).kind("AGENT").input("q", TEXT).build()));
    clock.advance(Duration.ofMinutes(5));

    SpanData sent = last(aging.fill(Collections.singletonList(root.build())));

    assertThat(sent.getAttributes().get(INPUT_VALUE)).isNull();
    assertThat(aging.getRetainedTraceCount()).isZero();
    assertThat(aging.getForgottenTraceCount()).isEqualTo(1);
  }

  @Test
  void aMillionSpansLeaveTheRetainedStateWithinItsLimitsAndItStopsGrowing() {
    // Half the traces never see their root (lost, or exported elsewhere): the worst case for
    // memory. The retained counts must reach a plateau at the limits and stay there. One more
    // trace, whose root never comes either, gets a span in every batch: 100,000 spans in all.
    Spans giant = Spans.trace(999);
    String giantRoot = giant.newSpanId();
    String giantTraceId = giant.span("x", giantRoot).build().getTraceId();
    int maxGiant = 0;
    int spansPerTrace = 10;
    int traces = 100_000;
    int batchSize = 512;
    List<SpanData> batch = new ArrayList<>(batchSize);
    int maxFirstHalf = 0;
    int maxSecondHalf = 0;
    long maxChars = 0;
    int maxTraces = 0;
    long exported = 0;
    for (int i = 0; i < traces; i++) {
      Spans t = Spans.trace(1_000_000L + i);
      Spans.Builder root = t.span("root", null);
      for (int s = 0; s < spansPerTrace - 1; s++) {
        batch.add(t.span("step", root.id()).kind("CHAIN").input("question " + i, TEXT).build());
      }
      if (i % 2 == 0) {
        batch.add(root.build());
      }
      batch.add(giant.span("giant step", giantRoot).input("more", TEXT).build());
      if (batch.size() >= batchSize) {
        filler.fill(batch);
        exported += batch.size();
        batch = new ArrayList<>(batchSize);
        int retained = filler.getRetainedSpanCount();
        if (i < traces / 2) {
          maxFirstHalf = Math.max(maxFirstHalf, retained);
        } else {
          maxSecondHalf = Math.max(maxSecondHalf, retained);
        }
        maxChars = Math.max(maxChars, filler.getRetainedValueChars());
        maxTraces = Math.max(maxTraces, filler.getRetainedTraceCount());
        maxGiant = Math.max(maxGiant, filler.getRetainedSpanCount(giantTraceId));
      }
    }
    filler.fill(batch);
    exported += batch.size();

    assertThat(exported).isGreaterThanOrEqualTo(1_000_000);
    assertThat(maxGiant).isEqualTo(TurnFiller.MAX_SPANS_PER_TRACE);
    assertThat(maxFirstHalf).isLessThanOrEqualTo(TurnFiller.MAX_SPANS);
    assertThat(maxSecondHalf).isLessThanOrEqualTo(maxFirstHalf);
    assertThat(maxTraces).isLessThanOrEqualTo(TurnFiller.MAX_TRACES);
    assertThat(maxChars).isLessThanOrEqualTo(TurnFiller.MAX_VALUE_CHARS);
    assertThat(filler.getFinishedTraceCount()).isLessThanOrEqualTo(TurnFiller.FINISHED_TRACES);
    // The lost traces were forgotten as the limit was reached, not kept.
    assertThat(filler.getForgottenTraceCount()).isGreaterThan(traces / 2 - TurnFiller.MAX_TRACES);
  }

  @Test
  void completeTracesLeaveNothingBehind() {
    for (int i = 0; i < 10_000; i++) {
      Spans t = Spans.trace(2_000_000L + i);
      Spans.Builder root = t.span("root", null);
      Spans.Builder agent = t.span("agent", root.id()).kind("AGENT").input("q", TEXT);
      filler.fill(Collections.singletonList(t.span("llm", agent.id()).kind("LLM").build()));
      filler.fill(Arrays.asList(agent.build(), root.build()));
    }

    assertThat(filler.getRetainedSpanCount()).isZero();
    assertThat(filler.getRetainedTraceCount()).isZero();
    assertThat(filler.getRetainedValueChars()).isZero();
    assertThat(filler.getForgottenTraceCount()).isZero();
  }
}
