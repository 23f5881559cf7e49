/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Where a client transport's requests go, as its spans say it: {@code server.address}, {@code
 * server.port} and {@code network.transport} ({@code pipe} for stdio, {@code tcp} for HTTP). The
 * {@code openinference} propagator reads the address off the span to decide whether the server is
 * allow-listed.
 */
final class ServerAddress {

  private static final RateLimitedLogger logger = RateLimitedLogger.create(ServerAddress.class);

  @Nullable private final String host;
  private final long port;
  @Nullable private final String networkTransport;

  private ServerAddress(@Nullable String host, long port, @Nullable String networkTransport) {
    this.host = host;
    this.port = port;
    this.networkTransport = networkTransport;
  }

  static ServerAddress of(McpClientTransport transport, @Nullable String explicit) {
    boolean stdio = transport instanceof StdioClientTransport;
    String network = stdio ? "pipe" : "tcp";
    if (explicit != null && !explicit.trim().isEmpty()) {
      ServerAddress parsed = parse(explicit.trim(), network);
      if (parsed != null) {
        return parsed;
      }
      logger.warning(
          "McpTelemetry.wrap: ignored the server address "
              + describe(explicit)
              + ", which is not a host, host:port or URL.");
    }
    if (stdio) {
      return new ServerAddress(null, -1, network);
    }
    URI base = baseUriOf(transport);
    if (base != null && base.getHost() != null) {
      return new ServerAddress(
          normalize(base.getHost()), portOf(base.getPort(), base.getScheme()), network);
    }
    // A transport of another kind: it may not even be TCP.
    return new ServerAddress(null, -1, null);
  }

  @Nullable
  private static ServerAddress parse(String text, String network) {
    if (text.contains("://")) {
      try {
        URI uri = URI.create(text);
        if (uri.getHost() == null) {
          return null;
        }
        return new ServerAddress(
            normalize(uri.getHost()), portOf(uri.getPort(), uri.getScheme()), network);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    String host = text;
    long port = -1;
    int colon = text.lastIndexOf(':');
    boolean bracketed = text.startsWith("[");
    if (colon > 0 && (bracketed ? text.charAt(colon - 1) == ']' : text.indexOf(':') == colon)) {
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (port <= 0 || port > 65535) {
        return null;
      }
      host = text.substring(0, colon);
    }
    host = normalize(host);
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      // The characters an otel.openinference.propagation.destinations pattern may hold.
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':')) {
        return null;
      }
    }
    return host.isEmpty() ? null : new ServerAddress(host, port, network);
  }

  /**
   * The base URL of the SDK's HTTP client transports ({@code HttpClientStreamableHttpTransport},
   * {@code HttpClientSseClientTransport}), which they keep in a private {@code baseUri} field in
   * every release from 1.0 on; null when the transport has no such field or it cannot be read.
   */
  @Nullable
  private static URI baseUriOf(McpClientTransport transport) {
    for (Class<?> type = transport.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("baseUri");
        if (!URI.class.equals(field.getType())) {
          return null;
        }
        field.setAccessible(true);
        return (URI) field.get(transport);
      } catch (NoSuchFieldException e) {
        // Look in the superclass.
      } catch (ReflectiveOperationException | RuntimeException e) {
        logger.warning(
            "McpTelemetry.wrap: could not read the base URL of "
                + transport.getClass().getName()
                + " ("
                + e
                + "); name the server with wrap(transport, serverAddress).");
        return null;
      }
    }
    return null;
  }

  private static String normalize(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static long portOf(int port, @Nullable String scheme) {
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

  @Nullable
  String host() {
    return host;
  }

  long port() {
    return port;
  }

  @Nullable
  String networkTransport() {
    return networkTransport;
  }

  @Override
  public String toString() {
    return "ServerAddress{host="
        + host
        + ", port="
        + port
        + ", networkTransport="
        + networkTransport
        + "}";
  }
}
