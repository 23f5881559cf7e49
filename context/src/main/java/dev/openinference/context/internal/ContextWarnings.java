/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import dev.openinference.context.OpenInference;

/**
 * The one rate-limited logger of the context API ({@code dev.openinference.context.OpenInference}),
 * shared by the public methods and by the internal code that cuts values to their caps, so the rate
 * limit counts all of them together.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class ContextWarnings {

  /** The logger; at most a few warnings a minute. */
  public static final RateLimitedLogger LOGGER = RateLimitedLogger.create(OpenInference.class);

  /** Logs {@code message} as a rate-limited warning; never throws. */
  public static void warn(String message) {
    LOGGER.warning(message);
  }

  private ContextWarnings() {}
}
