/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One OTLP trace export request as an {@link OtlpReceiver} saw it on the wire: transport, path,
 * headers, encoding, what it carried and how the receiver answered.
 */
public final class ReceivedRequest {

  /** The OTLP transport a request arrived on. */
  public enum Transport {
    /** OTLP/HTTP, {@code POST /v1/traces}. */
    HTTP,
    /** OTLP/gRPC, {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}. */
    GRPC
  }

  private final Transport transport;
  private final String path;
  private final Map<String, List<String>> headers;
  @Nullable private final String contentType;
  @Nullable private final String contentEncoding;
  private final int bodySize;
  private final int spanCount;
  private final List<Resource> resources;
  private final boolean accepted;
  private final String responseStatus;
  private final long receivedEpochNanos;

  ReceivedRequest(
      Transport transport,
      String path,
      Map<String, List<String>> headers,
      @Nullable String contentType,
      @Nullable String contentEncoding,
      int bodySize,
      int spanCount,
      List<Resource> resources,
      boolean accepted,
      String responseStatus,
      long receivedEpochNanos) {
    this.transport = transport;
    this.path = path;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      copy.put(
          e.getKey().toLowerCase(Locale.ROOT),
          Collections.unmodifiableList(new ArrayList<>(e.getValue())));
    }
    this.headers = Collections.unmodifiableMap(copy);
    this.contentType = contentType;
    this.contentEncoding = contentEncoding;
    this.bodySize = bodySize;
    this.spanCount = spanCount;
    this.resources = Collections.unmodifiableList(new ArrayList<>(resources));
    this.accepted = accepted;
    this.responseStatus = responseStatus;
    this.receivedEpochNanos = receivedEpochNanos;
  }

  /**
   * The transport the request arrived on.
   *
   * @return {@code HTTP} or {@code GRPC}
   */
  public Transport getTransport() {
    return transport;
  }

  /**
   * The request path: {@code /v1/traces} for HTTP, {@code
   * /opentelemetry.proto.collector.trace.v1.TraceService/Export} for gRPC.
   *
   * @return the path, never null
   */
  public String getPath() {
    return path;
  }

  /**
   * The request headers (gRPC: the metadata), names lower-cased, values in arrival order. Binary
   * gRPC metadata ({@code -bin}) is given base64-encoded; HTTP/2 pseudo-headers are not included.
   *
   * @return an unmodifiable map from lower-case name to the values
   */
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  /**
   * The first value of a header, looked up case-insensitively, or {@code null}.
   *
   * @param name the header name, in any case; must not be null
   * @return the first value, or {@code null} when the header is absent
   */
  @Nullable
  public String getHeader(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The {@code content-type} header, for example {@code application/x-protobuf}.
   *
   * @return the content type, or {@code null} when the header is absent
   */
  @Nullable
  public String getContentType() {
    return contentType;
  }

  /**
   * How the payload was compressed: the HTTP {@code Content-Encoding} or the gRPC {@code
   * grpc-encoding} header, for example {@code gzip}; {@code null} when not compressed.
   *
   * @return the encoding name, or {@code null}
   */
  @Nullable
  public String getContentEncoding() {
    return contentEncoding;
  }

  /**
   * The size of the payload in bytes as it arrived: the (possibly compressed) HTTP body; for gRPC,
   * the decoded protobuf message (gRPC frames are decompressed by the gRPC server before they reach
   * the receiver).
   */
  int getBodySize() {
    return bodySize;
  }

  /**
   * The number of spans the request carried (0 when it could not be decoded).
   *
   * @return the span count of the request
   */
  public int getSpanCount() {
    return spanCount;
  }

  /**
   * The resources of the request's {@code ResourceSpans}, in order.
   *
   * @return an unmodifiable list of the resources, one per {@code ResourceSpans}
   */
  public List<Resource> getResources() {
    return resources;
  }

  /**
   * Whether the receiver accepted the request: its spans are in {@link OtlpReceiver#getSpans()}.
   * False for injected failures ({@link OtlpReceiver#failNext(int, int)}) and undecodable requests.
   *
   * @return {@code true} when the spans were recorded
   */
  public boolean isAccepted() {
    return accepted;
  }

  /**
   * How the receiver answered: the HTTP status code ({@code "200"}, {@code "503"}) or the gRPC
   * status code name ({@code "OK"}, {@code "UNAVAILABLE"}).
   *
   * @return the status as a string, never null
   */
  public String getResponseStatus() {
    return responseStatus;
  }

  /** When the request arrived, in epoch nanoseconds (millisecond precision). */
  long getReceivedEpochNanos() {
    return receivedEpochNanos;
  }

  @Override
  public String toString() {
    return "ReceivedRequest{transport="
        + transport
        + ", path="
        + path
        + ", contentType="
        + contentType
        + ", contentEncoding="
        + contentEncoding
        + ", bodySize="
        + bodySize
        + ", spanCount="
        + spanCount
        + ", accepted="
        + accepted
        + ", responseStatus="
        + responseStatus
        + ", headers="
        + headers
        + ", resources="
        + resources
        + "}";
  }
}
