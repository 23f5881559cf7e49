/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.processor.internal.ConfigValues;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Maps the Phoenix variables and {@code OpenInferenceOtel}'s endpoint settings onto the OTLP
 * properties of SDK autoconfigure, which then builds the exporter:
 *
 * <ul>
 *   <li>{@code PHOENIX_COLLECTOR_ENDPOINT}, a base URL, becomes {@code
 *       otel.exporter.otlp.traces.endpoint}: {@code /v1/traces} is appended for OTLP/HTTP unless
 *       the path already ends with it; for gRPC the port becomes {@code PHOENIX_GRPC_PORT} (default
 *       4317). It wins over the {@code OTEL_EXPORTER_OTLP_*} endpoints, as in Phoenix.
 *   <li>The protocol, {@code otel.exporter.otlp.traces.protocol}: an endpoint whose path ends in
 *       {@code /v1/traces} means OTLP/HTTP unless a protocol is configured; a Phoenix base URL
 *       without a configured protocol means gRPC on port 4317 with no path, else OTLP/HTTP.
 *   <li>{@code PHOENIX_API_KEY} becomes the header {@code authorization: Bearer <key>} and {@code
 *       PHOENIX_CLIENT_HEADERS} is added to {@code otel.exporter.otlp.traces.headers}, over the
 *       OTLP headers already configured.
 * </ul>
 *
 * <p>Only keys that change are returned, as overrides for {@code addPropertiesCustomizer}. A bad
 * value is named in a warning and skipped; nothing here throws. An invalid endpoint is the
 * exception to skipping: the setting that decides the endpoint (the first one set, in the order
 * above) is never passed over for a lower one or a default. When it is not an {@code http://} or
 * {@code https://} URL with a host, the {@code otlp} exporter is taken out of that signal's {@code
 * otel.*.exporter} list (other exporters stay), and one SEVERE message names the setting and the
 * value: the application runs, nothing is sent anywhere the user did not name.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OtlpProperties {

  public static final String HTTP_PROTOBUF = "http/protobuf";
  public static final String GRPC = "grpc";

  public static final String TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";
  public static final String TRACES_PROTOCOL = "otel.exporter.otlp.traces.protocol";
  public static final String TRACES_HEADERS = "otel.exporter.otlp.traces.headers";
  static final String ENDPOINT = "otel.exporter.otlp.endpoint";
  static final String PROTOCOL = "otel.exporter.otlp.protocol";
  static final String HEADERS = "otel.exporter.otlp.headers";

  /** The Phoenix variables, as {@code ConfigProperties} names them. */
  public static final String PHOENIX_COLLECTOR_ENDPOINT = "phoenix.collector.endpoint";

  public static final String PHOENIX_API_KEY = "phoenix.api.key";
  public static final String PHOENIX_CLIENT_HEADERS = "phoenix.client.headers";
  static final String PHOENIX_GRPC_PORT = "phoenix.grpc.port";

  static final String TRACES_EXPORTER = "otel.traces.exporter";

  static final String TRACES_PATH = "/v1/traces";
  static final int DEFAULT_GRPC_PORT = 4317;

  /** Phoenix's default, where library mode sends spans when nothing names an endpoint. */
  public static final String DEFAULT_HTTP_ENDPOINT = "http://localhost:6006" + TRACES_PATH;

  private static final RateLimitedLogger logger = RateLimitedLogger.create(OtlpProperties.class);

  /** Where an invalid endpoint is reported, once per SDK start, at SEVERE. */
  private static final Logger endpointLogger = Logger.getLogger(OtlpProperties.class.getName());

  /** The builder method named when its endpoint is invalid. */
  public static final String SET_ENDPOINT = "OpenInferenceOtel.builder().setEndpoint(...)";

  /** Returns the overrides for the configuration alone (SDK autoconfigure, the javaagent). */
  public static Map<String, String> fromConfig(ConfigProperties config) {
    return resolve(config, null, null, null, Collections.<String, String>emptyMap(), false);
  }

  /**
   * Returns the overrides for {@code config} with settings made in code on top ({@code null} and
   * empty for unset ones).
   *
   * @param endpoint the traces endpoint, used as given ({@code http://} is added when it has no
   *     scheme, {@code /v1/traces} when it goes over HTTP with an empty path)
   * @param protocol {@code http/protobuf} or {@code grpc}, already validated
   * @param apiKey sent as {@code authorization: Bearer <key>}, over every other authorization
   * @param headers added over the configured headers, names lower-case
   * @param libraryDefaults whether to send to Phoenix's {@link #DEFAULT_HTTP_ENDPOINT} when nothing
   *     names an endpoint
   */
  public static Map<String, String> resolve(
      ConfigProperties config,
      @Nullable String endpoint,
      @Nullable String protocol,
      @Nullable String apiKey,
      Map<String, String> headers,
      boolean libraryDefaults) {
    Map<String, String> overrides = new LinkedHashMap<>();
    rejectInvalidEndpoints(config, endpoint, overrides);
    String configured = normalizeProtocol(string(config, TRACES_PROTOCOL), TRACES_PROTOCOL);
    if (configured == null) {
      configured = normalizeProtocol(string(config, PROTOCOL), PROTOCOL);
    }

    if (overrides.containsKey(TRACES_EXPORTER)) {
      // The deciding endpoint is invalid: no traces endpoint at all, rather than another one.
      return withHeaders(config, apiKey, headers, overrides);
    }
    String phoenix = string(config, PHOENIX_COLLECTOR_ENDPOINT);
    URI uri = endpoint != null ? parseQuietly(endpoint) : null;
    boolean phoenixBase = false;
    if (uri == null && endpoint == null && phoenix != null) {
      uri = parseQuietly(phoenix);
      phoenixBase = uri != null;
    }

    String chosen = protocol;
    if (uri != null) {
      if (chosen == null && hasTracesPath(uri)) {
        chosen = HTTP_PROTOBUF;
      }
      if (chosen == null) {
        chosen = configured;
      }
      if (chosen == null) {
        chosen = isEmptyPath(uri) && uri.getPort() == DEFAULT_GRPC_PORT ? GRPC : HTTP_PROTOBUF;
      }
      overrides.put(TRACES_ENDPOINT, endpointFor(uri, chosen, phoenixBase, config));
      overrides.put(TRACES_PROTOCOL, chosen);
    } else {
      String tracesEndpoint = string(config, TRACES_ENDPOINT);
      String genericEndpoint = string(config, ENDPOINT);
      String named = tracesEndpoint != null ? tracesEndpoint : genericEndpoint;
      URI namedUri = named == null ? null : parseQuietly(named);
      if (chosen == null && configured == null) {
        if (tracesEndpoint != null && namedUri != null && hasTracesPath(namedUri)) {
          // The SDK's default protocol is gRPC, which rejects a path: the path says HTTP.
          chosen = HTTP_PROTOBUF;
        } else if (libraryDefaults) {
          boolean grpcPort =
              namedUri != null && isEmptyPath(namedUri) && namedUri.getPort() == DEFAULT_GRPC_PORT;
          chosen = grpcPort ? GRPC : HTTP_PROTOBUF;
        }
      }
      if (chosen != null) {
        overrides.put(TRACES_PROTOCOL, chosen);
      }
      String effective = chosen != null ? chosen : configured;
      if (libraryDefaults && named == null && !GRPC.equals(effective)) {
        overrides.put(TRACES_ENDPOINT, DEFAULT_HTTP_ENDPOINT);
      }
    }
    return withHeaders(config, apiKey, headers, overrides);
  }

  /** Adds the merged traces headers to {@code overrides} when anything adds to them. */
  private static Map<String, String> withHeaders(
      ConfigProperties config,
      @Nullable String apiKey,
      Map<String, String> headers,
      Map<String, String> overrides) {
    String phoenixKey = string(config, PHOENIX_API_KEY);
    Map<String, String> phoenixHeaders = map(config, PHOENIX_CLIENT_HEADERS);
    if (apiKey != null || phoenixKey != null || !phoenixHeaders.isEmpty() || !headers.isEmpty()) {
      Map<String, String> merged = new LinkedHashMap<>();
      Map<String, String> base = map(config, TRACES_HEADERS);
      // The SDK reads the generic headers only when there are no traces headers.
      putLowerCase(merged, base.isEmpty() ? map(config, HEADERS) : base);
      putLowerCase(merged, phoenixHeaders);
      if (phoenixKey != null) {
        merged.put("authorization", encode("Bearer " + phoenixKey));
      }
      for (Map.Entry<String, String> header : headers.entrySet()) {
        merged.put(header.getKey(), encode(header.getValue()));
      }
      if (apiKey != null) {
        merged.put("authorization", encode("Bearer " + apiKey));
      }
      overrides.put(TRACES_HEADERS, join(merged));
    }
    return overrides;
  }

  /**
   * Whether {@code overrides} (from {@link #resolve}) took the {@code otlp} traces exporter out
   * because the endpoint that decides is invalid.
   */
  public static boolean tracesEndpointRejected(Map<String, String> overrides) {
    return overrides.containsKey(TRACES_EXPORTER);
  }

  /**
   * For each signal whose exporter list has {@code otlp}, checks the endpoint setting that decides
   * (for traces: {@code codeEndpoint}, {@code PHOENIX_COLLECTOR_ENDPOINT}, the traces endpoint, the
   * general one; otherwise the signal's endpoint, then the general one). An invalid one takes
   * {@code otlp} out of that list, in {@code overrides}, and is reported once at SEVERE.
   */
  private static void rejectInvalidEndpoints(
      ConfigProperties config, @Nullable String codeEndpoint, Map<String, String> overrides) {
    Map<String, List<String>> rejected = new LinkedHashMap<>();
    for (String signal : new String[] {"traces", "metrics", "logs"}) {
      String exporterKey = "otel." + signal + ".exporter";
      List<String> exporters = exporters(config, exporterKey);
      if (!exporters.contains("otlp")) {
        continue;
      }
      String setting = null;
      String value = null;
      boolean lenient = false;
      if (signal.equals("traces") && codeEndpoint != null) {
        setting = SET_ENDPOINT;
        value = codeEndpoint;
        lenient = true;
      } else if (signal.equals("traces") && string(config, PHOENIX_COLLECTOR_ENDPOINT) != null) {
        setting = "PHOENIX_COLLECTOR_ENDPOINT (" + PHOENIX_COLLECTOR_ENDPOINT + ")";
        value = string(config, PHOENIX_COLLECTOR_ENDPOINT);
        lenient = true;
      } else {
        String signalKey = "otel.exporter.otlp." + signal + ".endpoint";
        for (String key : new String[] {signalKey, ENDPOINT}) {
          value = string(config, key);
          if (value != null) {
            setting = key.toUpperCase(Locale.ROOT).replace('.', '_') + " (" + key + ")";
            break;
          }
        }
      }
      if (value == null || isValidEndpoint(value, lenient)) {
        continue;
      }
      exporters.remove("otlp");
      overrides.put(exporterKey, exporters.isEmpty() ? "none" : String.join(",", exporters));
      String message =
          "Invalid OTLP endpoint "
              + describe(redactUserInfo(value))
              + " in "
              + setting
              + ": expected an http:// or https:// URL with a host, such as "
              + (lenient ? "http://localhost:6006" : DEFAULT_HTTP_ENDPOINT);
      List<String> signals = rejected.get(message);
      if (signals == null) {
        signals = new ArrayList<>();
        rejected.put(message, signals);
      }
      signals.add(signal);
    }
    for (Map.Entry<String, List<String>> entry : rejected.entrySet()) {
      endpointLogger.severe(
          entry.getKey()
              + ". OTLP export of "
              + String.join(", ", entry.getValue())
              + " is off until the setting is fixed; nothing is sent to any other endpoint.");
    }
  }

  /** The names in an {@code otel.*.exporter} list, lower-case; {@code otlp} when unset. */
  private static List<String> exporters(ConfigProperties config, String key) {
    List<String> names = new ArrayList<>();
    String value = string(config, key);
    if (value == null) {
      // The SDK's default for every signal; library mode sets metrics and logs to none.
      names.add("otlp");
      return names;
    }
    for (String name : value.split(",", -1)) {
      String trimmed = name.trim().toLowerCase(Locale.ROOT);
      if (!trimmed.isEmpty()) {
        names.add(trimmed);
      }
    }
    return names;
  }

  /**
   * Whether {@code value} is an {@code http} or {@code https} URL with a host. {@code lenient}
   * (Phoenix's variable and the builder) also takes a value without a scheme as {@code http://};
   * the SDK's own variables must have one, as the SDK requires.
   */
  static boolean isValidEndpoint(String value, boolean lenient) {
    if (!lenient && !value.trim().contains("://")) {
      return false;
    }
    return parseQuietly(value) != null;
  }

  /**
   * Hides {@code user:password@} before a host, so a credential never reaches a log.
   *
   * @param value a URL or what was given as one
   * @return {@code value} with any user info replaced by {@code ****}
   */
  public static String redactUserInfo(String value) {
    int scheme = value.indexOf("://");
    int at = value.indexOf('@');
    int slash = value.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    if (at > 0 && (slash < 0 || at < slash)) {
      return value.substring(0, scheme < 0 ? 0 : scheme + 3) + "****" + value.substring(at);
    }
    return value;
  }

  /**
   * Returns {@code http/protobuf} or {@code grpc} for a valid protocol name (any case), or null
   * after a warning naming {@code source} and the value.
   */
  @Nullable
  public static String normalizeProtocol(@Nullable String value, String source) {
    if (value == null || value.trim().isEmpty()) {
      return null;
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    if (lower.equals(HTTP_PROTOBUF) || lower.equals(GRPC)) {
      return lower;
    }
    logger.warning(
        "Unsupported OTLP protocol "
            + describe(value)
            + " in "
            + source
            + " (expected http/protobuf or grpc); ignoring it");
    return null;
  }

  /**
   * Whether {@code endpoint}'s host is this machine ({@code localhost}, {@code 127.x.x.x} or {@code
   * ::1}), judged from the text alone, without a name lookup.
   */
  /** The protocol the SDK's OTLP span exporter will use under {@code config} (SDK default gRPC). */
  public static String effectiveTracesProtocol(ConfigProperties config) {
    return config.getString(TRACES_PROTOCOL, config.getString(PROTOCOL, GRPC));
  }

  /**
   * The endpoint the SDK's OTLP span exporter will use under {@code config}: the traces endpoint,
   * else the general one (with {@code /v1/traces} for OTLP/HTTP), else the SDK's loopback default.
   */
  public static String effectiveTracesEndpoint(ConfigProperties config) {
    String traces = config.getString(TRACES_ENDPOINT);
    if (traces != null && !traces.trim().isEmpty()) {
      return traces.trim();
    }
    boolean grpc = GRPC.equals(effectiveTracesProtocol(config));
    String base = config.getString(ENDPOINT);
    if (base == null || base.trim().isEmpty()) {
      return grpc ? "http://localhost:4317" : "http://localhost:4318" + TRACES_PATH;
    }
    base = base.trim();
    if (grpc) {
      return base;
    }
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TRACES_PATH;
  }

  public static boolean isLoopback(@Nullable String endpoint) {
    URI uri = endpoint == null ? null : parseQuietly(endpoint);
    String host = uri == null ? null : uri.getHost();
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

  private static String endpointFor(
      URI uri, String protocol, boolean phoenixBase, ConfigProperties config) {
    if (GRPC.equals(protocol)) {
      if (!phoenixBase) {
        return uri.toString();
      }
      Integer port = ConfigValues.getInt(key -> string(config, key), PHOENIX_GRPC_PORT);
      boolean valid = port != null && port > 0 && port <= 65535;
      return rebuild(uri, withPort(uri, valid ? port : DEFAULT_GRPC_PORT), uri.getRawPath());
    }
    if (phoenixBase || isEmptyPath(uri)) {
      String path = trimTrailingSlash(uri.getRawPath());
      return rebuild(
          uri, uri.getRawAuthority(), path.endsWith(TRACES_PATH) ? path : path + TRACES_PATH);
    }
    return uri.toString();
  }

  @Nullable
  private static String string(ConfigProperties config, String key) {
    return ConfigValues.getString(config::getString, key);
  }

  private static Map<String, String> map(ConfigProperties config, String key) {
    try {
      return config.getMap(key);
    } catch (RuntimeException e) {
      // Values are not logged: headers carry credentials.
      logger.warning("Ignoring " + key + ", which is not a list of key=value: " + e.getClass());
      return Collections.emptyMap();
    }
  }

  private static void putLowerCase(Map<String, String> target, Map<String, String> source) {
    for (Map.Entry<String, String> entry : source.entrySet()) {
      target.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
    }
  }

  /** Percent-encodes a header value, which the SDK decodes. */
  private static String encode(String value) {
    try {
      return URLEncoder.encode(value, "UTF-8").replace("+", "%20");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  private static String join(Map<String, String> headers) {
    StringBuilder result = new StringBuilder();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (result.length() > 0) {
        result.append(',');
      }
      result.append(header.getKey()).append('=').append(header.getValue());
    }
    return result.toString();
  }

  @Nullable
  private static URI parseQuietly(String value) {
    String trimmed = value.trim();
    String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
    try {
      URI uri = new URI(withScheme);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // null below
    }
    return null;
  }

  private static boolean hasTracesPath(URI uri) {
    return trimTrailingSlash(uri.getRawPath()).endsWith(TRACES_PATH);
  }

  private static boolean isEmptyPath(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || path.equals("/");
  }

  private static String trimTrailingSlash(@Nullable String path) {
    String result = path == null ? "" : path;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  private static String withPort(URI uri, int port) {
    String userInfo = uri.getRawUserInfo();
    return (userInfo == null ? "" : userInfo + "@") + uri.getHost() + ":" + port;
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

  private OtlpProperties() {}
}
