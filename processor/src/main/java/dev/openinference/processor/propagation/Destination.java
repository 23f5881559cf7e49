/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Where an outbound request goes: host (lower case, no brackets, no trailing dot) and port (-1 when
 * unknown).
 *
 * <p>A {@code TextMapPropagator} is handed only a context and a carrier. The context's span is the
 * CLIENT (or PRODUCER) span the instrumentation started for this very request, and HTTP client
 * instrumentation (the javaagent's, the library instrumentations', hand-written code following the
 * semantic conventions) sets {@code server.address}, {@code server.port} and {@code url.full} when
 * it starts that span: that is read when the span is an SDK span. Failing that, a carrier that
 * knows its own URL ({@link HttpURLConnection}) is asked. Otherwise the destination is unknown, and
 * the caller sends nothing.
 */
final class Destination {

  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  // Semantic conventions before 1.21, which older instrumentation still emits.
  static final AttributeKey<String> NET_PEER_NAME = AttributeKey.stringKey("net.peer.name");
  static final AttributeKey<Long> NET_PEER_PORT = AttributeKey.longKey("net.peer.port");
  static final AttributeKey<String> HTTP_URL = AttributeKey.stringKey("http.url");

  private final String host;
  private final int port;

  private Destination(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Nullable
  static Destination create(@Nullable String host, long port) {
    if (host == null) {
      return null;
    }
    String h = normalizeHost(host);
    if (h.isEmpty()) {
      return null;
    }
    return new Destination(h, port > 0 && port <= 65535 ? (int) port : -1);
  }

  /** Returns the destination of the request {@code carrier} is for, or null when unknown. */
  @Nullable
  static Destination of(Context context, @Nullable Object carrier) {
    Destination fromSpan = fromSpan(Span.fromContext(context));
    if (fromSpan != null) {
      return fromSpan;
    }
    if (carrier instanceof HttpURLConnection) {
      return fromUrl(((HttpURLConnection) carrier).getURL());
    }
    return null;
  }

  @Nullable
  private static Destination fromSpan(Span span) {
    if (!(span instanceof ReadableSpan)) {
      return null;
    }
    ReadableSpan readable = (ReadableSpan) span;
    // A SERVER or INTERNAL span's server.address is this process's own; only a span for an
    // outbound call names where the call goes.
    SpanKind kind = readable.getKind();
    if (kind != SpanKind.CLIENT && kind != SpanKind.PRODUCER) {
      return null;
    }
    Destination url = fromUri(readable.getAttribute(URL_FULL));
    String address = readable.getAttribute(SERVER_ADDRESS);
    if (address != null) {
      Long port = readable.getAttribute(SERVER_PORT);
      return create(
          address,
          port != null
              ? port
              : url != null && url.host.equals(normalizeHost(address)) ? url.port : -1);
    }
    if (url != null) {
      return url;
    }
    String peer = readable.getAttribute(NET_PEER_NAME);
    if (peer != null) {
      Long port = readable.getAttribute(NET_PEER_PORT);
      return create(peer, port == null ? -1 : port);
    }
    return fromUri(readable.getAttribute(HTTP_URL));
  }

  @Nullable
  private static Destination fromUri(@Nullable String uri) {
    if (uri == null) {
      return null;
    }
    try {
      URI parsed = new URI(uri);
      return create(parsed.getHost(), portOf(parsed.getPort(), parsed.getScheme()));
    } catch (URISyntaxException e) {
      return null;
    }
  }

  @Nullable
  private static Destination fromUrl(@Nullable URL url) {
    return url == null ? null : create(url.getHost(), portOf(url.getPort(), url.getProtocol()));
  }

  private static int portOf(int port, @Nullable String scheme) {
    if (port > 0) {
      return port;
    }
    if ("http".equalsIgnoreCase(scheme)) {
      return 80;
    }
    if ("https".equalsIgnoreCase(scheme)) {
      return 443;
    }
    return -1;
  }

  static String normalizeHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  @Override
  public String toString() {
    return port < 0 ? host : (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
