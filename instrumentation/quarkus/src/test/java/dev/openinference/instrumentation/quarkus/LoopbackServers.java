/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import dev.openinference.testing.FakeOpenAiServer;
import dev.openinference.testing.OtlpReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the loopback OTLP receiver and the fake OpenAI server before the Quarkus application and
 * points Quarkus' OTLP exporter and quarkus-langchain4j's OpenAI client at them.
 */
public final class LoopbackServers implements QuarkusTestResourceLifecycleManager {

  static volatile OtlpReceiver receiver;
  static volatile FakeOpenAiServer openAi;

  @Override
  public Map<String, String> start() {
    receiver = OtlpReceiver.create();
    openAi = FakeOpenAiServer.create();
    return Map.of(
        "quarkus.otel.exporter.otlp.traces.endpoint", receiver.getHttpEndpoint(),
        "quarkus.langchain4j.openai.base-url", openAi.baseUrl());
  }

  @Override
  public void stop() {
    if (openAi != null) {
      openAi.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }
}
