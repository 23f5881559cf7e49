/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.openinference.testing.internal.CapturedLogs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

  @Test
  void percentDecodingIsUtf8AndKeepsCharactersOutsideEscapesWhole() {
    assertThat(ConfigValues.parseKeyValues("note=😀%20ok", "m"))
        .containsExactly(entry("note", "😀 ok"));
    assertThat(ConfigValues.parseKeyValues("note=%F0%9F%98%80%20ok", "m"))
        .containsExactly(entry("note", "😀 ok"));
    assertThat(ConfigValues.parseKeyValues("a=caf%C3%A9,b=50%25,c=%zz,d=%2", "m"))
        .containsExactly(
            entry("a", "café"), entry("b", "50%"), entry("c", "%zz"), entry("d", "%2"));
    // Only ASCII hex digits form an escape.
    assertThat(ConfigValues.parseKeyValues("a=%٣٣", "m")).containsExactly(entry("a", "%٣٣"));
  }

  @Test
  void keyValueEntriesWithoutAKeyAreDroppedWithAWarningNamingTheKey() {
    // Earlier tests in this JVM may have used up the few warnings a minute.
    ConfigValues.resetWarningRateLimit();
    List<String> warnings = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger(ConfigValues.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    try {
      assertThat(ConfigValues.parseKeyValues("novalue,=nokey, ok = 1 ,,later=x,later=y", "meta"))
          .containsExactly(entry("ok", "1"), entry("later", "y"));
      assertThat(ConfigValues.getBoolean(key -> "yes", "openinference.hide.inputs")).isNull();
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(true);
    }
    assertThat(warnings)
        .anySatisfy(w -> assertThat(w).contains("meta").contains("\"novalue\""))
        .anySatisfy(w -> assertThat(w).contains("meta").contains("\"=nokey\""))
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("openinference.hide.inputs (OPENINFERENCE_HIDE_INPUTS)")
                    .contains("\"yes\""));
  }

  @Test
  void listsAreTrimmedWithoutBlanksOrRepeats() {
    assertThat(ConfigValues.parseList(" a, b,,a ,c ")).containsExactly("a", "b", "c");
    assertThat(ConfigValues.parseList(null)).isEmpty();
  }

  @Test
  void scalarsTreatBlankAsUnsetAndParseIgnoringCase() {
    assertThat(ConfigValues.getString(key -> "  ", "k")).isNull();
    assertThat(ConfigValues.getBoolean(key -> " TRUE ", "k")).isTrue();
    assertThat(ConfigValues.getBoolean(key -> "False", "k")).isFalse();
    assertThat(ConfigValues.getInt(key -> "-1", "k")).isEqualTo(-1);
    assertThat(ConfigValues.getString(ConfigValues.fromMap(null), "k")).isNull();
    ConfigValues.resetWarningRateLimit();
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
      assertThat(
              ConfigValues.getString(
                  key -> {
                    throw new IllegalStateException("broken source");
                  },
                  "k"))
          .isNull();
      assertThat(logs.warnings())
          .containsExactly(
              "Could not read the configuration value k, ignoring it:"
                  + " java.lang.IllegalStateException: broken source");
    }
  }

  @Test
  void systemPropertyWinsOverTheEnvironmentVariableOfTheSameKey() {
    // PATH is set in every test environment; its property form is "path".
    String path = System.getenv("PATH");
    assertThat(path).isNotNull();
    assertThat(ConfigValues.systemPropertiesAndEnvironment().get("path")).isEqualTo(path);
    String previous = System.setProperty("path", "from-property");
    try {
      assertThat(ConfigValues.systemPropertiesAndEnvironment().get("path"))
          .isEqualTo("from-property");
    } finally {
      if (previous == null) {
        System.clearProperty("path");
      } else {
        System.setProperty("path", previous);
      }
    }
  }

  @Test
  void environmentVariableNamesAreTheOpenTelemetryForm() {
    assertThat(ConfigValues.toEnvironmentVariable("otel.openinference.session.id"))
        .isEqualTo("OTEL_OPENINFERENCE_SESSION_ID");
    assertThat(
            ConfigValues.toEnvironmentVariable(
                "otel.instrumentation.genai.capture-message-content"))
        .isEqualTo("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT");
  }
}
