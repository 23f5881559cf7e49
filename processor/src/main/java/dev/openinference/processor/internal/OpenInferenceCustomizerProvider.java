/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;

import dev.openinference.processor.OpenInferenceSpanProcessor;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Installs OpenInference wherever the SDK is autoconfigured ({@code
 * AutoConfiguredOpenTelemetrySdk}, the OTel Spring Boot starter, the OTel javaagent): wraps the
 * configured sampler with {@link OpenInferenceSampler}, which stamps the context values as the
 * sampling result's attributes, adds {@link dev.openinference.processor.OpenInferenceSpanProcessor}
 * as the first span processor for tracer providers whose sampler something replaced afterwards (see
 * {@link SamplerFallbackProcessor}), and adds the {@code openinference.project.name} resource
 * attribute, as {@code otel.openinference.*} says.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceCustomizerProvider implements AutoConfigurationCustomizerProvider {

  private static final Logger fineLogger =
      Logger.getLogger(OpenInferenceCustomizerProvider.class.getName());

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    // One per SDK being configured: the processor defers to the sampler wrapped for the same SDK.
    OpenInferenceSampler[] wrapped = new OpenInferenceSampler[1];
    customizer.addSamplerCustomizer(
        (sampler, config) -> {
          OpenInferenceConfiguration settings =
              OpenInferenceConfiguration.fromConfigProperties(config);
          if (!settings.isEnabled()) {
            return sampler;
          }
          wrapped[0] = settings.newSampler(sampler);
          return wrapped[0];
        });
    customizer.addTracerProviderCustomizer(
        (builder, config) -> addProcessor(builder, config, wrapped[0]));
    customizer.addResourceCustomizer(OpenInferenceCustomizerProvider::addProjectName);
  }

  private static SdkTracerProviderBuilder addProcessor(
      SdkTracerProviderBuilder builder,
      ConfigProperties config,
      @Nullable OpenInferenceSampler sampler) {
    OpenInferenceConfiguration settings = OpenInferenceConfiguration.fromConfigProperties(config);
    if (!settings.isEnabled()) {
      return builder;
    }
    OpenInferenceSpanProcessor processor = settings.newSpanProcessor();
    if (sampler != null && fineLogger.isLoggable(Level.FINE)) {
      fineLogger.fine(
          "OpenInference stamps spans at start through the sampler "
              + sampler
              + "; its processor stamps only if something replaces that sampler");
    }
    // First, so processors after it (and users' own) already see the stamped values.
    return builder.addSpanProcessorFirst(
        sampler == null ? processor : SamplerFallbackProcessor.create(processor, sampler));
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
