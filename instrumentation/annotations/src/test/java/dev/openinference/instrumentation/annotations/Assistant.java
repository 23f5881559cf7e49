/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import dev.openinference.semconv.OpenInferenceSpanKind;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An interface whose methods carry the annotations, as a user's service would. */
public interface Assistant {

  @Agent(name = "support-agent")
  String answer(String question);

  @Tool(description = "Looks up an order")
  Order lookUp(String orderId, int limit, @ExcludeFromInput String apiKey);

  @Llm
  String complete(List<String> messages) throws IOException;

  @Chain
  CompletableFuture<String> later(String question);

  @Traced(kind = OpenInferenceSpanKind.RETRIEVER, name = "search-docs")
  List<String> search(String query);

  /** Not annotated: passes through untraced. */
  String plain(String value);

  /** A value returned by a tool: recorded as JSON. */
  record Order(String id, String status) {}
}
