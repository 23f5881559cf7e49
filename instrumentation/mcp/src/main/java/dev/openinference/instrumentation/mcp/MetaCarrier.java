/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Reads and writes propagation fields in an MCP request's {@code params._meta} object, as the OTel
 * MCP semantic conventions carry them ({@code traceparent}, {@code tracestate}, {@code baggage},
 * and the {@code openinference} propagator's signed {@code openinference} field).
 *
 * <p>Inbound {@code _meta} is untrusted JSON: only string values of at most {@link
 * #MAX_VALUE_LENGTH} characters are handed to the propagators; anything else under a field a
 * propagator asks for is ignored with a rate-limited warning, so no value can break a call.
 */
final class MetaCarrier
    implements TextMapGetter<Map<String, Object>>, TextMapSetter<Map<String, Object>> {

  /** The longest inbound value read; W3C baggage allows 8192 characters, the rest less. */
  static final int MAX_VALUE_LENGTH = 8192;

  static final MetaCarrier INSTANCE = new MetaCarrier();

  private static final RateLimitedLogger logger = RateLimitedLogger.create(MetaCarrier.class);

  private MetaCarrier() {}

  @Override
  public void set(@Nullable Map<String, Object> carrier, String key, String value) {
    if (carrier != null && key != null && value != null) {
      carrier.put(key, value);
    }
  }

  // Deprecated in the OTel API for a key-enumerating replacement; propagators still call it.
  @SuppressWarnings("deprecation")
  @Override
  public Iterable<String> keys(Map<String, Object> carrier) {
    List<String> keys = new ArrayList<>();
    if (carrier != null) {
      for (Map.Entry<String, Object> entry : carrier.entrySet()) {
        if (entry.getKey() != null && entry.getValue() instanceof String) {
          keys.add(entry.getKey());
        }
      }
    }
    return keys;
  }

  @Override
  @Nullable
  public String get(@Nullable Map<String, Object> carrier, String key) {
    if (carrier == null || key == null) {
      return null;
    }
    Object value = carrier.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String)) {
      logger.warning(
          "OpenInference MCP: ignored params._meta."
              + key
              + " of an inbound MCP request: it is a "
              + value.getClass().getSimpleName()
              + ", not a string.");
      return null;
    }
    String text = (String) value;
    if (text.length() > MAX_VALUE_LENGTH) {
      logger.warning(
          "OpenInference MCP: ignored params._meta."
              + key
              + " of an inbound MCP request: "
              + describe(text)
              + " is longer than "
              + MAX_VALUE_LENGTH
              + " characters.");
      return null;
    }
    return text;
  }

  @Override
  public String toString() {
    return "MetaCarrier{params._meta}";
  }
}
