/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;

import dev.openinference.semconv.OpenInferenceSpanKind;
import io.micrometer.observation.Observation;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;

/**
 * A chat-client advisor step, kind {@code CHAIN}. It carries no content of its own: the question
 * and answer are on the chat-client span, the messages on the model span.
 */
final class AdvisorWriter implements ContextWriter {

  @Override
  public boolean supports(Observation.Context context) {
    return context instanceof AdvisorObservationContext;
  }

  @Override
  public void onStart(Observation.Context context, SpanAttributes out) {
    out.put(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.CHAIN.getValue());
  }

  @Override
  public void onStop(Observation.Context context, SpanAttributes out) {}

  @Override
  public String toString() {
    return "AdvisorWriter";
  }
}
