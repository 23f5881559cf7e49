/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns an OTLP {@code ExportTraceServiceRequest} into SDK {@link SpanData}, as faithfully as the
 * SDK types allow.
 *
 * <p>Attribute values map to OTel attribute types: string, bool, int (as long), double, and
 * homogeneous arrays of those (an empty array becomes an empty string array). Values OTel span
 * attributes cannot hold as such (key-value lists, bytes, mixed or nested arrays) become strings:
 * bytes as base64, lists and arrays as JSON.
 */
final class OtlpSpanDecoder {

  // Span.flags bits 8 and 9 (opentelemetry.proto.trace.v1.SpanFlags).
  private static final int CONTEXT_HAS_IS_REMOTE_MASK = 0x100;
  private static final int CONTEXT_IS_REMOTE_MASK = 0x200;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private OtlpSpanDecoder() {}

  /** The resources of a request, in order. */
  static List<Resource> resources(ExportTraceServiceRequest request) {
    List<Resource> resources = new ArrayList<>(request.getResourceSpansCount());
    for (ResourceSpans rs : request.getResourceSpansList()) {
      resources.add(resource(rs));
    }
    return resources;
  }

  /** The spans of a request, in the order they appear in it. */
  static List<SpanData> spans(ExportTraceServiceRequest request) {
    List<SpanData> spans = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Resource resource = resource(rs);
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        InstrumentationScopeInfo scope = scope(ss.getScope(), ss.getSchemaUrl());
        for (Span span : ss.getSpansList()) {
          spans.add(span(span, scope, resource));
        }
      }
    }
    return spans;
  }

  static int spanCount(ExportTraceServiceRequest request) {
    int count = 0;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        count += ss.getSpansCount();
      }
    }
    return count;
  }

  private static Resource resource(ResourceSpans rs) {
    String schemaUrl = rs.getSchemaUrl();
    return Resource.create(
        attributes(rs.getResource().getAttributesList()), schemaUrl.isEmpty() ? null : schemaUrl);
  }

  private static InstrumentationScopeInfo scope(InstrumentationScope scope, String schemaUrl) {
    InstrumentationScopeInfoBuilder builder = InstrumentationScopeInfo.builder(scope.getName());
    if (!scope.getVersion().isEmpty()) {
      builder.setVersion(scope.getVersion());
    }
    if (!schemaUrl.isEmpty()) {
      builder.setSchemaUrl(schemaUrl);
    }
    builder.setAttributes(attributes(scope.getAttributesList()));
    return builder.build();
  }

  private static SpanData span(Span span, InstrumentationScopeInfo scope, Resource resource) {
    String traceId = hex(span.getTraceId());
    TraceFlags flags = TraceFlags.fromByte((byte) (span.getFlags() & 0xff));
    TraceState traceState = traceState(span.getTraceState());
    SpanContext spanContext = SpanContext.create(traceId, hex(span.getSpanId()), flags, traceState);

    // OTLP carries only the parent's span id and whether it was remote; its flags and trace state
    // are taken to be the child's, which is what a parent-based sampler gives.
    SpanContext parent = SpanContext.getInvalid();
    if (!span.getParentSpanId().isEmpty()) {
      String parentSpanId = hex(span.getParentSpanId());
      parent =
          isRemote(span.getFlags())
              ? SpanContext.createFromRemoteParent(traceId, parentSpanId, flags, traceState)
              : SpanContext.create(traceId, parentSpanId, flags, traceState);
    }

    List<EventData> events = new ArrayList<>(span.getEventsCount());
    for (Span.Event event : span.getEventsList()) {
      events.add(
          EventData.create(
              event.getTimeUnixNano(),
              event.getName(),
              attributes(event.getAttributesList()),
              event.getAttributesCount() + event.getDroppedAttributesCount()));
    }

    List<LinkData> links = new ArrayList<>(span.getLinksCount());
    for (Span.Link link : span.getLinksList()) {
      SpanContext linked =
          SpanContext.create(
              hex(link.getTraceId()),
              hex(link.getSpanId()),
              TraceFlags.fromByte((byte) (link.getFlags() & 0xff)),
              traceState(link.getTraceState()));
      if (isRemote(link.getFlags())) {
        linked =
            SpanContext.createFromRemoteParent(
                linked.getTraceId(),
                linked.getSpanId(),
                linked.getTraceFlags(),
                linked.getTraceState());
      }
      links.add(
          LinkData.create(
              linked,
              attributes(link.getAttributesList()),
              link.getAttributesCount() + link.getDroppedAttributesCount()));
    }

    return new ReceivedSpanData(
        span.getName(),
        kind(span.getKind()),
        spanContext,
        parent,
        status(span.getStatus()),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        attributes(span.getAttributesList()),
        events,
        links,
        span.getAttributesCount() + span.getDroppedAttributesCount(),
        span.getEventsCount() + span.getDroppedEventsCount(),
        span.getLinksCount() + span.getDroppedLinksCount(),
        scope,
        resource);
  }

  private static boolean isRemote(int flags) {
    return (flags & CONTEXT_HAS_IS_REMOTE_MASK) != 0 && (flags & CONTEXT_IS_REMOTE_MASK) != 0;
  }

  private static SpanKind kind(Span.SpanKind kind) {
    switch (kind) {
      case SPAN_KIND_SERVER:
        return SpanKind.SERVER;
      case SPAN_KIND_CLIENT:
        return SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER:
        return SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER:
        return SpanKind.CONSUMER;
      default:
        // INTERNAL, and UNSPECIFIED which OTLP says to treat as INTERNAL.
        return SpanKind.INTERNAL;
    }
  }

  private static StatusData status(io.opentelemetry.proto.trace.v1.Status status) {
    switch (status.getCode()) {
      case STATUS_CODE_OK:
        return StatusData.create(StatusCode.OK, status.getMessage());
      case STATUS_CODE_ERROR:
        return StatusData.create(StatusCode.ERROR, status.getMessage());
      default:
        return StatusData.create(StatusCode.UNSET, status.getMessage());
    }
  }

  /** Parses a W3C {@code tracestate} header value; malformed members are dropped. */
  static TraceState traceState(String value) {
    if (value.trim().isEmpty()) {
      return TraceState.getDefault();
    }
    String[] members = value.split(",", -1);
    TraceStateBuilder builder = TraceState.builder();
    // put() adds to the front, so walk backwards to keep the header's order.
    for (int i = members.length - 1; i >= 0; i--) {
      String member = members[i].trim();
      int eq = member.indexOf('=');
      if (eq > 0) {
        builder.put(member.substring(0, eq).trim(), member.substring(eq + 1).trim());
      }
    }
    return builder.build();
  }

  static Attributes attributes(List<KeyValue> keyValues) {
    if (keyValues.isEmpty()) {
      return Attributes.empty();
    }
    AttributesBuilder builder = Attributes.builder();
    for (KeyValue kv : keyValues) {
      put(builder, kv.getKey(), kv.getValue());
    }
    return builder.build();
  }

  private static void put(AttributesBuilder builder, String key, AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        builder.put(AttributeKey.stringKey(key), value.getStringValue());
        return;
      case BOOL_VALUE:
        builder.put(AttributeKey.booleanKey(key), value.getBoolValue());
        return;
      case INT_VALUE:
        builder.put(AttributeKey.longKey(key), value.getIntValue());
        return;
      case DOUBLE_VALUE:
        builder.put(AttributeKey.doubleKey(key), value.getDoubleValue());
        return;
      case ARRAY_VALUE:
        putArray(builder, key, value.getArrayValue().getValuesList());
        return;
      case BYTES_VALUE:
        builder.put(AttributeKey.stringKey(key), base64(value.getBytesValue()));
        return;
      case KVLIST_VALUE:
        builder.put(AttributeKey.stringKey(key), json(value));
        return;
      default:
        // An empty AnyValue: OTLP allows it, OTel attributes have no null; keep the key visible.
        builder.put(AttributeKey.stringKey(key), "");
    }
  }

  private static void putArray(AttributesBuilder builder, String key, List<AnyValue> values) {
    AnyValue.ValueCase elementCase = null;
    for (AnyValue v : values) {
      if (elementCase == null) {
        elementCase = v.getValueCase();
      } else if (elementCase != v.getValueCase()) {
        elementCase = AnyValue.ValueCase.VALUE_NOT_SET;
        break;
      }
    }
    if (elementCase == null) {
      builder.put(AttributeKey.stringArrayKey(key), new ArrayList<String>());
      return;
    }
    switch (elementCase) {
      case STRING_VALUE:
        {
          List<String> list = new ArrayList<>(values.size());
          for (AnyValue v : values) {
            list.add(v.getStringValue());
          }
          builder.put(AttributeKey.stringArrayKey(key), list);
          return;
        }
      case BOOL_VALUE:
        {
          List<Boolean> list = new ArrayList<>(values.size());
          for (AnyValue v : values) {
            list.add(v.getBoolValue());
          }
          builder.put(AttributeKey.booleanArrayKey(key), list);
          return;
        }
      case INT_VALUE:
        {
          List<Long> list = new ArrayList<>(values.size());
          for (AnyValue v : values) {
            list.add(v.getIntValue());
          }
          builder.put(AttributeKey.longArrayKey(key), list);
          return;
        }
      case DOUBLE_VALUE:
        {
          List<Double> list = new ArrayList<>(values.size());
          for (AnyValue v : values) {
            list.add(v.getDoubleValue());
          }
          builder.put(AttributeKey.doubleArrayKey(key), list);
          return;
        }
      default:
        StringBuilder json = new StringBuilder();
        appendJsonArray(json, values);
        builder.put(AttributeKey.stringKey(key), json.toString());
    }
  }

  /** An {@code AnyValue} as JSON (bytes as a base64 string). */
  static String json(AnyValue value) {
    StringBuilder sb = new StringBuilder();
    appendJson(sb, value);
    return sb.toString();
  }

  private static void appendJson(StringBuilder sb, AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        appendJsonString(sb, value.getStringValue());
        return;
      case BOOL_VALUE:
        sb.append(value.getBoolValue());
        return;
      case INT_VALUE:
        sb.append(value.getIntValue());
        return;
      case DOUBLE_VALUE:
        double d = value.getDoubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          appendJsonString(sb, Double.toString(d));
        } else {
          sb.append(d);
        }
        return;
      case BYTES_VALUE:
        appendJsonString(sb, base64(value.getBytesValue()));
        return;
      case ARRAY_VALUE:
        appendJsonArray(sb, value.getArrayValue().getValuesList());
        return;
      case KVLIST_VALUE:
        sb.append('{');
        boolean first = true;
        for (KeyValue kv : value.getKvlistValue().getValuesList()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          appendJsonString(sb, kv.getKey());
          sb.append(':');
          appendJson(sb, kv.getValue());
        }
        sb.append('}');
        return;
      default:
        sb.append("null");
    }
  }

  private static void appendJsonArray(StringBuilder sb, List<AnyValue> values) {
    sb.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      appendJson(sb, values.get(i));
    }
    sb.append(']');
  }

  private static void appendJsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static String base64(ByteString bytes) {
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  static String hex(ByteString bytes) {
    char[] out = new char[bytes.size() * 2];
    for (int i = 0; i < bytes.size(); i++) {
      int b = bytes.byteAt(i) & 0xff;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0xf];
    }
    return new String(out);
  }
}
