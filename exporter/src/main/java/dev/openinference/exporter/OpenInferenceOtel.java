/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import io.opentelemetry.sdk.OpenTelemetrySdk;

/**
 * One-call OpenTelemetry setup for an OpenInference backend, the Java counterpart of Phoenix's
 * {@code phoenix.otel.register()}: an {@link OpenTelemetrySdk} whose tracer provider runs the
 * OpenInference span processor first (session, user, metadata, tags, span kind), then a batch span
 * processor exporting over OTLP through an {@link OpenInferenceSpanExporter} (masking, GenAI
 * translation), with the project name as the resource attribute {@code openinference.project.name}.
 *
 * <pre>{@code
 * OpenTelemetrySdk sdk = OpenInferenceOtel.register();          // from the environment, global
 * OpenTelemetrySdk sdk = OpenInferenceOtel.builder()
 *     .setProjectName("support-bot")
 *     .setEndpoint("https://phoenix.example.com/v1/traces")
 *     .setApiKey(System.getenv("PHOENIX_API_KEY"))
 *     .build();
 * }</pre>
 *
 * <p>See {@link OpenInferenceOtelBuilder} for every setting and the environment variables that
 * stand in for unset ones.
 */
public final class OpenInferenceOtel {

  /**
   * Builds the SDK from the environment, registers it as {@link
   * io.opentelemetry.api.GlobalOpenTelemetry} and returns it. Same as {@code
   * builder().setGlobal(true).build()}.
   *
   * @return the SDK, never null; one that exports nothing (with a warning) when OpenTelemetry
   *     rejects the configuration
   */
  public static OpenTelemetrySdk register() {
    return builder().setGlobal(true).build();
  }

  /**
   * Returns a builder; settings left unset come from the environment, then the defaults.
   *
   * @return a new builder with nothing set, never null
   */
  public static OpenInferenceOtelBuilder builder() {
    return new OpenInferenceOtelBuilder();
  }

  private OpenInferenceOtel() {}
}
