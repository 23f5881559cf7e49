/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.openinference.context.OpenInference;
import dev.openinference.exporter.OpenInferenceOtel;
import dev.openinference.testing.FakeOpenAiServer;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.openai.v1_1.OpenAITelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java client wrapped by OTel's library instrumentation ({@code
 * opentelemetry-openai-java-1.1}, message content capture on), on an SDK built by {@link
 * OpenInferenceOtel}, exporting over real OTLP/HTTP to a loopback receiver; the model is a {@link
 * FakeOpenAiServer}. What arrives must be OpenInference: session, user, kind, messages, tool call,
 * input and output, model, tokens.
 *
 * <p>Runs in its own surefire execution on the OTel 1.65 stack (see the module pom).
 */
class OpenAiJavaLibraryTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void chatWithToolRoundTripAndEmbeddingsArriveAsOpenInference() {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        FakeOpenAiServer openAi =
            FakeOpenAiServer.builder().enqueue(OpenAiConversation.toolCallResponse()).build()) {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setEndpoint(receiver.getHttpTracesEndpoint())
              .setProjectName("openai-java-it")
              .setRegisterShutdownHook(false)
              .build();
      OpenAIClient client =
          OpenAITelemetry.builder(sdk)
              .setCaptureMessageContent(true)
              .build()
              .wrap(OpenAIOkHttpClient.builder().baseUrl(openAi.baseUrl()).apiKey("test").build());
      String answer;
      try (Scope session = OpenInference.usingSession(OpenAiSpanExpectations.SESSION);
          Scope user = OpenInference.usingUser(OpenAiSpanExpectations.USER)) {
        answer = OpenAiConversation.run(client);
      } finally {
        client.close();
        // Flushes spans (and, with a logs pipeline, log records) before the receiver is read.
        sdk.close();
      }

      assertThat(answer).isEqualTo(OpenAiConversation.ANSWER);
      List<SpanData> spans = receiver.awaitSpans(3, TIMEOUT);
      OpenAiSpanExpectations.assertConversation(spans, openAi.requests());
    }
  }
}
