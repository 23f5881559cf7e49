/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.exporter.OpenInferenceOtel;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.ReceivedAnnotation;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the examples send their spans when no backend is configured: an {@link OtlpReceiver} on
 * 127.0.0.1, reached over real OTLP/HTTP by an SDK built with {@link OpenInferenceOtel}, exactly as
 * a Phoenix endpoint would be.
 */
final class LocalBackend implements AutoCloseable {

  private final OtlpReceiver receiver;
  private final OpenTelemetrySdk sdk;

  private LocalBackend(OtlpReceiver receiver, OpenTelemetrySdk sdk) {
    this.receiver = receiver;
    this.sdk = sdk;
  }

  /** Starts a receiver and builds an SDK exporting to it under {@code projectName}. */
  static LocalBackend start(String projectName) {
    Examples.disableNagleInJdkHttpServer();
    OtlpReceiver receiver = OtlpReceiver.create();
    try {
      OpenTelemetrySdk sdk =
          OpenInferenceOtel.builder()
              .setProjectName(projectName)
              .setEndpoint(receiver.getHttpTracesEndpoint())
              .setProtocol("http/protobuf")
              .build();
      return new LocalBackend(receiver, sdk);
    } catch (RuntimeException | Error e) {
      receiver.close(); // its server threads would keep the JVM alive
      throw e;
    }
  }

  OpenTelemetry openTelemetry() {
    return sdk;
  }

  String endpoint() {
    return receiver.getHttpTracesEndpoint();
  }

  /** Exports every ended span and returns all the receiver has got so far. */
  List<SpanData> flush() {
    sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    return receiver.getSpans();
  }

  /**
   * Delivers pending feedback and returns the annotations the receiver, a fake Phoenix, accepted.
   */
  List<ReceivedAnnotation> feedback() {
    sdk.getSdkLoggerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    return receiver.getAnnotations();
  }

  @Override
  public void close() {
    sdk.close();
    receiver.close();
  }

  @Override
  public String toString() {
    return "LocalBackend{" + receiver + "}";
  }
}
