/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import dev.openinference.context.internal.ContextValues;
import dev.openinference.context.internal.RateLimitedLogger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.common.Clock;
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
 * signed with HMAC-SHA256 over the field name, the value, the trace id of the outbound span and the
 * time of sending, so it cannot be moved onto another trace and expires. Extract accepts a value
 * only if its signature verifies under one of the keys for the inbound trace id and it was signed
 * at most the maximum age ago (default 5 minutes) and not more than a minute in the future (clock
 * skew); the accepted values become the OpenInference context of the request (so {@code
 * OpenInferenceSpanProcessor} stamps them on the server's spans), and scopes opened while handling
 * it override them as usual. Anything else is ignored with a rate-limited warning that names the
 * field and the reason, never the value (at most a keyed fingerprint of it).
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

  /** How far in the future an inbound issue time may be: the clocks of two hosts differ. */
  static final long MAX_CLOCK_SKEW_SECONDS = 60;

  private final Set<PropagatedField> fields;
  private final List<DestinationPattern> destinations;
  @Nullable private final Signer signer;
  private final long maxAgeSeconds;
  private final Clock clock;

  OpenInferencePropagator(
      Set<PropagatedField> fields,
      List<DestinationPattern> destinations,
      @Nullable Signer signer,
      long maxAgeSeconds,
      Clock clock) {
    this.fields = fields;
    this.destinations = destinations;
    this.signer = signer;
    this.maxAgeSeconds = maxAgeSeconds;
    this.clock = clock;
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
      long issuedAt = epochSeconds();
      StringBuilder header = new StringBuilder();
      HeaderCodec.appendPreamble(header, issuedAt);
      boolean any = false;
      for (Map.Entry<PropagatedField, String> entry : toSend.entrySet()) {
        String name = entry.getKey().wireName();
        String value = entry.getValue();
        String invalid = HeaderCodec.invalidValue(value);
        if (invalid != null) {
          logger.warning(
              "openinference propagator: did not send "
                  + name
                  + " "
                  + describeValue(value)
                  + " to "
                  + destination
                  + " because "
                  + invalid
                  + ".");
          continue;
        }
        HeaderCodec.append(header, name, value, signer.sign(traceId, issuedAt, name, value));
        any = true;
      }
      if (any) {
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
            "openinference propagator: ignored an inbound openinference header: the request has no"
                + " trace context its signatures could be checked against.");
        return context;
      }
      HeaderCodec.Parsed parsed = HeaderCodec.parse(header);
      String headerProblem = headerProblem(parsed);
      if (headerProblem != null) {
        logger.warning(
            "openinference propagator: ignored an inbound openinference header because "
                + headerProblem
                + ".");
        return context;
      }
      Map<PropagatedField, String> accepted = verify(parsed, traceId);
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

  /** Why the header as a whole cannot be used, or null when its entries can be checked. */
  @Nullable
  private static String headerProblem(HeaderCodec.Parsed parsed) {
    if (parsed.version == null) {
      return "it has no version (v="
          + HeaderCodec.VERSION
          + "): an unversioned header comes from"
          + " a sender older than this release, whose signatures carry no time and so never"
          + " expire; upgrade the sender";
    }
    if (!HeaderCodec.VERSION.equals(parsed.version)) {
      return "its version is not "
          + HeaderCodec.VERSION
          + ", the one this release understands;"
          + " upgrade this service";
    }
    if (parsed.issuedAt == null) {
      return "it has no valid issue time (t=<epoch seconds>)";
    }
    return null;
  }

  private Map<PropagatedField, String> verify(HeaderCodec.Parsed parsed, String traceId) {
    Map<PropagatedField, String> accepted = new EnumMap<>(PropagatedField.class);
    long issuedAt = parsed.issuedAt;
    String timeProblem = timeProblem(issuedAt);
    for (HeaderCodec.Entry entry : parsed.entries) {
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
      } else if (!signer.verify(
          traceId, issuedAt, field.wireName(), entry.value, entry.signature)) {
        problem =
            "its signature does not verify for trace "
                + traceId
                + " under any key (forged, altered, copied from another trace, or signed with a"
                + " key this service does not have)";
      } else if (timeProblem != null) {
        problem = timeProblem;
      } else {
        accepted.put(field, entry.value);
        continue;
      }
      logger.warning(
          "openinference propagator: ignored the inbound "
              + (field == null ? "value of a field this release does not know" : field.wireName())
              + " "
              + (entry.value == null ? "" : describeValue(entry.value) + " ")
              + "because "
              + problem
              + ".");
    }
    return accepted;
  }

  /** Why a signature issued at {@code issuedAt} is no longer (or not yet) good, or null. */
  @Nullable
  private String timeProblem(long issuedAt) {
    long now = epochSeconds();
    long age = now - issuedAt;
    if (age > maxAgeSeconds) {
      return "it was signed "
          + age
          + " s ago, longer than the maximum age of "
          + maxAgeSeconds
          + " s (otel.openinference.propagation.max.age): a replayed or delayed request, or clocks"
          + " too far apart";
    }
    if (-age > MAX_CLOCK_SKEW_SECONDS) {
      return "it is dated "
          + -age
          + " s in the future, more than the "
          + MAX_CLOCK_SKEW_SECONDS
          + " s allowed for clock skew: check the clocks of the sender and this host";
    }
    return null;
  }

  private long epochSeconds() {
    return Math.floorDiv(clock.now(), 1_000_000_000L);
  }

  /**
   * A value as it may appear in a log: its length and a keyed fingerprint, never its text, which is
   * attacker-supplied when inbound and may be personal data either way.
   */
  private String describeValue(String value) {
    return "(value of "
        + value.length()
        + " chars, fingerprint "
        + (signer == null ? "n/a" : signer.fingerprint(value))
        + ")";
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
        + ", maxAge="
        + maxAgeSeconds
        + "s}";
  }
}
