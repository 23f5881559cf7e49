/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Where and how spans are sent: the OTLP traces endpoint and the protocol, resolved from explicit
 * settings and the environment the way Phoenix's {@code phoenix.otel.register()} and the
 * OpenTelemetry exporter specification do.
 *
 * <p>Endpoint, first found wins: the explicit endpoint (used as given, with {@code http://} added
 * when it has no scheme and {@code /v1/traces} when it is sent over HTTP with an empty path); {@code
 * PHOENIX_COLLECTOR_ENDPOINT} (a base URL: {@code /v1/traces} is appended for HTTP unless the path
 * already ends with it, and for gRPC the port becomes {@code PHOENIX_GRPC_PORT}, default 4317);
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as given); {@code OTEL_EXPORTER_OTLP_ENDPOINT} (a
 * base URL: {@code /v1/traces} is appended for HTTP); else {@code http://localhost:6006/v1/traces}
 * for HTTP and {@code http://localhost:4317} for gRPC.
 *
 * <p>Protocol, first found wins: the explicit protocol; HTTP when the endpoint's path ends with
 * {@code /v1/traces}; {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL}, then {@code
 * OTEL_EXPORTER_OTLP_PROTOCOL}; gRPC when the endpoint has no path and the gRPC port; else HTTP.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class OtlpTarget {

  /** The value of OTLP/HTTP with protobuf payloads. */
  public static final String HTTP_PROTOBUF = "http/protobuf";

  /** The value of OTLP/gRPC. */
  public static final String GRPC = "grpc";

  static final String TRACES_PATH = "/v1/traces";
  static final int DEFAULT_GRPC_PORT = 4317;
  static final String DEFAULT_HTTP_ENDPOINT = "http://localhost:6006" + TRACES_PATH;

  private static final RateLimitedLogger logger = RateLimitedLogger.create(OtlpTarget.class);

  private enum Kind {
    EXPLICIT,
    PHOENIX_BASE,
    OTLP_TRACES,
    OTLP_BASE,
    DEFAULT
  }

  private final String endpoint;
  private final String protocol;

  private OtlpTarget(String endpoint, String protocol) {
    this.endpoint = endpoint;
    this.protocol = protocol;
  }

  /**
   * Resolves the target from the explicit settings (either may be null) and {@code environment}.
   * Invalid values are logged and skipped; this never throws.
   */
  public static OtlpTarget resolve(
      @Nullable String explicitEndpoint,
      @Nullable String explicitProtocol,
      ConfigValues.Source environment) {
    String protocolSetting = normalizeProtocol(explicitProtocol, "the protocol setting");
    String environmentProtocol =
        normalizeProtocol(
            ConfigValues.getString(environment, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"),
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
    if (environmentProtocol == null) {
      environmentProtocol =
          normalizeProtocol(
              ConfigValues.getString(environment, "OTEL_EXPORTER_OTLP_PROTOCOL"),
              "OTEL_EXPORTER_OTLP_PROTOCOL");
    }
    Integer portSetting = ConfigValues.getInt(environment, "PHOENIX_GRPC_PORT", 1);
    int grpcPort =
        portSetting != null && portSetting <= 65535 ? portSetting : DEFAULT_GRPC_PORT;

    Kind kind = Kind.DEFAULT;
    URI uri = null;
    String trimmed = explicitEndpoint == null ? null : explicitEndpoint.trim();
    if (trimmed != null && !trimmed.isEmpty()) {
      uri = parse(trimmed, "the endpoint setting");
      kind = Kind.EXPLICIT;
    }
    if (uri == null) {
      kind = Kind.DEFAULT;
      String[] variables = {
        "PHOENIX_COLLECTOR_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_ENDPOINT"
      };
      Kind[] kinds = {Kind.PHOENIX_BASE, Kind.OTLP_TRACES, Kind.OTLP_BASE};
      for (int i = 0; i < variables.length && uri == null; i++) {
        String value = ConfigValues.getString(environment, variables[i]);
        if (value != null) {
          uri = parse(value, variables[i]);
          kind = kinds[i];
        }
      }
    }

    String protocol = protocolSetting;
    if (protocol == null && uri != null && trimTrailingSlash(uri.getRawPath()).endsWith(TRACES_PATH)) {
      protocol = HTTP_PROTOBUF;
    }
    if (protocol == null) {
      protocol = environmentProtocol;
    }
    if (protocol == null) {
      protocol = uri != null && isEmptyPath(uri) && uri.getPort() == grpcPort ? GRPC : HTTP_PROTOBUF;
    }

    boolean grpc = GRPC.equals(protocol);
    String endpoint;
    if (uri == null) {
      endpoint = grpc ? "http://localhost:" + grpcPort : DEFAULT_HTTP_ENDPOINT;
    } else if (grpc) {
      endpoint = kind == Kind.PHOENIX_BASE ? withPort(uri, grpcPort) : uri.toString();
    } else if (kind == Kind.PHOENIX_BASE || kind == Kind.OTLP_BASE) {
      endpoint = withTracesPath(uri);
    } else {
      endpoint = isEmptyPath(uri) ? withTracesPath(uri) : uri.toString();
    }
    return new OtlpTarget(endpoint, protocol);
  }

  /** The OTLP traces endpoint URL. */
  public String getEndpoint() {
    return endpoint;
  }

  /** {@link #HTTP_PROTOBUF} or {@link #GRPC}. */
  public String getProtocol() {
    return protocol;
  }

  /** Whether spans go over OTLP/gRPC. */
  public boolean isGrpc() {
    return GRPC.equals(protocol);
  }

  /**
   * Whether the endpoint's host is this machine ({@code localhost}, {@code 127.x.x.x} or {@code
   * ::1}), judged from the text alone, without a name lookup.
   */
  public boolean isLoopback() {
    String host;
    try {
      host = new URI(endpoint).getHost();
    } catch (URISyntaxException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.equals("localhost")
        || lower.endsWith(".localhost")
        || lower.startsWith("127.")
        || lower.equals("[::1]")
        || lower.equals("::1");
  }

  /**
   * Returns {@code http/protobuf} or {@code grpc} for a valid protocol name (any case), or null
   * after a warning naming {@code source} and the value.
   */
  @Nullable
  public static String normalizeProtocol(@Nullable String value, String source) {
    if (value == null) {
      return null;
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return null;
    }
    if (lower.equals(HTTP_PROTOBUF) || lower.equals(GRPC)) {
      return lower;
    }
    logger.warning(
        "Unsupported OTLP protocol " + describe(value) + " in " + source
            + " (expected http/protobuf or grpc); ignoring it");
    return null;
  }

  @Nullable
  private static URI parse(String value, String source) {
    String withScheme = value.contains("://") ? value : "http://" + value;
    try {
      URI uri = new URI(withScheme);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    logger.warning(
        "Ignoring invalid OTLP endpoint " + describe(value) + " in " + source
            + " (expected an http or https URL)");
    return null;
  }

  private static boolean isEmptyPath(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || path.equals("/");
  }

  private static String trimTrailingSlash(@Nullable String path) {
    if (path == null) {
      return "";
    }
    String result = path;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  private static String withTracesPath(URI uri) {
    String path = trimTrailingSlash(uri.getRawPath());
    if (!path.endsWith(TRACES_PATH)) {
      path = path + TRACES_PATH;
    }
    return rebuild(uri, uri.getRawAuthority(), path);
  }

  private static String withPort(URI uri, int port) {
    String host = uri.getHost();
    String userInfo = uri.getRawUserInfo();
    String authority = (userInfo == null ? "" : userInfo + "@") + host + ":" + port;
    return rebuild(uri, authority, uri.getRawPath());
  }

  private static String rebuild(URI uri, String authority, @Nullable String path) {
    StringBuilder result = new StringBuilder();
    result.append(uri.getScheme()).append("://").append(authority);
    if (path != null) {
      result.append(path);
    }
    if (uri.getRawQuery() != null) {
      result.append('?').append(uri.getRawQuery());
    }
    return result.toString();
  }

  @Override
  public String toString() {
    return "OtlpTarget{endpoint=" + endpoint + ", protocol=" + protocol + "}";
  }
}
