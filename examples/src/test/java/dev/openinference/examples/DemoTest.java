/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.Session;
import dev.openinference.testing.SessionView;
import dev.openinference.testing.SpanNode;
import dev.openinference.testing.Turn;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo end to end, in process: real OTLP to the embedded receiver, then its session view. */
class DemoTest {

  private static SessionView view;
  private static String printed;

  @BeforeAll
  static void runDemo() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      view = Demo.runLocally(out);
    }
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySpanCarriesTheSessionOfItsConversation() {
    assertThat(view.getSpanCount()).isEqualTo(54);
    assertThat(view.getSpansWithSessionCount()).isEqualTo(view.getSpanCount());
    assertThat(view.getTracesWithoutSession()).isEmpty();
    for (Session session : view.getSessions()) {
      for (Turn turn : session.getTurns()) {
        assertThat(turn.preOrder())
            .as("turn %s of %s", turn.getInput(), session.getId())
            .allSatisfy(node -> assertThat(node.getSessionId()).isEqualTo(session.getId()));
      }
    }
    assertThat(printed).contains("every span carries its session: 54/54");
  }

  @Test
  void theThumbsUpAndTheSessionVerdictReachTheFakePhoenixAndTheSessionsPrintout() {
    Session bob = view.getSession("conv-bob-1");
    assertThat(bob.getFeedback())
        .singleElement()
        .satisfies(
            verdict -> {
              assertThat(verdict.getName()).isEqualTo("resolved");
              assertThat(verdict.getLabel()).isEqualTo("yes");
              assertThat(verdict.getAnnotatorKind()).isEqualTo("CODE");
            });
    Turn rated = bob.getTurns().get(2);
    assertThat(rated.getFeedback())
        .singleElement()
        .satisfies(
            thumbsUp -> {
              assertThat(thumbsUp.getTarget()).isEqualTo("trace");
              assertThat(thumbsUp.getTargetId()).isEqualTo(rated.getTraceId());
              assertThat(thumbsUp.getLabel()).isEqualTo("thumbs_up");
            });
    assertThat(bob.getTurns().get(0).getFeedback()).isEmpty();
    assertThat(view.getSession("conv-alice-1").getFeedback()).isEmpty();
    assertThat(printed)
        .contains("  feedback: resolved = yes, 1.0 (CODE)")
        .contains("    feedback: user_feedback = thumbs_up, 1.0 (HUMAN) \"found the reset link\"");
  }

  @Test
  void sessionsAndUsersFollowTheConversations() {
    assertThat(view.getSessions())
        .extracting(Session::getId)
        .containsExactly("conv-bob-1", "conv-alice-1", "conv-bob-2");
    assertThat(view.getSession("conv-bob-1").getUserIds()).containsExactly("bob");
    assertThat(view.getSession("conv-alice-1").getUserIds()).containsExactly("alice");
    assertThat(view.getSession("conv-bob-2").getUserIds()).containsExactly("bob");
  }

  @Test
  void turnsAreInTheOrderTheyWereAsked() {
    for (Conversation conversation : Conversation.DEMO) {
      assertThat(view.getSession(conversation.sessionId()).getTurns())
          .extracting(Turn::getInput)
          .containsExactlyElementsOf(conversation.questions());
    }
  }

  @Test
  void theModelRemembersBobsNameWithinTheConversationOnly() {
    List<Turn> first = view.getSession("conv-bob-1").getTurns();
    assertThat(first.get(1).getInput()).isEqualTo("what's my name?");
    assertThat(first.get(1).getOutput()).isEqualTo("Your name is Bob.");

    List<Turn> second = view.getSession("conv-bob-2").getTurns();
    assertThat(second.get(0).getInput()).isEqualTo("what's my name?");
    assertThat(second.get(0).getOutput()).doesNotContain("Bob").contains("don't know your name");

    // It knew because the first turn was among the messages it was sent.
    SpanData llm = only(first.get(1), "LLM").getSpan();
    assertThat(llm)
        .hasAttribute(SemanticConventions.llmInputMessage(1).content(), "hi! I'm Bob")
        .hasAttribute(SemanticConventions.llmInputMessage(3).content(), "what's my name?")
        .hasAttribute(SemanticConventions.llmOutputMessage(0).content(), "Your name is Bob.");
  }

  @Test
  void eachTurnIsAnAgentWithARetrievalAToolCallOverHttpAndAModelCall() {
    for (Session session : view.getSessions()) {
      for (Turn turn : session.getTurns()) {
        assertThat(turn.getRoots())
            .singleElement()
            .satisfies(
                root -> {
                  assertThat(root.getSpanKind()).isEqualTo("AGENT");
                  assertThat(root.getChildren())
                      .extracting(SpanNode::getSpanKind)
                      .containsExactlyInAnyOrder("RETRIEVER", "TOOL", "LLM");
                });
        SpanNode tool = only(turn, "TOOL");
        assertThat(tool.getSpan())
            .hasAttribute(SemanticConventions.TOOL_NAME, "account_lookup")
            .hasAttribute(
                SemanticConventions.INPUT_VALUE,
                "{\"user_id\":\"" + session.getUserIds().get(0) + "\"}");
        assertThat(tool.getOutput()).contains("\"plan\"");
        SpanNode client = tool.getChildren().get(0);
        assertThat(client.getSpan().getKind()).isEqualTo(SpanKind.CLIENT);
        SpanNode server = client.getChildren().get(0);
        // The server span joined the trace through the traceparent header...
        assertThat(server.getSpan())
            .hasKind(SpanKind.SERVER)
            .hasTraceId(turn.getTraceId())
            .hasParentSpanId(client.getSpan().getSpanId());
        assertThat(server.getSpan().getParentSpanContext().isRemote()).isTrue();
        // ...and carries the session the service re-established from X-Session-Id.
        assertThat(server.getSessionId()).isEqualTo(session.getId());
        assertThat(server.getUserId()).isNull();
      }
    }
  }

  @Test
  void retrievalRecordsTheDocumentsItFound() {
    SpanData retrieval =
        only(view.getSession("conv-bob-1").getTurns().get(2), "RETRIEVER").getSpan();

    assertThat(retrieval)
        .hasAttribute(SemanticConventions.INPUT_VALUE, "How do I reset my password?")
        .hasAttribute(SemanticConventions.retrievalDocument(0).id(), "kb-1");
    assertThat(retrieval.getAttributes().get(SemanticConventions.retrievalDocument(0).score()))
        .isPositive();
  }

  @Test
  void tokenTotalsAreCountedFromTheModelCalls() {
    for (Session session : view.getSessions()) {
      assertThat(session.getTokenCounts().getPrompt()).isPositive();
      assertThat(session.getTokenCounts().getCompletion()).isPositive();
      long llmTotal =
          session.getTurns().stream()
              .map(turn -> only(turn, "LLM").getSpan())
              .mapToLong(
                  span -> span.getAttributes().get(SemanticConventions.LLM_TOKEN_COUNT_TOTAL))
              .sum();
      assertThat(session.getTokenCounts().getTotal()).isEqualTo(llmTotal);
    }
    // "Your name is Bob." is four words.
    assertThat(only(view.getSession("conv-bob-1").getTurns().get(1), "LLM").getSpan())
        .hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_COMPLETION, 4L);
  }

  @Test
  void metadataTagsAndPromptTemplateComeFromTheScopes() {
    Turn turn = view.getSession("conv-alice-1").getTurns().get(1);
    SpanData agent = turn.getRoots().get(0).getSpan();
    assertThat(agent.getAttributes().get(SemanticConventions.METADATA))
        .contains("\"app_version\":\"2.4.1\"")
        .contains("\"channel\":\"mobile\"")
        .contains("\"turn\":2");
    assertThat(agent.getAttributes().get(SemanticConventions.TAG_TAGS))
        .containsExactly("support-bot", "mobile");
    assertThat(agent.getAttributes().get(SemanticConventions.LLM_PROMPT_TEMPLATE)).isNull();

    SpanData llm = only(turn, "LLM").getSpan();
    assertThat(llm)
        .hasAttribute(SemanticConventions.LLM_PROMPT_TEMPLATE, SupportAgent.PROMPT_TEMPLATE)
        .hasAttribute(SemanticConventions.LLM_PROMPT_TEMPLATE_VERSION, "v3");
    assertThat(llm.getAttributes().get(SemanticConventions.LLM_PROMPT_TEMPLATE_VARIABLES))
        .contains("\"account\":")
        .contains("kb-2");
  }

  @Test
  void spansAreFiledUnderTheDemoProject() {
    Set<String> projects =
        view.getSessions().stream()
            .flatMap(session -> session.getTurns().stream())
            .flatMap(turn -> turn.preOrder().stream())
            .map(
                node -> node.getSpan().getResource().getAttribute(SemanticConventions.PROJECT_NAME))
            .collect(Collectors.toSet());
    assertThat(projects).containsExactly(Demo.PROJECT_NAME);
  }

  @Test
  void printsTheConversationThenTheSessionView() {
    assertThat(printed)
        .contains("Spans go over OTLP/HTTP to an embedded receiver at http://127.0.0.1:")
        .contains("  bob   > what's my name?\n  bot   < Your name is Bob.")
        .contains("Session conv-alice-1\n  users: alice\n  turns: 3, spans: 18");
    assertThat(printed.indexOf("What the receiver got")).isLessThan(printed.indexOf("Sessions: 3"));
  }

  @Test
  void withPhoenixCollectorEndpointSetTheSameRunGoesThere() {
    try (OtlpReceiver phoenix = OtlpReceiver.create()) {
      ForkedJava.Outcome outcome =
          ForkedJava.run(
              Demo.class,
              Map.of("PHOENIX_COLLECTOR_ENDPOINT", phoenix.getHttpEndpoint()),
              Duration.ofSeconds(90));

      assertThat(outcome.exitCode()).as("stderr:%n%s", outcome.stderr()).isZero();
      assertThat(outcome.stdout())
          .contains("Sending the demo's spans to " + phoenix.getHttpEndpoint())
          .contains("Sent 3 sessions (conv-bob-1, conv-alice-1, conv-bob-2), 9 turns")
          .contains("Projects > " + Demo.PROJECT_NAME + " > Sessions")
          .doesNotContain("every span carries its session");
      List<SpanData> spans = phoenix.awaitSpans(54, Duration.ofSeconds(10));
      SessionView received = SessionView.from(spans);
      assertThat(received.getSpanCount()).isEqualTo(54);
      assertThat(received.getSpansWithSessionCount()).isEqualTo(54);
      assertThat(received.getSessions())
          .extracting(Session::getId)
          .containsExactly("conv-bob-1", "conv-alice-1", "conv-bob-2");
      assertThat(spans)
          .allSatisfy(
              span ->
                  assertThat(span.getResource().getAttribute(SemanticConventions.PROJECT_NAME))
                      .isEqualTo(Demo.PROJECT_NAME));
      assertThat(phoenix.getRequests())
          .allSatisfy(request -> assertThat(request.getPath()).isEqualTo("/v1/traces"));
    }
  }

  @Test
  void withADeadEndpointTheDemoSaysItsSpansDidNotArriveAndExitsNonZero() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    ForkedJava.Outcome outcome =
        ForkedJava.run(
            Demo.class,
            Map.of("PHOENIX_COLLECTOR_ENDPOINT", endpoint, "OTEL_EXPORTER_OTLP_TIMEOUT", "2000"),
            Duration.ofSeconds(90));

    assertThat(outcome.exitCode()).as("stdout:%n%s", outcome.stdout()).isEqualTo(1);
    assertThat(outcome.stdout()).doesNotContain("Sent 3 sessions");
    assertThat(outcome.stderr())
        .contains(
            "The demo's spans did not all reach " + endpoint + " (PHOENIX_COLLECTOR_ENDPOINT)")
        .contains("spans to " + endpoint + "/v1/traces");
  }

  private static SpanNode only(Turn turn, String kind) {
    List<SpanNode> nodes =
        turn.preOrder().stream().filter(node -> kind.equals(node.getSpanKind())).toList();
    assertThat(nodes).as("%s spans of turn %s", kind, turn.getInput()).hasSize(1);
    return nodes.get(0);
  }
}
