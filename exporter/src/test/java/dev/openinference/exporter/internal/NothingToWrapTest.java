/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.OpenInferenceSpanExporter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collections;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An exporter that sends nothing (the SDK's composite of no exporters, which Quarkus configures
 * beside its own OTLP processor) is not wrapped: wrapping it would translate and hold turns for
 * nobody.
 */
class NothingToWrapTest {

  private static final ConfigProperties CONFIG =
      DefaultConfigProperties.createFromMap(Collections.emptyMap());

  @Test
  void theCompositeOfNoExportersStaysAsItIs() {
    SpanExporter nothing = SpanExporter.composite();

    assertThat(exporterCustomizer().apply(nothing, CONFIG)).isSameAs(nothing);
  }

  @Test
  void aRealExporterIsStillWrapped() {
    assertThat(exporterCustomizer().apply(InMemorySpanExporter.create(), CONFIG))
        .isInstanceOf(OpenInferenceSpanExporter.class);
  }

  private static BiFunction<? super SpanExporter, ConfigProperties, ? extends SpanExporter>
      exporterCustomizer() {
    Capture capture = new Capture();
    new OpenInferenceExporterCustomizerProvider().customize(capture);
    return capture.exporterCustomizer;
  }

  private static final class Capture implements AutoConfigurationCustomizer {
    BiFunction<? super SpanExporter, ConfigProperties, ? extends SpanExporter> exporterCustomizer;

    @Override
    public AutoConfigurationCustomizer addSpanExporterCustomizer(
        BiFunction<? super SpanExporter, ConfigProperties, ? extends SpanExporter> customizer) {
      this.exporterCustomizer = customizer;
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addPropagatorCustomizer(
        BiFunction<? super TextMapPropagator, ConfigProperties, ? extends TextMapPropagator>
            customizer) {
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addResourceCustomizer(
        BiFunction<? super Resource, ConfigProperties, ? extends Resource> customizer) {
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addSamplerCustomizer(
        BiFunction<? super Sampler, ConfigProperties, ? extends Sampler> customizer) {
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addPropertiesSupplier(
        Supplier<Map<String, String>> propertiesSupplier) {
      return this;
    }
  }
}
