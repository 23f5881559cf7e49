/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.testing.internal.CapturedLogs;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenInferenceConfigurationTest {

  private static OpenInferenceConfiguration read(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return OpenInferenceConfiguration.fromConfigProperties(
        DefaultConfigProperties.createFromMap(map));
  }

  @Test
  void defaultsAreEnabledChainAndNoProcessValues() {
    OpenInferenceConfiguration config = read();
    assertThat(config.isEnabled()).isTrue();
    assertThat(config.getDefaultSpanKind()).isEqualTo(OpenInferenceSpanKind.CHAIN);
    assertThat(config.getProjectName()).isNull();
    assertThat(config.newSpanProcessor().toString())
        .isEqualTo("OpenInferenceSpanProcessor{processValues={}, defaultSpanKind=CHAIN}");
  }

  @Test
  void everyKeyIsRead() {
    OpenInferenceConfiguration config =
        read(
            "otel.openinference.enabled", "FALSE",
            "otel.openinference.session.id", "run-7",
            "otel.openinference.user.id", "batch-user",
            "otel.openinference.tags", " nightly , eval,,nightly",
            "otel.openinference.metadata", "team=ml, commit=abc%2Cdef ,empty=",
            "otel.openinference.span.kind.default", "agent",
            "otel.openinference.project.name", "my-project");
    assertThat(config.isEnabled()).isFalse();
    assertThat(config.getDefaultSpanKind()).isEqualTo(OpenInferenceSpanKind.AGENT);
    assertThat(config.getProjectName()).isEqualTo("my-project");
    assertThat(config.newSpanProcessor().toString())
        .isEqualTo(
            "OpenInferenceSpanProcessor{processValues={metadata=\"{\"team\":\"ml\",\"commit\":\"abc,def\","
                + "\"empty\":\"\"}\", session.id=\"run-7\", tag.tags=[nightly, eval],"
                + " user.id=\"batch-user\"}, defaultSpanKind=AGENT}");
  }

  @Test
  void noneLeavesSpansWithoutADefaultKind() {
    assertThat(read("otel.openinference.span.kind.default", "None").getDefaultSpanKind()).isNull();
  }

  @Test
  void badValuesFallBackToDefaults() {
    ConfigValues.resetWarningRateLimit();
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
      OpenInferenceConfiguration config =
          read(
              "otel.openinference.enabled", "maybe",
              "otel.openinference.span.kind.default", "WIZARD",
              "otel.openinference.metadata", "novalue,=nokey,ok=1",
              "otel.openinference.session.id", "   ");
      assertThat(config.isEnabled()).isTrue();
      assertThat(config.getDefaultSpanKind()).isEqualTo(OpenInferenceSpanKind.CHAIN);
      assertThat(config.newSpanProcessor().toString())
          .contains("processValues={metadata=\"{\"ok\":\"1\"}\"}");
      assertThat(logs.warnings())
          .anySatisfy(
              w ->
                  assertThat(w)
                      .startsWith("Invalid boolean \"maybe\" for otel.openinference.enabled"))
          .anySatisfy(
              w -> assertThat(w).startsWith("otel.openinference.span.kind.default=\"WIZARD\""))
          .anySatisfy(w -> assertThat(w).contains("dropped the entry \"novalue\""));
    }
    ConfigValues.resetWarningRateLimit();
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
      assertThat(ConfigValues.parseKeyValues("novalue,=nokey,ok=1", "m"))
          .isEqualTo(Collections.singletonMap("ok", "1"));
      assertThat(logs.warnings())
          .hasSize(2)
          .allSatisfy(w -> assertThat(w).startsWith("m: dropped the entry "));
    }
  }

  @Test
  void phoenixProjectNameIsTheFallback() {
    assertThat(read("phoenix.project.name", "from-phoenix").getProjectName())
        .isEqualTo("from-phoenix");
    assertThat(
            read("phoenix.project.name", "from-phoenix", "otel.openinference.project.name", "ours")
                .getProjectName())
        .isEqualTo("ours");
  }
}
