/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds and starts a {@link FakeOpenAiServer}. Get one with {@link FakeOpenAiServer#builder()}.
 */
public final class FakeOpenAiServerBuilder {

  private int port;
  private final List<FakeOpenAiResponse> queued = new ArrayList<>();

  FakeOpenAiServerBuilder() {}

  /**
   * The port on 127.0.0.1. Defaults to 0, an ephemeral port chosen by the operating system.
   *
   * @throws IllegalArgumentException if the port is not in 0..65535
   */
  FakeOpenAiServerBuilder setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * Queues a scripted answer: the chat completion requests the server receives take the queued
   * answers in order, then fall back to the default echo answer.
   *
   * @param response the answer to give, not null
   * @return this builder
   * @throws IllegalArgumentException if {@code response} is null
   */
  public FakeOpenAiServerBuilder enqueue(FakeOpenAiResponse response) {
    if (response == null) {
      throw new IllegalArgumentException("response must not be null");
    }
    queued.add(response);
    return this;
  }

  /**
   * Starts the server: it listens when this returns.
   *
   * @return the running server; close it when done
   * @throws IllegalStateException if the server cannot start (for example, the port is taken)
   */
  public FakeOpenAiServer build() {
    return FakeOpenAiServer.start(port, queued);
  }

  @Override
  public String toString() {
    return "FakeOpenAiServerBuilder{port=" + port + ", queued=" + queued + "}";
  }
}
