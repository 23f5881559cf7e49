/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SemanticConventionsTest {

  /** Constants whose names are fixed by other OpenInference SDKs rather than by the rule. */
  private static final Map<String, String> NAMING_EXCEPTIONS =
      Map.of(
          "PROJECT_NAME", "openinference.project.name",
          "LLM_PROMPT_TEMPLATE", "llm.prompt_template.template");

  @Test
  void everyKeyIsNamedAfterItsAttributeInUpperSnakeCase() throws Exception {
    Map<String, AttributeKey<?>> keys = keys();
    assertThat(keys).hasSizeGreaterThan(100);
    keys.forEach(
        (field, key) -> {
          String exception = NAMING_EXCEPTIONS.get(field);
          if (exception != null) {
            assertThat(key.getKey()).as(field).isEqualTo(exception);
          } else {
            // Compare attribute to constant: the other direction is ambiguous, as both '.' and
            // '_' become '_'.
            assertThat(upperSnake(key.getKey())).as(field).isEqualTo(field);
          }
        });
    assertThat(keys).containsKeys(NAMING_EXCEPTIONS.keySet().toArray(new String[0]));
  }

  @Test
  void everyListPrefixIsNamedAfterItsAttribute() throws Exception {
    Map<String, String> prefixes = prefixes();
    assertThat(prefixes)
        .containsEntry("LLM_INPUT_MESSAGES", "llm.input_messages")
        .containsEntry("MESSAGE_CONTENT_IMAGE", "message_content.image")
        .containsEntry("EMBEDDING_EMBEDDINGS", "embedding.embeddings");
    prefixes.forEach((field, name) -> assertThat(upperSnake(name)).as(field).isEqualTo(field));
  }

  @Test
  void keyNamesAreUniqueAndDistinctFromPrefixes() throws Exception {
    Set<String> names = new HashSet<>();
    for (AttributeKey<?> key : keys().values()) {
      assertThat(names.add(key.getKey())).as("duplicate %s", key.getKey()).isTrue();
    }
    for (String prefix : prefixes().values()) {
      assertThat(names.add(prefix)).as("prefix %s is also a key", prefix).isTrue();
    }
  }

  @Test
  void everyKeyHasTheTypeTheSpecGivesIt() throws Exception {
    keys()
        .forEach(
            (field, key) -> assertThat(key.getType()).as(field).isEqualTo(specType(key.getKey())));
  }

  @Test
  void representativeKeysHaveTheirSpecNamesAndTypes() {
    assertThat(SemanticConventions.OPENINFERENCE_SPAN_KIND.getKey())
        .isEqualTo("openinference.span.kind");
    assertThat(SemanticConventions.TAG_TAGS.getKey()).isEqualTo("tag.tags");
    assertThat(SemanticConventions.TAG_TAGS.getType()).isEqualTo(AttributeType.STRING_ARRAY);
    assertThat(SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ.getKey())
        .isEqualTo("llm.token_count.prompt_details.cache_read");
    assertThat(SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ.getType())
        .isEqualTo(AttributeType.LONG);
    assertThat(SemanticConventions.LLM_COST_TOTAL.getType()).isEqualTo(AttributeType.DOUBLE);
    assertThat(SemanticConventions.EMBEDDING_VECTOR.getType())
        .isEqualTo(AttributeType.DOUBLE_ARRAY);
    assertThat(SemanticConventions.DOCUMENT_SCORE.getType()).isEqualTo(AttributeType.DOUBLE);
    assertThat(SemanticConventions.EXCEPTION_ESCAPED.getType()).isEqualTo(AttributeType.BOOLEAN);
    assertThat(SemanticConventions.TOOL_CALL_FUNCTION_ARGUMENTS.getKey())
        .isEqualTo("tool_call.function.arguments");
    assertThat(SemanticConventions.PROJECT_NAME.getKey()).isEqualTo("openinference.project.name");
    assertThat(SemanticConventions.LLM_PROMPT_TEMPLATE.getKey())
        .isEqualTo("llm.prompt_template.template");
  }

  /** The spec's types: token counts and top-k are integers, scores and costs floats. */
  private static AttributeType specType(String name) {
    if (name.equals("tag.tags")) {
      return AttributeType.STRING_ARRAY;
    }
    if (name.equals("embedding.vector")) {
      return AttributeType.DOUBLE_ARRAY;
    }
    if (name.equals("exception.escaped")) {
      return AttributeType.BOOLEAN;
    }
    if (name.startsWith("llm.token_count.")
        || name.startsWith("decision.token_count.")
        || name.equals("reranker.top_k")) {
      return AttributeType.LONG;
    }
    if (name.startsWith("llm.cost.") || name.endsWith(".score")) {
      return AttributeType.DOUBLE;
    }
    return AttributeType.STRING;
  }

  private static String upperSnake(String attribute) {
    return attribute.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static Map<String, AttributeKey<?>> keys() throws IllegalAccessException {
    Map<String, AttributeKey<?>> result = new LinkedHashMap<>();
    for (Field f : publicStaticFields(AttributeKey.class)) {
      result.put(f.getName(), (AttributeKey<?>) f.get(null));
    }
    return result;
  }

  private static Map<String, String> prefixes() throws IllegalAccessException {
    Map<String, String> result = new LinkedHashMap<>();
    for (Field f : publicStaticFields(String.class)) {
      result.put(f.getName(), (String) f.get(null));
    }
    return result;
  }

  private static List<Field> publicStaticFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Field f : SemanticConventions.class.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == type) {
        fields.add(f);
      }
    }
    return fields;
  }
}
