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
 * propagator asks for is ignored, so no value can break a call. An {@link #inbound()} carrier
 * collects what it ignored, for one rate-limited warning per request ({@link #warnIgnored}).
 */
final class MetaCarrier
    implements TextMapGetter<Map<String, Object>>, TextMapSetter<Map<String, Object>> {

  /** The longest inbound value read; W3C baggage allows 8192 characters, the rest less. */
  static final int MAX_VALUE_LENGTH = 8192;

  /** The carrier for outbound requests, which reads nothing. */
  static final MetaCarrier INSTANCE = new MetaCarrier(false);

  private static final RateLimitedLogger logger = RateLimitedLogger.create(MetaCarrier.class);

  @Nullable private final List<String> ignored;

  private MetaCarrier(boolean collect) {
    this.ignored = collect ? new ArrayList<>() : null;
  }

  /** Returns a carrier for reading one inbound request's {@code _meta}. */
  static MetaCarrier inbound() {
    return new MetaCarrier(true);
  }

  /** Logs, once, the fields this inbound carrier ignored, if any. */
  void warnIgnored(@Nullable String tool) {
    if (ignored == null || ignored.isEmpty()) {
      return;
    }
    logger.warning(
        "OpenInference MCP: a call to tool "
            + describe(tool)
            + " ran without the trace context it carried in "
            + String.join(", ", ignored)
            + ".");
  }

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
      ignore(key, "a JSON " + jsonType(value) + ", not a string");
      return null;
    }
    String text = (String) value;
    if (text.length() > MAX_VALUE_LENGTH) {
      ignore(key, text.length() + " characters, over " + MAX_VALUE_LENGTH);
      return null;
    }
    return text;
  }

  private static String jsonType(Object value) {
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return value.getClass().getSimpleName();
  }

  private void ignore(String key, String why) {
    if (ignored != null && ignored.size() < 8) {
      ignored.add("params._meta." + key + " (ignored: " + why + ")");
    }
  }

  @Override
  public String toString() {
    return "MetaCarrier{params._meta}";
  }
}
