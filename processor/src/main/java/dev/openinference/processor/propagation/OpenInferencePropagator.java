/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.ContextValues;
import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * Carries OpenInference {@code session.id} and {@code user.id} to allow-listed services, signed, in
 * an {@code openinference} header of its own; registered for SDK autoconfigure, the Spring Boot
 * starter and the javaagent as {@code otel.propagators=tracecontext,baggage,openinference}.
 *
 * <p>Inject sends a field only if it is allow-listed, the request's destination is known and
 * allow-listed, and the value is 1 to 256 characters with no control characters; each value is
 * signed with HMAC-SHA256 over the field name, the value and the trace id of the outbound span, so
 * it cannot be moved onto another trace. Extract accepts a value only if its signature verifies
 * under one of the keys for the inbound trace id; the accepted values become the OpenInference
 * context of the request (so {@code OpenInferenceSpanProcessor} stamps them on the server's spans),
 * and scopes opened while handling it override them as usual. Anything else is ignored with a
 * rate-limited warning.
 *
 * <pre>{@code
 * TextMapPropagator propagator =
 *     OpenInferencePropagator.builder()
 *         .addKey(System.getenv("OPENINFERENCE_PROPAGATION_KEY"))
 *         .addDestination("*.internal.example.com")
 *         .build();
 * }</pre>
 *
 * <p>Without a key, or without a destination, nothing is sent; without a key nothing is accepted.
 * The propagator never throws.
 */
public final class OpenInferencePropagator implements TextMapPropagator {

  static final RateLimitedLogger logger = RateLimitedLogger.create(OpenInferencePropagator.class);
  private static final Logger fineLogger =
      Logger.getLogger(OpenInferencePropagator.class.getName());

  private final Set<PropagatedField> fields;
  private final List<DestinationPattern> destinations;
  @Nullable private final Signer signer;

  OpenInferencePropagator(
      Set<PropagatedField> fields, List<DestinationPattern> destinations, @Nullable Signer signer) {
    this.fields = fields;
    this.destinations = destinations;
    this.signer = signer;
  }

  /**
   * Returns a builder; a propagator built without a key propagates nothing.
   *
   * @return a new builder with no key, no destination and both fields, never null
   */
  public static OpenInferencePropagatorBuilder builder() {
    return new OpenInferencePropagatorBuilder();
  }

  @Override
  public Collection<String> fields() {
    return Collections.singletonList(HeaderCodec.HEADER);
  }

  @Override
  public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
    if (signer == null || fields.isEmpty() || destinations.isEmpty() || context == null) {
      return;
    }
    try {
      ContextValues values = ContextValues.fromContext(context);
      if (values == null) {
        return;
      }
      Map<PropagatedField, String> toSend = new EnumMap<>(PropagatedField.class);
      for (PropagatedField field : fields) {
        String value = field.valueIn(values);
        if (value != null) {
          toSend.put(field, value);
        }
      }
      if (toSend.isEmpty()) {
        return;
      }
      SpanContext spanContext = Span.fromContext(context).getSpanContext();
      if (!spanContext.isValid()) {
        logger.warning(
            "openinference propagator: sent no OpenInference values, as there is no valid span in"
                + " the context to bind their signatures to; register it after tracecontext and"
                + " inject inside the outbound span.");
        return;
      }
      Destination destination = Destination.of(context, carrier);
      if (destination == null) {
        logger.warning(
            "openinference propagator: sent no OpenInference values on a request whose destination"
                + " is unknown (the span in the context is "
                + Span.fromContext(context).getClass().getName()
                + ", the carrier "
                + (carrier == null ? "null" : carrier.getClass().getName())
                + "): only a recording CLIENT span with server.address or url.full, or an"
                + " HttpURLConnection carrier, tells where a request goes.");
        return;
      }
      if (!isAllowed(destination)) {
        if (fineLogger.isLoggable(Level.FINE)) {
          fineLogger.fine(
              "openinference propagator: " + destination + " is not allow-listed; sent nothing");
        }
        return;
      }
      String traceId = spanContext.getTraceId();
      StringBuilder header = new StringBuilder();
      for (Map.Entry<PropagatedField, String> entry : toSend.entrySet()) {
        String name = entry.getKey().wireName();
        String value = entry.getValue();
        String invalid = HeaderCodec.invalidValue(value);
        if (invalid != null) {
          logger.warning(
              "openinference propagator: did not send "
                  + name
                  + " "
                  + describe(value)
                  + " to "
                  + destination
                  + " because "
                  + invalid
                  + ".");
          continue;
        }
        HeaderCodec.append(header, name, value, signer.sign(traceId, name, value));
      }
      if (header.length() > 0) {
        setter.set(carrier, HeaderCodec.HEADER, header.toString());
      }
    } catch (Throwable t) {
      logger.warning("openinference propagator: sent no OpenInference values: " + t, t);
    }
  }

  private boolean isAllowed(Destination destination) {
    for (DestinationPattern pattern : destinations) {
      if (pattern.matches(destination)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      context = Context.root();
    }
    if (carrier == null || getter == null) {
      return context;
    }
    try {
      String header = getter.get(carrier, HeaderCodec.HEADER);
      if (header == null || header.isEmpty()) {
        return context;
      }
      if (signer == null) {
        logger.warning(
            "openinference propagator: ignored an inbound openinference header: no"
                + " otel.openinference.propagation.key is configured, so nothing can be verified.");
        return context;
      }
      if (header.length() > HeaderCodec.MAX_HEADER_LENGTH) {
        logger.warning(
            "openinference propagator: ignored an inbound openinference header of "
                + header.length()
                + " characters (at most "
                + HeaderCodec.MAX_HEADER_LENGTH
                + ").");
        return context;
      }
      String traceId = inboundTraceId(context, carrier, getter);
      if (traceId == null) {
        logger.warning(
            "openinference propagator: ignored the inbound openinference header "
                + describe(header)
                + ": the request has no trace context its signatures could be checked against.");
        return context;
      }
      Map<PropagatedField, String> accepted = verify(HeaderCodec.parse(header), traceId);
      if (accepted.isEmpty()) {
        return context;
      }
      return ContextValues.storeMerged(
          context,
          ContextValues.of(
              accepted.get(PropagatedField.SESSION_ID),
              accepted.get(PropagatedField.USER_ID),
              null,
              null,
              null,
              null,
              null));
    } catch (Throwable t) {
      logger.warning("openinference propagator: ignored the inbound openinference header: " + t, t);
      return context;
    }
  }

  private Map<PropagatedField, String> verify(List<HeaderCodec.Entry> entries, String traceId) {
    Map<PropagatedField, String> accepted = new EnumMap<>(PropagatedField.class);
    for (HeaderCodec.Entry entry : entries) {
      PropagatedField field = PropagatedField.fromWireName(entry.field);
      String problem;
      if (field == null || !fields.contains(field)) {
        problem = "the field is not one this service accepts (" + fieldNames() + ")";
      } else if (accepted.containsKey(field)) {
        problem = "the field came twice; the first signed value is kept";
      } else if (entry.value == null) {
        problem = "the value is not valid percent-encoded UTF-8";
      } else if (entry.signature == null) {
        problem = "it is unsigned";
      } else if (HeaderCodec.invalidValue(entry.value) != null) {
        problem = "the value is not acceptable: " + HeaderCodec.invalidValue(entry.value);
      } else if (!signer.verify(traceId, field.wireName(), entry.value, entry.signature)) {
        problem = "its signature does not verify for trace " + traceId + " under any key";
      } else {
        accepted.put(field, entry.value);
        continue;
      }
      logger.warning(
          "openinference propagator: ignored the inbound value "
              + describe(entry.field)
              + "="
              + describe(entry.value)
              + " because "
              + problem
              + ".");
    }
    return accepted;
  }

  /**
   * The trace the request belongs to: from the context when a propagator before this one extracted
   * it, else from the request's own {@code traceparent}.
   */
  @Nullable
  private static <C> String inboundTraceId(Context context, C carrier, TextMapGetter<C> getter) {
    SpanContext fromContext = Span.fromContext(context).getSpanContext();
    if (fromContext.isValid()) {
      return fromContext.getTraceId();
    }
    SpanContext fromHeader =
        Span.fromContext(
                W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, getter))
            .getSpanContext();
    return fromHeader.isValid() ? fromHeader.getTraceId() : null;
  }

  private String fieldNames() {
    return fields.stream().map(PropagatedField::wireName).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    // Never the keys.
    return "OpenInferencePropagator{fields="
        + fieldNames()
        + ", destinations="
        + destinations
        + ", keys="
        + (signer == null ? 0 : signer.keyCount())
        + "}";
  }
}
