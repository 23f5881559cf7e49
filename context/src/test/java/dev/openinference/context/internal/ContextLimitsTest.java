/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ContextLimitsTest {

  private static ContextLimits read(Map<String, String> properties, Map<String, String> env) {
    return ContextLimits.read(properties::get, env::get);
  }

  @Test
  void defaultsApplyWhenNothingIsConfigured() {
    ContextLimits limits = read(new HashMap<>(), new HashMap<>());
    assertThat(limits.maxEntries()).isEqualTo(128);
    assertThat(limits.maxDepth()).isEqualTo(32);
    assertThat(limits.maxLength()).isEqualTo(32_768);
    assertThat(limits.maxJsonLength()).isEqualTo(32_768);
  }

  @Test
  void systemPropertyWinsOverEnvironmentKeyByKey() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.openinference.limits.entries", "7");
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_OPENINFERENCE_LIMITS_ENTRIES", "9");
    env.put("OTEL_OPENINFERENCE_LIMITS_DEPTH", "4");
    env.put("OTEL_OPENINFERENCE_LIMITS_LENGTH", "1000");
    ContextLimits limits = read(properties, env);
    assertThat(limits.maxEntries()).isEqualTo(7);
    assertThat(limits.maxDepth()).isEqualTo(4);
    assertThat(limits.maxLength()).isEqualTo(1000);
  }

  @Test
  void theSdkValueLengthLimitCapsTheJsonLengthAndIsNamedInWarnings() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "256");
    ContextLimits limits = read(new HashMap<>(), env);
    assertThat(limits.maxJsonLength()).isEqualTo(256);
    assertThat(limits.maxLength()).isEqualTo(32_768);
    assertThat(limits.jsonLengthSetting())
        .contains("otel.attribute.value.length.limit=256")
        .contains("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT");
  }

  @Test
  void theSpanValueLengthLimitWinsOverTheGeneralOne() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.span.attribute.value.length.limit", "100");
    properties.put("otel.attribute.value.length.limit", "300");
    ContextLimits limits = read(properties, new HashMap<>());
    assertThat(limits.maxJsonLength()).isEqualTo(100);
    assertThat(limits.jsonLengthSetting()).contains("otel.span.attribute.value.length.limit=100");
  }

  @Test
  void anSdkLimitAboveOursChangesNothing() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.attribute.value.length.limit", "1000000");
    assertThat(read(properties, new HashMap<>()).maxJsonLength()).isEqualTo(32_768);
  }

  @Test
  void badValuesAreNamedInAWarningAndReplacedByTheDefault() {
    List<String> warnings = new ArrayList<>();
    Logger logger = Logger.getLogger(ContextLimits.class.getName());
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
    boolean parents = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    try {
      Map<String, String> properties = new HashMap<>();
      properties.put("otel.openinference.limits.entries", "many");
      properties.put("otel.openinference.limits.depth", "0");
      ContextLimits limits = read(properties, new HashMap<>());
      assertThat(limits.maxEntries()).isEqualTo(128);
      assertThat(limits.maxDepth()).isEqualTo(32);
      assertThat(warnings)
          .anySatisfy(
              w -> assertThat(w).contains("otel.openinference.limits.entries").contains("\"many\""))
          .anySatisfy(
              w -> assertThat(w).contains("otel.openinference.limits.depth").contains("\"0\""));
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(parents);
    }
  }

  @Test
  void environmentNamesAreUpperCaseWithUnderscores() {
    assertThat(ContextLimits.envName(ContextLimits.LENGTH))
        .isEqualTo("OTEL_OPENINFERENCE_LIMITS_LENGTH");
  }
}
