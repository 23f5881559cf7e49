/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import dev.openinference.testing.internal.MaskingMarkers;
import io.opentelemetry.api.GlobalOpenTelemetry;

/**
 * The application of {@link JavaagentMaskingLeakIT}: puts every masking marker in its place through
 * the OTel API the agent instruments (spans, span events and GenAI log-record events), then exits;
 * the agent's shutdown hook exports.
 */
public final class MaskingLeakApp {

  public static void main(String[] args) {
    MaskingMarkers.emitEverywhere(
        GlobalOpenTelemetry.getTracer("leak-test"),
        GlobalOpenTelemetry.get().getLogsBridge().get("leak-test"));
    System.out.println("emitted");
  }

  private MaskingLeakApp() {}
}
