/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;

/**
 * Installs OpenInference wherever the SDK is autoconfigured ({@code
 * AutoConfiguredOpenTelemetrySdk}, the OTel Spring Boot starter, the OTel javaagent): adds {@link
 * dev.openinference.processor.OpenInferenceSpanProcessor} as the first span processor and the
 * {@code openinference.project.name} resource attribute, as {@code otel.openinference.*} says.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceCustomizerProvider implements AutoConfigurationCustomizerProvider {

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addTracerProviderCustomizer(OpenInferenceCustomizerProvider::addProcessor);
    customizer.addResourceCustomizer(OpenInferenceCustomizerProvider::addProjectName);
  }

  private static SdkTracerProviderBuilder addProcessor(
      SdkTracerProviderBuilder builder, ConfigProperties config) {
    OpenInferenceConfiguration settings = OpenInferenceConfiguration.fromConfigProperties(config);
    if (!settings.isEnabled()) {
      return builder;
    }
    // First, so processors after it (and users' own) already see the stamped values.
    return builder.addSpanProcessorFirst(settings.newSpanProcessor());
  }

  private static Resource addProjectName(Resource resource, ConfigProperties config) {
    OpenInferenceConfiguration settings = OpenInferenceConfiguration.fromConfigProperties(config);
    String projectName = settings.getProjectName();
    if (!settings.isEnabled() || projectName == null) {
      return resource;
    }
    return resource.merge(Resource.create(Attributes.of(PROJECT_NAME, projectName)));
  }

  @Override
  public String toString() {
    return "OpenInferenceCustomizerProvider";
  }
}
