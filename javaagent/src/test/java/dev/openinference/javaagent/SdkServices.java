/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.concurrent.TimeUnit;

/**
 * The SDK of {@link ServiceApp} in {@code sdk} mode, from {@code AutoConfiguredOpenTelemetrySdk}
 * and the {@code otel.*} system properties; a class of its own so that agent mode, whose class path
 * has no SDK, never loads it.
 */
final class SdkServices {

  private static OpenTelemetrySdk sdk;

  static void start() {
    sdk =
        AutoConfiguredOpenTelemetrySdk.builder().setResultAsGlobal().build().getOpenTelemetrySdk();
  }

  static void stop() {
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    sdk.close();
  }

  private SdkServices() {}
}
