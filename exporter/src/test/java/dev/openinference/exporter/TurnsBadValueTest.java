/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.processor.internal.ConfigValues;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A bad {@code otel.openinference.turns.enabled} is named in a warning and the default kept. */
class TurnsBadValueTest {

  private static final String KEY = "otel.openinference.turns.enabled";

  @AfterEach
  void clear() {
    System.clearProperty(KEY);
  }

  @Test
  void aValueThatIsNotABooleanIsNamedInAWarningAndFillingStaysOn() {
    System.setProperty(KEY, "sometimes");
    OpenInferenceSpanExporter exporter;
    try (LogCapture log = LogCapture.of(ConfigValues.class)) {
      exporter = OpenInferenceSpanExporter.builder(SpanExporter.noop()).build();

      assertThat(log.messages())
          .singleElement()
          .satisfies(
              message ->
                  assertThat(message).contains("sometimes").contains(KEY).contains("default"));
    }
    assertThat(exporter.isTurnsEnabled()).isTrue();
  }
}
