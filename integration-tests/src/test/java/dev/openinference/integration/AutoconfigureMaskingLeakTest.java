/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.internal.MaskingMarkers;
import dev.openinference.testing.internal.MaskingMarkers.Flag;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SDK-autoconfigure mode of the masking leak check ({@link MaskingMarkers}): no code, the flag as a
 * configuration property ({@code openinference.hide.inputs=true}, the form of {@code
 * -Dopeninference.hide.inputs} and {@code OPENINFERENCE_HIDE_INPUTS}), the exporter wrapped by the
 * autoconfigure provider, GenAI log events joined by the logger-provider customizer, real OTLP/HTTP
 * to the loopback receiver.
 */
class AutoconfigureMaskingLeakTest {

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @ParameterizedTest
  @EnumSource(Flag.class)
  void noHiddenMarkerReachesTheReceiver(Flag flag) {
    AutoConfiguredOpenTelemetrySdk sdk =
        Autoconfigure.sdk(
            otlp.getHttpTracesEndpoint(), Collections.singletonMap(flag.property(), flag.value()));
    OpenTelemetrySdk openTelemetry = sdk.getOpenTelemetrySdk();
    try {
      MaskingMarkers.emitEverywhere(
          openTelemetry.getTracer("leak-test"), openTelemetry.getLogsBridge().get("leak-test"));
      Autoconfigure.flush(sdk);
    } finally {
      openTelemetry.close();
    }

    MaskingMarkers.Outcome outcome =
        MaskingMarkers.check(
            flag,
            MaskingMarkers.everything(
                otlp.awaitSpans(MaskingMarkers.SPAN_COUNT, Duration.ofSeconds(10))));
    assertThat(outcome.leaked()).as("markers %s hides that reached the receiver", flag).isEmpty();
    assertThat(outcome.missing()).as("markers %s does not hide that never arrived", flag).isEmpty();
  }
}
