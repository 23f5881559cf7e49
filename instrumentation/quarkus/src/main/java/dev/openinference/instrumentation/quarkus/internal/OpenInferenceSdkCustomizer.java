/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus.internal;

import dev.openinference.processor.internal.OpenInferenceConfiguration;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.arc.All;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one hook OpenInference needs in a Quarkus application. {@code quarkus-opentelemetry} builds
 * its SDK with {@code AutoConfiguredOpenTelemetrySdk} (service loader on the application's class
 * loader) and hands the builder to every CDI bean of this type. This bean:
 *
 * <ul>
 *   <li>adds the OpenInference settings of the Quarkus configuration ({@code
 *       application.properties}, profiles, {@code .env}) that Quarkus does not pass on itself: it
 *       passes {@code otel.*} and {@code quarkus.otel.*}, not {@code openinference.hide.*} nor
 *       Phoenix's names (see {@link QuarkusSettings});
 *   <li>wraps the span exporter of Quarkus' own OTLP span processor in the project's {@code
 *       OpenInferenceSpanExporter}, configured from the same {@code ConfigProperties} every other
 *       mode uses (see {@link QuarkusExporterWrapper}).
 * </ul>
 *
 * <p>Stamping needs nothing here: the processor module's autoconfigure provider, found by the same
 * service loader, adds {@code OpenInferenceSpanProcessor} first.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
@Singleton
public final class OpenInferenceSdkCustomizer
    implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer {

  private final List<LateBoundSpanProcessor> quarkusProcessors;

  OpenInferenceSdkCustomizer(@All List<SpanProcessor> spanProcessors) {
    List<LateBoundSpanProcessor> found = new ArrayList<>(1);
    for (SpanProcessor processor : spanProcessors) {
      // The removable one stands for "no OTLP exporter" (disabled, or a SpanExporter bean instead).
      if (processor instanceof LateBoundSpanProcessor
          && !(processor instanceof RemoveableLateBoundSpanProcessor)) {
        found.add((LateBoundSpanProcessor) processor);
      }
    }
    this.quarkusProcessors = found;
  }

  @Override
  public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
    builder.addPropertiesSupplier(() -> QuarkusSettings.read(ConfigProvider.getConfig()));
    builder.addTracerProviderCustomizer(this::wrapExporters);
  }

  private SdkTracerProviderBuilder wrapExporters(
      SdkTracerProviderBuilder builder, ConfigProperties config) {
    if (!OpenInferenceConfiguration.fromConfigProperties(config).isEnabled()) {
      return builder;
    }
    for (LateBoundSpanProcessor processor : quarkusProcessors) {
      QuarkusExporterWrapper.wrap(processor, config);
    }
    return builder;
  }

  @Override
  public String toString() {
    return "OpenInferenceSdkCustomizer{quarkusProcessors=" + quarkusProcessors.size() + "}";
  }
}
