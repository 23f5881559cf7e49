/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** In a class of its own: warnings are rate-limited per JVM and surefire forks one per class. */
class UnbatchedExportWarningTest {

  private static OpenTelemetrySdk unbatched(String endpoint) {
    return OpenInferenceOtel.builder()
        .setEnvironment(Collections.emptyMap())
        .setRegisterShutdownHook(false)
        .setEndpoint(endpoint)
        .setBatch(false)
        .build();
  }

  @Test
  void unbatchedExportToARemoteEndpointIsWarnedAboutButLocalIsNot() {
    try (LogCapture log = LogCapture.of(OpenInferenceOtelBuilder.class)) {
      try (OpenTelemetrySdk local = unbatched("http://127.0.0.1:6006/v1/traces")) {
        assertThat(local.getSdkTracerProvider().toString()).contains("SimpleSpanProcessor");
      }
      assertThat(log.messages()).noneMatch(m -> m.contains("one by one"));

      try (OpenTelemetrySdk remote = unbatched("https://phoenix.example.com/v1/traces")) {
        assertThat(remote.getSdkTracerProvider().toString()).contains("SimpleSpanProcessor");
      }
      assertThat(log.messages())
          .anySatisfy(m -> assertThat(m).contains("one by one").contains("phoenix.example.com"));
    }
  }
}
