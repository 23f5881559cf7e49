/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import dev.openinference.context.OpenInferenceFeedback;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/**
 * A second, short-lived process that rates another process's conversation: it knows only the
 * session id and a turn's trace id, records feedback and exits; the SDK's shutdown hook delivers.
 */
public final class FeedbackApp {

  public static void main(String[] args) {
    AutoConfiguredOpenTelemetrySdk.builder().setResultAsGlobal().build();
    OpenInferenceFeedback.forSession(args[0]).setName("resolved").setLabel("yes").record();
    OpenInferenceFeedback.forTrace(args[1])
        .setName("user_feedback")
        .setScore(1)
        .setLabel("thumbs_up")
        .record();
    System.out.println("recorded");
  }

  private FeedbackApp() {}
}
