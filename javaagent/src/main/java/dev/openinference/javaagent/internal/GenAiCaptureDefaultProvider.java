/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent.internal;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Collections;
import java.util.Map;

/**
 * Under the javaagent, turns GenAI message-content capture on ({@code
 * otel.instrumentation.genai.capture-message-content=true}) unless the user set it: the
 * OpenInference convention, since Phoenix users expect to see prompts (masking still applies). The
 * agent's instrumentations read their settings from the same configuration the SDK is
 * autoconfigured with, so an override added here reaches them.
 *
 * <p>A properties customizer, not a properties supplier: customizers see the merged configuration
 * (the agent's configuration file included, which the agent supplies last), so a value the user set
 * anywhere is left alone, whatever order the providers run in.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class GenAiCaptureDefaultProvider implements AutoConfigurationCustomizerProvider {

  static final String CAPTURE = "otel.instrumentation.genai.capture-message-content";

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addPropertiesCustomizer(GenAiCaptureDefaultProvider::captureByDefault);
  }

  static Map<String, String> captureByDefault(ConfigProperties config) {
    String value;
    try {
      value = config.getString(CAPTURE);
    } catch (RuntimeException e) {
      return Collections.emptyMap();
    }
    if (value != null) {
      return Collections.emptyMap();
    }
    return Collections.singletonMap(CAPTURE, "true");
  }

  @Override
  public String toString() {
    return "GenAiCaptureDefaultProvider";
  }
}
