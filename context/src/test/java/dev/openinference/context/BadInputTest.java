/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputTest {

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Context.current()).isSameAs(Context.root());
  }

  static Stream<Arguments> badCalls() {
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    return Stream.of(
        Arguments.of(
            "null session", call(() -> OpenInference.usingSession(null)), "null session id"),
        Arguments.of(
            "empty session", call(() -> OpenInference.usingSession("")), "empty session id"),
        Arguments.of(
            "blank session", call(() -> OpenInference.usingSession(" \t")), "blank session id"),
        Arguments.of("null user", call(() -> OpenInference.usingUser(null)), "null user id"),
        Arguments.of("blank user", call(() -> OpenInference.usingUser("  ")), "blank user id"),
        Arguments.of(
            "null metadata", call(() -> OpenInference.usingMetadata(null)), "null metadata"),
        Arguments.of(
            "null-key metadata", call(() -> OpenInference.usingMetadata(nullKey)), "null key"),
        Arguments.of(
            "null tag array", call(() -> OpenInference.usingTags((String[]) null)), "null tags"),
        Arguments.of(
            "null tag list", call(() -> OpenInference.usingTags((List<String>) null)), "null tags"),
        Arguments.of(
            "null and blank tags", call(() -> OpenInference.usingTags(null, "", " ")), "blank tag"),
        Arguments.of(
            "null template",
            call(() -> OpenInference.usingPromptTemplate(null, "v", null)),
            "null prompt template"),
        Arguments.of(
            "null attributes", call(() -> OpenInference.usingAttributes(null)), "null attributes"));
  }

  private static Supplier<Scope> call(Supplier<Scope> supplier) {
    return supplier;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCalls")
  void badInputChangesNothingAndWarnsNamingIt(String name, Supplier<Scope> call, String warning) {
    try (LogCapture log = new LogCapture();
        Scope outer = OpenInference.usingSession("outer")) {
      Attributes before = OpenInference.getAttributesFromContext();
      try (Scope scope = call.get()) {
        assertThat(OpenInference.getAttributesFromContext()).isEqualTo(before);
      }
      assertThat(log.warnings()).hasSize(1);
      assertThat(log.warnings().get(0)).contains(warning);
    }
  }

  @Test
  void goodPartsOfMixedInputAreKept() {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put(null, "dropped");
    metadata.put("kept", 1);
    try (LogCapture log = new LogCapture();
        Scope m = OpenInference.usingMetadata(metadata);
        Scope t = OpenInference.usingTags(Arrays.asList("a", null, "b"))) {
      assertThat(OpenInference.getAttributesFromContext().get(METADATA)).isEqualTo("{\"kept\":1}");
      assertThat(OpenInference.getAttributesFromContext().get(TAG_TAGS)).containsExactly("a", "b");
      assertThat(log.warnings()).hasSize(2);
    }
  }

  @Test
  void builderDropsBadFieldsAndKeepsGoodOnes() {
    try (LogCapture log = new LogCapture()) {
      ContextAttributes attributes =
          ContextAttributes.builder()
              .setSessionId("  ")
              .setUserId("u")
              .setMetadata(null)
              .setTags((String[]) null)
              .build();
      assertThat(
              Context.root()
                  .with(attributes)
                  .get(dev.openinference.context.internal.ContextValues.KEY)
                  .asAttributes())
          .isEqualTo(Attributes.of(USER_ID, "u"));
      assertThat(log.warnings()).hasSize(3);
    }
  }

  @Test
  void warningsNameTheBadValue() {
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingSession("\n\t ")) {
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("\\u000a")
          .contains("usingSession");
    }
  }

  @Test
  void warningsAreRateLimited() {
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 1000; i++) {
        OpenInference.usingSession(null).close();
      }
      assertThat(log.warnings()).hasSizeLessThanOrEqualTo(5);
    }
  }

  @Test
  void emptyMetadataIsNotBadInputAndChangesNothing() {
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingMetadata(Collections.emptyMap())) {
      assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
      assertThat(log.warnings()).isEmpty();
    }
  }

  @Test
  void nullContextGivesNoAttributes() {
    try (LogCapture log = new LogCapture()) {
      assertThat(OpenInference.getAttributesFromContext(null)).isEqualTo(Attributes.empty());
      assertThat(log.warnings()).hasSize(1);
    }
  }

  @Test
  void unserialisableMetadataValuesAreStringified() {
    Object bad =
        new Object() {
          @Override
          public String toString() {
            throw new UnsupportedOperationException("no");
          }
        };
    try (Scope s = OpenInference.usingMetadata(Collections.singletonMap("bad", bad))) {
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .startsWith("{\"bad\":\"[unprintable");
      assertThat(OpenInference.getAttributesFromContext().get(SESSION_ID)).isNull();
    }
  }
}
