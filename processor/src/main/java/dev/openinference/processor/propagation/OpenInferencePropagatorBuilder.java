/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import static dev.openinference.context.internal.RateLimitedLogger.describe;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.sdk.common.Clock;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an {@link OpenInferencePropagator}. Bad input (a null or short key, an unknown field, a
 * pattern that is not a host) is dropped with a rate-limited warning; the builder never throws.
 */
public final class OpenInferencePropagatorBuilder {

  /** Keys shorter than this many bytes (UTF-8) are refused. */
  static final int MIN_KEY_BYTES = 16;

  /** How long a signed value stays good by default: 5 minutes. */
  static final long DEFAULT_MAX_AGE_SECONDS = 300;

  static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferencePropagatorBuilder.class);

  private final List<String> keys = new ArrayList<>();
  private final Set<PropagatedField> fields = EnumSet.allOf(PropagatedField.class);
  private final List<DestinationPattern> destinations = new ArrayList<>();
  private long maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS;
  private Clock clock = Clock.getDefault();

  OpenInferencePropagatorBuilder() {}

  /**
   * Adds an HMAC key. The first key added signs outbound values; every key verifies inbound ones,
   * so a key is rotated by adding the new key after the old one everywhere, then putting it first,
   * then removing the old one. A key must be at least 16 bytes; use a random one, for example
   * {@code openssl rand -base64 32}.
   *
   * @param key the shared secret, surrounding white space ignored; null, blank or shorter than 16
   *     bytes (UTF-8) is ignored with a warning
   * @return this builder
   */
  public OpenInferencePropagatorBuilder addKey(String key) {
    if (key == null || key.trim().getBytes(UTF_8).length < MIN_KEY_BYTES) {
      logger.warning(
          "OpenInferencePropagatorBuilder.addKey: ignored a "
              + (key == null ? "null" : key.trim().isEmpty() ? "blank" : "too short")
              + " key (at least "
              + MIN_KEY_BYTES
              + " bytes); without a usable key nothing is propagated.");
      return this;
    }
    keys.add(key.trim());
    return this;
  }

  /**
   * Replaces the keys with {@code keys}, the first of which signs; see {@link #addKey}.
   *
   * @param keys the keys, signing key first; unusable ones are ignored with a warning, null clears
   *     them all with a warning
   * @return this builder
   */
  public OpenInferencePropagatorBuilder setKeys(List<String> keys) {
    this.keys.clear();
    if (keys == null) {
      logger.warning("OpenInferencePropagatorBuilder.setKeys: ignored null keys.");
      return this;
    }
    for (String key : keys) {
      addKey(key);
    }
    return this;
  }

  /**
   * Sets the fields that are sent and accepted, by span attribute name: {@code session.id}, {@code
   * user.id} (the default is both). An empty list propagates nothing.
   *
   * @param fields attribute names to propagate; unknown names are ignored with a warning, null
   *     propagates nothing (with a warning)
   * @return this builder
   */
  public OpenInferencePropagatorBuilder setFields(List<String> fields) {
    this.fields.clear();
    if (fields == null) {
      logger.warning(
          "OpenInferencePropagatorBuilder.setFields: ignored null; no field is propagated.");
      return this;
    }
    for (String name : fields) {
      PropagatedField field = name == null ? null : PropagatedField.fromWireName(name.trim());
      if (field == null) {
        logger.warning(
            "OpenInferencePropagatorBuilder.setFields: ignored "
                + describe(name)
                + ", which is not a field that can be propagated (session.id, user.id).");
      } else {
        this.fields.add(field);
      }
    }
    return this;
  }

  /**
   * Sets the fields that are sent and accepted; see {@link #setFields(List)}.
   *
   * @param fields attribute names to propagate, {@code "session.id"} and/or {@code "user.id"}; null
   *     propagates nothing (with a warning)
   * @return this builder
   */
  public OpenInferencePropagatorBuilder setFields(String... fields) {
    return setFields(fields == null ? null : Arrays.asList(fields));
  }

  /**
   * Allows sending to destinations matching {@code pattern}: a host ({@code tools.internal}, {@code
   * 10.0.0.7}, {@code [::1]}), or {@code *.} and a domain for every host under it, each optionally
   * with {@code :port}. Without any destination nothing is sent (values are still accepted).
   *
   * @param pattern the host pattern; null or unparseable is ignored with a warning
   * @return this builder
   */
  public OpenInferencePropagatorBuilder addDestination(String pattern) {
    DestinationPattern parsed = pattern == null ? null : DestinationPattern.parse(pattern);
    if (parsed == null) {
      logger.warning(
          "OpenInferencePropagatorBuilder.addDestination: ignored "
              + describe(pattern)
              + ", which is not a host, [IPv6 address] or *.domain, optionally with :port.");
      return this;
    }
    destinations.add(parsed);
    return this;
  }

  /**
   * Replaces the destinations with {@code patterns}; see {@link #addDestination}.
   *
   * @param patterns the host patterns; unparseable ones are ignored with a warning, null clears
   *     them all with a warning
   * @return this builder
   */
  public OpenInferencePropagatorBuilder setDestinations(List<String> patterns) {
    destinations.clear();
    if (patterns == null) {
      logger.warning("OpenInferencePropagatorBuilder.setDestinations: ignored null patterns.");
      return this;
    }
    for (String pattern : patterns) {
      addDestination(pattern);
    }
    return this;
  }

  /**
   * Sets how long after signing an inbound value is still accepted (default 5 minutes). Within that
   * time a captured header can be replayed, onto its own trace only; after it, it is ignored. It
   * also bounds how far behind the sender's clock this host's may run: keep it above the clock skew
   * between your hosts plus the longest time a request waits before it is handled. Values dated
   * more than a minute in the future are ignored whatever this says.
   *
   * @param maxAge the maximum age, at least one second (fractions are dropped); null, zero or
   *     negative is ignored with a warning
   * @return this builder
   */
  @SuppressWarnings("JavaDurationGetSecondsToToSeconds") // toSeconds() is Java 9+; main code is 8
  public OpenInferencePropagatorBuilder setMaxAge(Duration maxAge) {
    if (maxAge == null || maxAge.getSeconds() < 1) {
      logger.warning(
          "OpenInferencePropagatorBuilder.setMaxAge: ignored "
              + maxAge
              + ", which is not at least one second; keeping "
              + maxAgeSeconds
              + " s.");
      return this;
    }
    maxAgeSeconds = maxAge.getSeconds();
    return this;
  }

  /**
   * Sets the clock that dates outbound signatures and judges the age of inbound ones (default
   * {@link Clock#getDefault()}); for tests.
   *
   * @param clock the clock; null is ignored with a warning
   * @return this builder
   */
  public OpenInferencePropagatorBuilder setClock(Clock clock) {
    if (clock == null) {
      logger.warning("OpenInferencePropagatorBuilder.setClock: ignored a null clock.");
      return this;
    }
    this.clock = clock;
    return this;
  }

  /**
   * Returns a propagator with these settings.
   *
   * @return a new immutable propagator, never null; it propagates nothing when no usable key was
   *     added
   */
  public OpenInferencePropagator build() {
    Signer signer = null;
    if (!keys.isEmpty()) {
      try {
        signer = Signer.create(keys);
      } catch (GeneralSecurityException | RuntimeException e) {
        logger.warning(
            "OpenInferencePropagatorBuilder.build: HMAC-SHA256 is not available ("
                + e
                + "); nothing is propagated.");
      }
    }
    return new OpenInferencePropagator(
        Collections.unmodifiableSet(EnumSet.copyOf(fields)),
        Collections.unmodifiableList(new ArrayList<>(destinations)),
        signer,
        maxAgeSeconds,
        clock);
  }

  @Override
  public String toString() {
    return "OpenInferencePropagatorBuilder{fields="
        + fields
        + ", destinations="
        + destinations
        + ", keys="
        + keys.size()
        + ", maxAge="
        + maxAgeSeconds
        + "s}";
  }
}
