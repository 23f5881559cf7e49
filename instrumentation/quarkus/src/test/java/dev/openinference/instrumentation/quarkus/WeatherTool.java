/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import dev.langchain4j.agent.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;

/** The tool the assistant calls. */
@ApplicationScoped
public class WeatherTool {

  /** Returns the weather in Paris. */
  @Tool("The current weather in Paris")
  public String weather() {
    return "Sunny, 21 degrees";
  }
}
