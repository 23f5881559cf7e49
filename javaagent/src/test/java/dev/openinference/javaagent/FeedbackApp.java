/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import dev.openinference.context.OpenInference;
import dev.openinference.context.OpenInferenceFeedback;
import dev.openinference.semconv.AnnotatorKind;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * An app with only the OTel API and {@code openinference-context}: one turn in a session, feedback
 * on its span, its trace and its session through {@code GlobalOpenTelemetry} (the agent's), then
 * exit; the agent's shutdown delivers.
 */
public final class FeedbackApp {

  static final String IDS = "ids ";

  public static void main(String[] args) {
    Span turn = GlobalOpenTelemetry.getTracer("feedback-app").spanBuilder("turn").startSpan();
    String traceId;
    try (Scope session = OpenInference.usingSession("agent-session");
        Scope scope = turn.makeCurrent()) {
      traceId = OpenInferenceFeedback.currentTraceId();
      System.out.println(IDS + traceId + " " + OpenInferenceFeedback.currentSpanId());
      OpenInferenceFeedback.forCurrentSpan()
          .setName("correctness")
          .setScore(0.5)
          .setAnnotatorKind(AnnotatorKind.LLM)
          .record();
    } finally {
      turn.end();
    }
    OpenInferenceFeedback.forTrace(traceId).setName("user_feedback").setLabel("thumbs_up").record();
    OpenInferenceFeedback.forSession("agent-session").setName("resolved").setScore(1).record();
  }

  private FeedbackApp() {}
}
