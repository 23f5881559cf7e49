/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import dev.langchain4j.service.SystemMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;

/** The quarkus-langchain4j AI service of the test application, with one tool. */
@RegisterAiService(tools = WeatherTool.class)
@ApplicationScoped
public interface Assistant {

  /** One turn of the conversation. */
  @SystemMessage("You are a helpful weather assistant.")
  String chat(String message);
}
