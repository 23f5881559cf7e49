/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenInferenceSpanKindTest {

  @ParameterizedTest
  @EnumSource(OpenInferenceSpanKind.class)
  void wireValueIsTheUpperCaseName(OpenInferenceSpanKind kind) {
    assertThat(kind.getValue()).isEqualTo(kind.name());
    assertThat(OpenInferenceSpanKind.fromValue(kind.getValue())).isSameAs(kind);
  }

  @Test
  void lookupIgnoresCaseAndSurroundingWhiteSpace() {
    assertThat(OpenInferenceSpanKind.fromValue("llm")).isEqualTo(OpenInferenceSpanKind.LLM);
    assertThat(OpenInferenceSpanKind.fromValue("Retriever"))
        .isEqualTo(OpenInferenceSpanKind.RETRIEVER);
    assertThat(OpenInferenceSpanKind.fromValue("  agent\t")).isEqualTo(OpenInferenceSpanKind.AGENT);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "LLMS", "chat", "L L M"})
  void unknownValueIsNullOrUnknown(String value) {
    assertThat(OpenInferenceSpanKind.fromValue(value)).isNull();
    assertThat(OpenInferenceSpanKind.fromValueOrUnknown(value))
        .isEqualTo(OpenInferenceSpanKind.UNKNOWN);
  }

  @Test
  void fromValueOrUnknownReturnsKnownKinds() {
    assertThat(OpenInferenceSpanKind.fromValueOrUnknown("tool"))
        .isEqualTo(OpenInferenceSpanKind.TOOL);
    assertThat(OpenInferenceSpanKind.fromValueOrUnknown("UNKNOWN"))
        .isEqualTo(OpenInferenceSpanKind.UNKNOWN);
  }

  @Test
  void mimeTypesHaveTheirWireValues() {
    assertThat(MimeType.TEXT.getValue()).isEqualTo("text/plain");
    assertThat(MimeType.JSON.getValue()).isEqualTo("application/json");
    assertThat(MimeType.JSON).hasToString("application/json");
  }
}
