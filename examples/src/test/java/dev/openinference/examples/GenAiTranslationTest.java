/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GenAiTranslationTest {

  private static GenAiTranslation.Result result;
  private static String printed;

  @BeforeAll
  static void runExample() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = GenAiTranslation.run(out);
    }
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void attributesSetAtTheEndAreTranslatedAtExport() {
    SpanData raw = named(result.raw(), "chat gpt-4o-mini");
    SpanData translated = named(result.translated(), "chat gpt-4o-mini");

    // At start the processor knew nothing but the session: the default kind.
    assertThat(raw)
        .hasAttribute(SemanticConventions.OPENINFERENCE_SPAN_KIND, "CHAIN")
        .hasAttribute(SemanticConventions.SESSION_ID, GenAiTranslation.SESSION);
    assertThat(raw.getAttributes().get(SemanticConventions.LLM_MODEL_NAME)).isNull();
    assertThat(translated)
        .hasSpanId(raw.getSpanId())
        .hasAttribute(SemanticConventions.OPENINFERENCE_SPAN_KIND, "LLM")
        .hasAttribute(SemanticConventions.LLM_MODEL_NAME, "gpt-4o-mini-2024-07-18")
        .hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_PROMPT, 25L)
        .hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_COMPLETION, 9L)
        .hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_TOTAL, 34L)
        .hasAttribute(SemanticConventions.SESSION_ID, GenAiTranslation.SESSION)
        .hasAttribute(SemanticConventions.USER_ID, "dana");
  }

  @Test
  void operationKnownAtStartIsInferredAtStartAndUsageAddedAtExport() {
    SpanData raw = named(result.raw(), "chat claude-sonnet-4");
    SpanData translated = named(result.translated(), "chat claude-sonnet-4");

    assertThat(raw).hasAttribute(SemanticConventions.OPENINFERENCE_SPAN_KIND, "LLM");
    assertThat(translated)
        .hasAttribute(SemanticConventions.LLM_MODEL_NAME, "claude-sonnet-4-20250514")
        .hasAttribute(SemanticConventions.LLM_TOKEN_COUNT_TOTAL, 52L);
  }

  @Test
  void embeddingsAndToolCallsGetTheirKinds() {
    assertThat(named(result.translated(), "embeddings text-embedding-3-small"))
        .hasAttribute(SemanticConventions.OPENINFERENCE_SPAN_KIND, "EMBEDDING");
    assertThat(named(result.translated(), "execute_tool get_weather"))
        .hasAttribute(SemanticConventions.OPENINFERENCE_SPAN_KIND, "TOOL")
        .hasAttribute(SemanticConventions.TOOL_NAME, "get_weather");
  }

  @Test
  void printsBeforeAndAfter() {
    assertThat(printed)
        .contains("chat gpt-4o-mini\n  as emitted:\n")
        .contains("    ~ openinference.span.kind = LLM  (was CHAIN)")
        .contains("    + llm.token_count.total = 34")
        .contains("every span carries its session: 4/4");
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }
}
