/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;

/**
 * Wherever the SDK is autoconfigured (SDK autoconfigure, the Spring Boot starter, the OTel
 * javaagent), redacts secrets given as {@code -D} system properties from the resource's {@code
 * process.command_args} and {@code process.command_line} (see {@link SecretArguments}), so a
 * propagation key or an exporter header given on the command line is not exported with every span.
 * It runs even with {@code otel.openinference.enabled=false}: it only ever removes secrets.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class SecretRedactionCustomizerProvider
    implements AutoConfigurationCustomizerProvider {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(SecretRedactionCustomizerProvider.class);

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addResourceCustomizer(SecretRedactionCustomizerProvider::redact);
  }

  private static Resource redact(Resource resource, ConfigProperties config) {
    try {
      return SecretArguments.redact(resource);
    } catch (RuntimeException e) {
      // Never the resource in the message: it holds the secrets.
      logger.warning(
          "Could not redact secrets from process.command_args; dropped the command-line"
              + " attributes instead: "
              + e.getClass().getName());
      return SecretArguments.withoutCommandLine(resource);
    }
  }

  /** After every other provider's resource customizers, so none adds the attributes back. */
  @Override
  public int order() {
    return Integer.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "SecretRedactionCustomizerProvider";
  }
}
