/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import dev.openinference.context.OpenInference;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Scope;

/**
 * The app {@link EndpointJavaagentIT} starts under the agent: one span in a session scope, then
 * exit, which runs the agent's shutdown hook (the flush that would reach an endpoint).
 */
public final class EndpointApp {

  static final String DONE = "OPENINFERENCE-ENDPOINT-APP-DONE";

  public static void main(String[] args) {
    try (Scope session = OpenInference.usingSession("endpoint-session")) {
      GlobalOpenTelemetry.getTracer("endpoint-app").spanBuilder("turn").startSpan().end();
    }
    System.out.println(DONE);
    System.out.flush();
    System.exit(0);
  }

  private EndpointApp() {}
}
