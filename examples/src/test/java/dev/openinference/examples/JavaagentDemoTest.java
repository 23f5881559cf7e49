/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.Session;
import dev.openinference.testing.SessionView;
import dev.openinference.testing.SpanNode;
import dev.openinference.testing.Turn;
import io.opentelemetry.api.trace.SpanKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Example 4 under the real agent. It needs the agent and the extension jar, which a plain build of
 * this module does not have: it runs after the reactor built the javaagent module ({@code mvn
 * verify} from the root: that module's integration tests fetch the agent) or after {@code
 * -Pjavaagent-demo}, and is skipped otherwise. The javaagent module's own integration tests cover
 * the extension either way.
 */
class JavaagentDemoTest {

  @Test
  void everySpanOfTheAppUnderTheAgentCarriesItsSession() throws IOException {
    Path agent =
        first(
            Path.of("target/agent/opentelemetry-javaagent.jar"),
            Path.of("../javaagent/target/agent/opentelemetry-javaagent.jar"));
    Path extension =
        first(
            Path.of("target/agent/openinference-javaagent-extension.jar"),
            builtExtension(Path.of("../javaagent/target")));
    assumeTrue(agent != null && extension != null, "no javaagent or extension jar built");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SessionView view;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      view = JavaagentDemo.run(out, agent, extension);
    }

    assertThat(view.getSessions())
        .extracting(Session::getId)
        .containsExactly("conv-bob-1", "conv-alice-1", "conv-bob-2", "conv-alice-web");
    assertThat(view.getSpanCount()).isEqualTo(41);
    assertThat(view.getSpansWithSessionCount()).isEqualTo(41);
    for (Session session : view.getSessions().subList(0, 3)) {
      assertThat(session.getTurns()).hasSize(3);
      List<String> questions =
          Conversation.DEMO.stream()
              .filter(c -> c.sessionId().equals(session.getId()))
              .findFirst()
              .orElseThrow()
              .questions();
      for (int i = 0; i < 3; i++) {
        Turn turn = session.getTurns().get(i);
        SpanNode root = turn.getRoots().get(0);
        assertThat(root.getSpanKind()).isEqualTo("AGENT");
        // The agent span has no values of its own: filled at export from the model call.
        assertThat(root.getInput()).isEqualTo(questions.get(i));
        assertThat(root.getOutput()).isNotBlank();
        // The agent's own HttpClient spans, started on pool threads nobody wrapped.
        assertThat(root.getChildren())
            .filteredOn(
                child ->
                    child.getSpan().getKind() == SpanKind.CLIENT
                        && child.getSpan().getName().equals("GET"))
            .hasSize(2);
        SpanNode llm =
            root.getChildren().stream()
                .filter(child -> "LLM".equals(child.getSpanKind()))
                .findFirst()
                .orElseThrow();
        // Translated at export by the extension, from gen_ai.* set at the end of the span.
        assertThat(llm.getSpan())
            .hasAttribute(SemanticConventions.LLM_MODEL_NAME, FakeChatModel.MODEL_NAME);
        assertThat(llm.getTokenCounts().getTotal()).isPositive();
        assertThat(turn.preOrder())
            .allSatisfy(
                node -> {
                  assertThat(node.getSessionId()).isEqualTo(session.getId());
                  assertThat(node.getUserId()).isEqualTo(session.getUserIds().get(0));
                });
      }
    }
    // The turn that came over HTTP: the agent's SERVER span is its root, with the question and
    // the answer filled in at export.
    Turn web = view.getSession("conv-alice-web").getTurns().get(0);
    assertThat(web.getRoots()).hasSize(1);
    SpanNode server = web.getRoots().get(0);
    assertThat(server.getSpan().getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.getInput()).isEqualTo("How do I share a notebook?");
    assertThat(server.getSpan())
        .hasAttribute(SemanticConventions.INPUT_MIME_TYPE, "text/plain")
        .hasAttribute(SemanticConventions.OUTPUT_MIME_TYPE, "text/plain");
    assertThat(server.getOutput()).isNotBlank();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("  bob   > what's my name?\n  bot   < Your name is Bob.")
        .contains("  bot   < " + server.getOutput())
        .contains("every span carries its session: 41/41");
  }

  private static Path first(Path... candidates) {
    return Stream.of(candidates)
        .filter(path -> path != null && Files.isRegularFile(path))
        .findFirst()
        .orElse(null);
  }

  private static Path builtExtension(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(
              path -> {
                String name = path.getFileName().toString();
                return name.startsWith("openinference-javaagent-extension-")
                    && name.endsWith(".jar")
                    && !name.endsWith("-sources.jar")
                    && !name.endsWith("-javadoc.jar");
              })
          .findFirst()
          .orElse(null);
    }
  }
}
