/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.internal.MaskingMarkers;
import dev.openinference.testing.internal.MaskingMarkers.Flag;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SDK mode of the masking leak check ({@link MaskingMarkers}): a {@link TraceConfig} built in code
 * per flag, the exporter wrapped by hand around the real OTLP/HTTP exporter, and the loopback
 * receiver. No marker the flag hides may arrive, and every marker it does not hide must (so the
 * markers do travel). The autoconfigure, declarative and javaagent modes run the same check in
 * their modules.
 */
class MaskingLeakTest {

  private static OtlpReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = OtlpReceiver.create();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  /** The flag set in code, as an application would. */
  private static TraceConfig inCode(Flag flag) {
    TraceConfigBuilder builder = TraceConfig.builder();
    switch (flag) {
      case HIDE_INPUTS:
        return builder.setHideInputs(true).build();
      case HIDE_OUTPUTS:
        return builder.setHideOutputs(true).build();
      case HIDE_INPUT_MESSAGES:
        return builder.setHideInputMessages(true).build();
      case HIDE_OUTPUT_MESSAGES:
        return builder.setHideOutputMessages(true).build();
      case HIDE_INPUT_IMAGES:
        return builder.setHideInputImages(true).build();
      case HIDE_INPUT_TEXT:
        return builder.setHideInputText(true).build();
      case HIDE_OUTPUT_TEXT:
        return builder.setHideOutputText(true).build();
      case HIDE_EMBEDDINGS_TEXT:
        return builder.setHideEmbeddingsText(true).build();
      case HIDE_LLM_INVOCATION_PARAMETERS:
        return builder.setHideLlmInvocationParameters(true).build();
      case HIDE_LLM_TOOLS:
        return builder.setHideLlmTools(true).build();
      case HIDE_PROMPTS:
        return builder.setHidePrompts(true).build();
      case HIDE_CHOICES:
        return builder.setHideChoices(true).build();
      case BASE64_LIMIT_MINUS_ONE:
        return builder.setBase64ImageMaxLength(-1).build();
    }
    throw new AssertionError(flag);
  }

  @ParameterizedTest
  @EnumSource(Flag.class)
  void noHiddenMarkerReachesTheReceiver(Flag flag) {
    receiver.reset();
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OpenInferenceSpanExporter.wrap(
                            OtlpHttpSpanExporter.builder()
                                .setEndpoint(receiver.getHttpTracesEndpoint())
                                .build(),
                            inCode(flag)))
                    .build())
            .build();
    SdkLoggerProvider loggerProvider =
        SdkLoggerProvider.builder().addLogRecordProcessor(GenAiEventsBridge.shared()).build();
    MaskingMarkers.emitEverywhere(tracerProvider.get("leak-test"), loggerProvider.get("leak-test"));
    tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    loggerProvider.shutdown();

    MaskingMarkers.Outcome outcome =
        MaskingMarkers.check(
            flag,
            MaskingMarkers.everything(
                receiver.awaitSpans(MaskingMarkers.SPAN_COUNT, Duration.ofSeconds(10))));
    assertThat(outcome.leaked()).as("markers %s hides that reached the receiver", flag).isEmpty();
    assertThat(outcome.missing()).as("markers %s does not hide that never arrived", flag).isEmpty();
  }
}
