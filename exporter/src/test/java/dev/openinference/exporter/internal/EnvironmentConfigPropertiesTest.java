/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentConfigPropertiesTest {

  private static EnvironmentConfigProperties properties(String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return EnvironmentConfigProperties.create(ConfigValues.fromMap(env), Collections.emptyMap());
  }

  @Test
  void propertiesReadTheirOpenTelemetryVariable() {
    EnvironmentConfigProperties config =
        properties("OTEL_OPENINFERENCE_SESSION_ID", " s-1 ", "OTEL_BSP_SCHEDULE_DELAY", "2s");
    assertThat(config.getString("otel.openinference.session.id")).isEqualTo("s-1");
    assertThat(config.getString("otel.openinference.session-id")).isEqualTo("s-1");
    assertThat(config.getString("otel.openinference.user.id")).isNull();
    assertThat(config.getDuration("otel.bsp.schedule.delay")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void overridesWinOverTheEnvironment() {
    EnvironmentConfigProperties config =
        EnvironmentConfigProperties.create(
            ConfigValues.fromMap(Collections.singletonMap("OTEL_X_Y", "env")),
            Collections.singletonMap("otel.x.y", "override"));
    assertThat(config.getString("otel.x.y")).isEqualTo("override");
  }

  @Test
  void typedGettersParseOrThrowConfigurationException() {
    EnvironmentConfigProperties config =
        properties("A_INT", "3", "A_BAD", "x", "A_LIST", "a, b,,c", "A_MAP", "k=v,k2=v2");
    assertThat(config.getInt("a.int")).isEqualTo(3);
    assertThat(config.getLong("a.int")).isEqualTo(3L);
    assertThat(config.getDouble("a.int")).isEqualTo(3.0);
    assertThat(config.getBoolean("a.int")).isFalse();
    assertThat(config.getList("a.list")).containsExactly("a", "b", "c");
    assertThat(config.getMap("a.map")).containsExactly(entry("k", "v"), entry("k2", "v2"));
    assertThat(config.getList("missing")).isEmpty();
    assertThatThrownBy(() -> config.getInt("a.bad")).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> config.getMap("a.bad")).isInstanceOf(ConfigurationException.class);
  }
}
