/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_OPERATION_NAME;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;

/**
 * The floor for stamping the four values and a kind through the public SDK API: exactly the span
 * calls {@code OpenInferenceSpanProcessor} makes on a span in a scope with the four values (read
 * the kind and the operation, write four values and the kind), with the values held in fields and
 * no context lookup, merge or branch. Each call takes the span's lock.
 */
final class SameCallsProcessor implements SpanProcessor {

  private final String sessionId;
  private final String userId;
  private final String metadataJson;
  private final List<String> tags;

  private SameCallsProcessor(
      String sessionId, String userId, String metadataJson, List<String> tags) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.metadataJson = metadataJson;
    this.tags = tags;
  }

  static SameCallsProcessor create(
      String sessionId, String userId, String metadataJson, List<String> tags) {
    return new SameCallsProcessor(sessionId, userId, metadataJson, tags);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    span.setAttribute(SESSION_ID, sessionId);
    span.setAttribute(USER_ID, userId);
    span.setAttribute(METADATA, metadataJson);
    span.setAttribute(TAG_TAGS, tags);
    if (span.getAttribute(OPENINFERENCE_SPAN_KIND) == null
        && span.getAttribute(GEN_AI_OPERATION_NAME) == null) {
      span.setAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public String toString() {
    return "SameCallsProcessor";
  }
}
