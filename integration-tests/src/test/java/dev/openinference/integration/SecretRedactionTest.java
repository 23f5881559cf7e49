/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiverExtension;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The secret-redacting resource customizer is installed by SDK autoconfigure through its SPI, and
 * what reaches a real OTLP receiver carries the command line without the secret. (The javaagent,
 * whose process detector fills {@code process.command_args}, is tested in {@code
 * PropagationKeyLeakIT}.)
 */
class SecretRedactionTest {

  private static final String KEY = "k3y-0123456789abcdef";
  private static final AttributeKey<String> COMMAND_LINE =
      AttributeKey.stringKey("process.command_line");

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @Test
  void aKeyGivenOnTheCommandLineIsRedactedFromTheExportedResource() {
    AutoConfiguredOpenTelemetrySdk sdk =
        Autoconfigure.sdk(
            otlp.getReceiver().getHttpTracesEndpoint(),
            Map.of(
                "otel.resource.attributes",
                "process.command_line=java -Dotel.openinference.propagation.key="
                    + KEY
                    + " -Dotel.service.name=x Main"));
    try {
      sdk.getOpenTelemetrySdk().getTracer("test").spanBuilder("span").startSpan().end();
      Autoconfigure.flush(sdk);
    } finally {
      sdk.getOpenTelemetrySdk().close();
    }
    List<SpanData> spans = otlp.getReceiver().awaitSpans(1, Duration.ofSeconds(10));
    assertThat(spans)
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.getResource().getAttribute(COMMAND_LINE))
                  .isEqualTo(
                      "java -Dotel.openinference.propagation.key=__REDACTED__"
                          + " -Dotel.service.name=x Main");
              assertThat(span.toString()).doesNotContain(KEY);
            });
  }
}
