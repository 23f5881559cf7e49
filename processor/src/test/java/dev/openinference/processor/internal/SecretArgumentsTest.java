/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretArgumentsTest {

  private static final String KEY = "k3y-0123456789abcdef";

  @Test
  void secretSystemPropertiesAreRedactedFromTheCommandArguments() {
    List<String> args =
        Arrays.asList(
            "/usr/bin/java",
            "-javaagent:/opt/opentelemetry-javaagent.jar",
            "-Dotel.openinference.propagation.key=" + KEY + ",old-" + KEY,
            "-Dotel.exporter.otlp.headers=authorization=Bearer " + KEY,
            "-DPHOENIX.API.KEY=" + KEY,
            "-Dotel.exporter.otlp.logs.headers=x-api-key=" + KEY,
            "-Ddb.password=" + KEY,
            "-Dotel.service.name=gateway",
            "-Dotel.openinference.propagation.destinations=*.internal",
            "-jar",
            "app.jar");
    Resource resource =
        Resource.create(
            Attributes.of(
                SecretArguments.PROCESS_COMMAND_ARGS,
                args,
                AttributeKey.stringKey("service.name"),
                "gateway"),
            "https://opentelemetry.io/schemas/1.24.0");

    Resource redacted = SecretArguments.redact(resource);

    assertThat(redacted.getAttribute(SecretArguments.PROCESS_COMMAND_ARGS))
        .containsExactly(
            "/usr/bin/java",
            "-javaagent:/opt/opentelemetry-javaagent.jar",
            "-Dotel.openinference.propagation.key=__REDACTED__",
            "-Dotel.exporter.otlp.headers=__REDACTED__",
            "-DPHOENIX.API.KEY=__REDACTED__",
            "-Dotel.exporter.otlp.logs.headers=__REDACTED__",
            "-Ddb.password=__REDACTED__",
            "-Dotel.service.name=gateway",
            "-Dotel.openinference.propagation.destinations=*.internal",
            "-jar",
            "app.jar");
    assertThat(redacted.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("gateway");
    assertThat(redacted.getSchemaUrl()).isEqualTo(resource.getSchemaUrl());
    assertThat(redacted.toString()).doesNotContain(KEY);
  }

  @Test
  void secretSystemPropertiesAreRedactedFromTheCommandLine() {
    String line =
        "/usr/bin/java -Dotel.openinference.propagation.key="
            + KEY
            + " -Dotel.service.name=gateway -Dmy.api_key="
            + KEY
            + " -cp app.jar Main";
    Resource redacted =
        SecretArguments.redact(
            Resource.create(Attributes.of(SecretArguments.PROCESS_COMMAND_LINE, line)));
    assertThat(redacted.getAttribute(SecretArguments.PROCESS_COMMAND_LINE))
        .isEqualTo(
            "/usr/bin/java -Dotel.openinference.propagation.key=__REDACTED__"
                + " -Dotel.service.name=gateway -Dmy.api_key=__REDACTED__ -cp app.jar Main");
  }

  @Test
  void aResourceWithoutSecretsIsReturnedAsItIs() {
    Resource resource =
        Resource.create(
            Attributes.of(
                SecretArguments.PROCESS_COMMAND_ARGS,
                Arrays.asList("java", "-Dotel.service.name=x", "-Dkeystore=/etc/ks")));
    assertThat(SecretArguments.redact(resource)).isSameAs(resource);
    assertThat(SecretArguments.redact(Resource.empty())).isSameAs(Resource.empty());
  }
}
