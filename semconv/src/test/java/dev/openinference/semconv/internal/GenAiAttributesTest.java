/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GenAiAttributesTest {

  /**
   * Keys whose semconv type is "any": the Java semconv artifact generates no constant for them, so
   * there is nothing upstream to compare against. If upstream starts generating one, the test below
   * fails and the type here must be checked.
   */
  private static final Set<String> NOT_GENERATED_UPSTREAM =
      Set.of(
          "GEN_AI_INPUT_MESSAGES",
          "GEN_AI_OUTPUT_MESSAGES",
          "GEN_AI_SYSTEM_INSTRUCTIONS",
          "GEN_AI_TOOL_DEFINITIONS",
          "GEN_AI_TOOL_CALL_ARGUMENTS",
          "GEN_AI_TOOL_CALL_RESULT");

  @Test
  void everyKeyMatchesTheIncubatingSemconvInNameAndType() throws Exception {
    Map<String, AttributeKey<?>> ours = keyFields(GenAiAttributes.class);
    Map<String, AttributeKey<?>> upstream = keyFields(GenAiIncubatingAttributes.class);
    assertThat(ours).hasSizeGreaterThan(40);

    for (Map.Entry<String, AttributeKey<?>> e : ours.entrySet()) {
      String field = e.getKey();
      AttributeKey<?> key = e.getValue();
      if (NOT_GENERATED_UPSTREAM.contains(field)) {
        assertThat(upstream).as("upstream now defines %s", field).doesNotContainKey(field);
        continue;
      }
      assertThat(upstream).as("upstream constant %s", field).containsKey(field);
      AttributeKey<?> theirs = upstream.get(field);
      assertThat(key.getKey()).as(field).isEqualTo(theirs.getKey());
      assertThat(key.getType()).as(field).isEqualTo(theirs.getType());
    }
  }

  @Test
  void keysTheExporterTranslatesArePresent() throws Exception {
    assertThat(keyFields(GenAiAttributes.class).values())
        .extracting(AttributeKey::getKey)
        .contains(
            "gen_ai.operation.name",
            "gen_ai.request.model",
            "gen_ai.response.model",
            "gen_ai.provider.name",
            "gen_ai.system",
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens",
            "gen_ai.usage.cache_read.input_tokens",
            "gen_ai.usage.cache_creation.input_tokens",
            "gen_ai.usage.reasoning.output_tokens",
            "gen_ai.conversation.id",
            "gen_ai.tool.name",
            "gen_ai.tool.call.id",
            "gen_ai.tool.description",
            "gen_ai.agent.name",
            "gen_ai.request.temperature",
            "gen_ai.request.top_p",
            "gen_ai.request.top_k",
            "gen_ai.request.max_tokens",
            "gen_ai.request.frequency_penalty",
            "gen_ai.request.presence_penalty",
            "gen_ai.request.stop_sequences",
            "gen_ai.request.seed",
            "gen_ai.request.choice.count",
            "gen_ai.response.finish_reasons",
            "gen_ai.response.id");
  }

  @Test
  void operationValuesMatchTheIncubatingSemconvAndCoverEveryUpstreamValue() throws Exception {
    Map<String, String> ours = new LinkedHashMap<>();
    for (Field f : GenAiAttributes.class.getFields()) {
      if (f.getName().startsWith("OPERATION_")) {
        ours.put(f.getName().substring("OPERATION_".length()), (String) f.get(null));
      }
    }
    Class<?> values =
        Arrays.stream(GenAiIncubatingAttributes.class.getClasses())
            .filter(c -> c.getSimpleName().equals("GenAiOperationNameIncubatingValues"))
            .findFirst()
            .orElseThrow();
    Map<String, String> upstream = new LinkedHashMap<>();
    for (Field f : values.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        upstream.put(f.getName(), (String) f.get(null));
      }
    }
    assertThat(upstream).isNotEmpty();
    assertThat(ours).isEqualTo(upstream);
  }

  @ParameterizedTest
  @CsvSource({
    "chat, LLM",
    "text_completion, LLM",
    "generate_content, LLM",
    "embeddings, EMBEDDING",
    "execute_tool, TOOL",
    "invoke_agent, AGENT",
    "create_agent, AGENT",
    "retrieval, RETRIEVER"
  })
  void operationMapsToSpanKind(String operation, OpenInferenceSpanKind expected) {
    assertThat(GenAiAttributes.spanKindForOperation(operation)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"invoke_workflow", "unknown", "CHAT", " chat"})
  void unknownOrMissingOperationMapsToNoKind(String operation) {
    assertThat(GenAiAttributes.spanKindForOperation(operation)).isNull();
  }

  @Test
  void everyUpstreamOperationOtherThanWorkflowHasAKind() throws Exception {
    List<String> withoutKind =
        Arrays.stream(GenAiAttributes.class.getFields())
            .filter(f -> f.getName().startsWith("OPERATION_"))
            .map(GenAiAttributesTest::stringValue)
            .filter(v -> GenAiAttributes.spanKindForOperation(v) == null)
            .collect(Collectors.toList());
    assertThat(withoutKind).containsExactly("invoke_workflow");
  }

  private static String stringValue(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  static Map<String, AttributeKey<?>> keyFields(Class<?> type) throws IllegalAccessException {
    Map<String, AttributeKey<?>> keys = new LinkedHashMap<>();
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && AttributeKey.class.isAssignableFrom(f.getType())) {
        keys.put(f.getName(), (AttributeKey<?>) f.get(null));
      }
    }
    return keys;
  }
}
