/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.testing.internal.CapturedLogs;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quarkus' own processor classes, as its OTLP recorder builds them, with a stand-in exporter. */
class QuarkusExporterWrapperTest {

  private static final ConfigProperties CONFIG =
      DefaultConfigProperties.createFromMap(Map.of("openinference.hide.inputs", "true"));

  @Test
  void theExporterInsideQuarkusBatchProcessorIsWrappedOnce() {
    NoExport quarkusExporter = new NoExport();
    BatchSpanProcessor batch = BatchSpanProcessor.builder(quarkusExporter).build();
    LateBoundSpanProcessor processor = new LateBoundSpanProcessor(batch);

    assertThat(QuarkusExporterWrapper.wrap(processor, CONFIG)).isTrue();
    assertThat(batch.getSpanExporter()).isInstanceOf(OpenInferenceSpanExporter.class);
    assertThat(batch.getSpanExporter().toString())
        .contains("delegate=" + quarkusExporter)
        .contains("hideInputs=true");
    // A second SDK build (Quarkus dev mode) does not wrap the wrapper.
    assertThat(QuarkusExporterWrapper.wrap(processor, CONFIG)).isFalse();
    batch.shutdown();
  }

  @Test
  void theExporterInsideQuarkusSimpleProcessorIsWrapped() throws Exception {
    SimpleSpanProcessor simple = SimpleSpanProcessor.builder(new NoExport()).build();

    assertThat(QuarkusExporterWrapper.wrap(new LateBoundSpanProcessor(simple), CONFIG)).isTrue();
    Field exporter = SimpleSpanProcessor.class.getDeclaredField("spanExporter");
    exporter.setAccessible(true);
    assertThat(exporter.get(simple)).isInstanceOf(OpenInferenceSpanExporter.class);
  }

  @Test
  void aProcessorOfAnotherKindIsLeftAloneWithAWarning() {
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
      assertThat(QuarkusExporterWrapper.wrap(new LateBoundSpanProcessor(new Other()), CONFIG))
          .isFalse();

      assertThat(logs.warnings())
          .singleElement()
          .asString()
          .contains("could not wrap Quarkus' OTLP span exporter")
          .contains(Other.class.getName())
          .contains("without GenAI translation, masking or turns");
    }
  }

  @Test
  void noDelegateIsNothingToWrap() {
    assertThat(QuarkusExporterWrapper.wrap(new LateBoundSpanProcessor(null), CONFIG)).isFalse();
  }

  private static final class NoExport implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "NoExport";
    }
  }

  private static final class Other implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }
  }
}
