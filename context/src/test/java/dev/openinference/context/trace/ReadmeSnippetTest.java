/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.LlmProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the README's span-helper snippet, and checks the README shows exactly this code. */
class ReadmeSnippetTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  static final class Agent {
    String answer(String question) {
      return "answer to " + question;
    }

    CompletableFuture<String> answerAsync(String question) {
      return CompletableFuture.completedFuture("later: " + question);
    }
  }

  static final class Model {
    String complete(String prompt) {
      return "completion of " + prompt;
    }
  }

  private final Agent agent = new Agent();
  private final Model model = new Model();

  @Test
  void snippetRecordsAgentChainAndLlmSpans() throws Exception {
    OpenTelemetry openTelemetry = otel.getOpenTelemetry();
    String question = "why?";
    String reply;
    // README:begin
    OpenInferenceTracer tracer = OpenInferenceTracer.create(openTelemetry);

    // Lambda form: the return value is the output; an exception sets status ERROR and is rethrown.
    String answer = tracer.agent("support-agent").setInput(question).call(() -> agent.answer(question));

    // A CompletableFuture result: the output is recorded, and the span ended, when it completes.
    CompletableFuture<String> later = tracer.chain("async-answer").call(() -> agent.answerAsync(question));

    // Try-with-resources form, with the typed setters of a model call.
    try (OpenInferenceSpan span = tracer.llm("chat").setInput(question).start()) {
      span.setModelName("gpt-4o-mini").setProvider(LlmProvider.OPENAI).addInputMessage(Message.user(question));
      String text = model.complete(question);
      span.addOutputMessage(Message.assistant(text)).setTokenCounts(12, 5);
      reply = span.output(text); // records output.value and returns text
    }
    // README:end

    assertThat(answer).isEqualTo("answer to why?");
    assertThat(later.get()).isEqualTo("later: why?");
    assertThat(reply).isEqualTo("completion of why?");
    List<SpanData> spans = otel.getSpans();
    assertThat(spans).extracting(SpanData::getName).containsExactly("support-agent", "async-answer", "chat");
    assertThat(spans.get(0)).hasAttribute(OUTPUT_VALUE, "answer to why?");
    assertThat(spans.get(1)).hasAttribute(OUTPUT_VALUE, "later: why?");
    assertThat(spans.get(2)).hasAttribute(OUTPUT_VALUE, "completion of why?").hasAttribute(LLM_TOKEN_COUNT_TOTAL, 17L);
  }

  @Test
  void readmeShowsThisTestsSnippetVerbatim() throws Exception {
    Path source = Paths.get("src/test/java/dev/openinference/context/trace/ReadmeSnippetTest.java");
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int begin = indexOf(lines, "// README:begin", 0);
    int end = indexOf(lines, "// README:end", begin);
    String indent = "    ";
    String fromTest =
        lines.subList(begin + 1, end).stream()
            .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
            .collect(Collectors.joining("\n"));

    List<String> readme = Files.readAllLines(Paths.get("../README.md"), StandardCharsets.UTF_8);
    int marker = indexOf(readme, "ReadmeSnippetTest.java", 0);
    int fenceEnd = indexOf(readme, "```", marker + 2);
    String fromReadme = String.join("\n", readme.subList(marker + 2, fenceEnd));

    assertThat(fromReadme).isEqualTo(fromTest);
  }

  private static int indexOf(List<String> lines, String needle, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).contains(needle) && (!needle.equals("```") || lines.get(i).trim().equals("```"))) {
        return i;
      }
    }
    throw new AssertionError("no line containing " + needle);
  }
}
