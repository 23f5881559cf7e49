/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.FakeOpenAiResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code otel.openinference.enabled=false} the same application exports what Quarkus exports
 * alone: the same spans, each with only the attributes Quarkus and quarkus-langchain4j set.
 */
@QuarkusTest
@TestProfile(OpenInferenceOffTest.Off.class)
@QuarkusTestResource(value = LoopbackServers.class, restrictToAnnotatedClass = true)
class OpenInferenceOffTest {

  /** The switch, in application configuration. */
  public static final class Off implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("otel.openinference.enabled", "false");
    }
  }

  /** Attribute names (and prefixes) that only OpenInference writes. */
  private static final List<String> OURS =
      List.of(
          "openinference.",
          "session.",
          "user.",
          "metadata",
          "tag.",
          "input.",
          "output.",
          "llm.",
          "tool.",
          "tool_call.",
          "agent.");

  @Inject Assistant assistant;

  @Test
  void switchedOffTheConversationIsExportedWithNoOpenInferenceAttribute() {
    LoopbackServers.openAi.enqueue(FakeOpenAiResponse.toolCall("call_1", "weather", "{}"));
    try (var session = OpenInference.usingSession("quarkus-session-1");
        var user = OpenInference.usingUser("alice")) {
      assistant.chat("What is the weather in Paris?");
      assistant.chat("Thanks!");
    }

    List<SpanData> spans = LoopbackServers.receiver.awaitSpans(9, Duration.ofSeconds(20));
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder(
            "langchain4j.aiservices.Assistant.chat",
            "langchain4j.aiservices.Assistant.chat",
            "completion gpt-4o-mini",
            "completion gpt-4o-mini",
            "completion gpt-4o-mini",
            "POST /chat/completions",
            "POST /chat/completions",
            "POST /chat/completions",
            "langchain4j.tools.weather");
    assertThat(spans)
        .allSatisfy(
            span ->
                span.getAttributes()
                    .forEach(
                        (key, value) ->
                            assertThat(OURS)
                                .as("%s on %s", key.getKey(), span.getName())
                                .noneMatch(ours -> key.getKey().startsWith(ours))));
    // What quarkus-langchain4j wrote is there as it wrote it.
    assertThat(spans)
        .filteredOn(span -> span.getName().startsWith("completion"))
        .allSatisfy(
            span ->
                assertThat(span.getAttributes().asMap().keySet())
                    .extracting(key -> key.getKey())
                    .contains("gen_ai.request.model", "gen_ai.prompt"));
    assertThat(spans.get(0).getResource().getAttributes().asMap().keySet())
        .extracting(key -> key.getKey())
        .doesNotContain("openinference.project.name");
  }
}
