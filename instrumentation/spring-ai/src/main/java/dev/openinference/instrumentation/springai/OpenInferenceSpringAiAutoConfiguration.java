/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.ai.model.observation.ModelObservationContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationRegistryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link OpenInferenceObservationHandler} on the application's {@link
 * ObservationRegistry} when Spring AI and Micrometer tracing are on the class path.
 *
 * <p>The handler is added by an {@link ObservationRegistryCustomizer}, which Spring Boot runs after
 * it has registered the {@code ObservationHandler} beans, the tracing handler among them. That
 * order matters: Micrometer calls {@code onStart} in registration order and {@code onStop} in
 * reverse, so the handler sees the span after it is created and before it ends. It is deliberately
 * not an {@code ObservationHandler} bean, which Boot would register a second time and in its own
 * order.
 *
 * <p>To turn it off, exclude this class ({@code spring.autoconfigure.exclude}).
 */
@AutoConfiguration
@ConditionalOnClass({
  ObservationRegistry.class,
  ObservationRegistryCustomizer.class,
  TracingObservationHandler.class,
  ModelObservationContext.class
})
public final class OpenInferenceSpringAiAutoConfiguration {

  OpenInferenceSpringAiAutoConfiguration() {}

  /** Adds the OpenInference handler after the handlers Boot registered. */
  @Bean
  static ObservationRegistryCustomizer<ObservationRegistry>
      openInferenceSpringAiObservationRegistryCustomizer() {
    OpenInferenceObservationHandler handler = OpenInferenceObservationHandler.create();
    return registry -> registry.observationConfig().observationHandler(handler);
  }

  @Override
  public String toString() {
    return "OpenInferenceSpringAiAutoConfiguration";
  }
}
