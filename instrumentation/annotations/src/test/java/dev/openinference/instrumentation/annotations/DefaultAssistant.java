/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The implementation behind {@link Assistant}; it records which span was current. */
class DefaultAssistant implements Assistant {

  volatile Span currentInAnswer;
  final CompletableFuture<String> pending = new CompletableFuture<>();

  @Override
  public String answer(String question) {
    currentInAnswer = Span.current();
    return "answer to " + question;
  }

  @Override
  public Order lookUp(String orderId, int limit, String apiKey) {
    return new Order(orderId, "shipped");
  }

  @Override
  public String complete(List<String> messages) throws IOException {
    throw new IOException("model unreachable");
  }

  @Override
  public CompletableFuture<String> later(String question) {
    return pending;
  }

  @Override
  public List<String> search(String query) {
    return List.of("doc-1", "doc-2");
  }

  @Override
  public String plain(String value) {
    return value;
  }

  /** Annotated on the class only (not on the interface): the proxy finds it here. */
  @Chain(name = "class-annotated")
  public String classAnnotated(String value) {
    return value;
  }
}
