/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarkusSettingsTest {

  @Test
  void passesOnTheOpenInferenceAndPhoenixPropertiesThatQuarkusDoesNot() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .withSources(
                new PropertiesConfigSource(
                    Map.of(
                        "openinference.hide.inputs", "true",
                        "openinference.base64.image.max.length", "${max.length}",
                        "max.length", "100",
                        "phoenix.project.name", "shop",
                        "otel.openinference.session.id", "passed-by-quarkus-itself",
                        "quarkus.http.port", "8080"),
                    "application.properties",
                    250))
            .build();

    assertThat(QuarkusSettings.read(config))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "openinference.hide.inputs", "true",
                "openinference.base64.image.max.length", "100",
                "phoenix.project.name", "shop"));
  }

  @Test
  void aPropertyThatCannotBeExpandedIsNotAFailure() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .withSources(
                new PropertiesConfigSource(
                    Map.of("openinference.hide.inputs", "${missing}"),
                    "application.properties",
                    250))
            .build();

    assertThat(QuarkusSettings.read(config)).doesNotContainKey("openinference.hide.inputs");
  }
}
