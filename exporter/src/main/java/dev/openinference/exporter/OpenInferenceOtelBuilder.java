/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.internal.ConfigValues;
import dev.openinference.exporter.internal.EnvironmentConfigProperties;
import dev.openinference.exporter.internal.KeyValueList;
import dev.openinference.exporter.internal.OtlpTarget;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Builds the {@link OpenTelemetrySdk} of {@link OpenInferenceOtel}. Every setting has an
 * environment fallback, read when {@link #build()} runs:
 *
 * <table>
 *   <caption>Settings and their environment variables</caption>
 *   <tr><th>setting</th><th>environment, first found wins</th><th>default</th></tr>
 *   <tr><td>{@link #setEndpoint}</td><td>{@code PHOENIX_COLLECTOR_ENDPOINT} (a base URL),
 *       {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as given), {@code
 *       OTEL_EXPORTER_OTLP_ENDPOINT} (a base URL)</td>
 *       <td>{@code http://localhost:6006/v1/traces}; {@code http://localhost:4317} for gRPC</td></tr>
 *   <tr><td>{@link #setProtocol}</td><td>inferred from an endpoint path ending in {@code
 *       /v1/traces}, then {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL}, {@code
 *       OTEL_EXPORTER_OTLP_PROTOCOL}, then gRPC for a path-less endpoint on the gRPC port</td>
 *       <td>{@code http/protobuf}</td></tr>
 *   <tr><td>{@link #setApiKey}</td><td>{@code PHOENIX_API_KEY}</td><td>none</td></tr>
 *   <tr><td>{@link #addHeader}</td><td>{@code OTEL_EXPORTER_OTLP_HEADERS}, {@code
 *       OTEL_EXPORTER_OTLP_TRACES_HEADERS}, {@code PHOENIX_CLIENT_HEADERS}, all merged</td>
 *       <td>none</td></tr>
 *   <tr><td>{@link #setProjectName}</td><td>{@code OTEL_OPENINFERENCE_PROJECT_NAME}, {@code
 *       PHOENIX_PROJECT}, {@code PHOENIX_PROJECT_NAME}, {@code openinference.project.name} in the
 *       resource</td><td>{@code default}</td></tr>
 *   <tr><td>{@link #setResource}</td><td>{@code OTEL_RESOURCE_ATTRIBUTES}, {@code
 *       OTEL_SERVICE_NAME} over {@code Resource.getDefault()}</td><td>SDK default</td></tr>
 *   <tr><td>{@link #setTraceConfig}</td><td>the {@code OPENINFERENCE_*} variables of {@link
 *       TraceConfig}</td><td>nothing hidden</td></tr>
 *   <tr><td>{@link #setDefaultSpanKind}</td><td>{@code OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT} (a
 *       kind, or {@code none})</td><td>{@code CHAIN}</td></tr>
 * </table>
 *
 * <p>The OpenInference span processor reads the same {@code OTEL_OPENINFERENCE_*} variables as
 * the autoconfigure integration: {@code OTEL_OPENINFERENCE_SESSION_ID}, {@code
 * OTEL_OPENINFERENCE_USER_ID}, {@code OTEL_OPENINFERENCE_TAGS} and {@code
 * OTEL_OPENINFERENCE_METADATA} give every span values no scope sets, and {@code
 * OTEL_OPENINFERENCE_ENABLED=false} leaves the processor out (the exporter still masks and
 * translates).
 *
 * <p>See {@link #setEndpoint} for how base URLs are completed. Invalid values are logged and
 * ignored; {@link #build()} never throws.
 */
public final class OpenInferenceOtelBuilder {

  private static final Logger infoLogger = Logger.getLogger(OpenInferenceOtelBuilder.class.getName());
  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceOtelBuilder.class);

  static final String DEFAULT_PROJECT_NAME = "default";

  @Nullable private String projectName;
  @Nullable private String endpoint;
  @Nullable private String protocol;
  private final Map<String, String> headers = new LinkedHashMap<>();
  @Nullable private String apiKey;
  private boolean batch = true;
  @Nullable private TraceConfig traceConfig;
  @Nullable private OpenInferenceSpanKind defaultSpanKind;
  private boolean defaultSpanKindSet;
  private boolean global;
  @Nullable private Resource resource;
  private boolean shutdownHook = true;
  @Nullable private Map<String, String> environment;

  OpenInferenceOtelBuilder() {}

  /**
   * Sets the project (Phoenix) or model (Arize) spans are filed under, sent as the resource
   * attribute {@code openinference.project.name}. Blank values are ignored.
   */
  public OpenInferenceOtelBuilder setProjectName(@Nullable String projectName) {
    this.projectName = nonBlank(projectName, "project name");
    return this;
  }

  /**
   * Sets the OTLP traces endpoint, used as given: {@code https://phoenix.example.com/v1/traces}
   * for OTLP/HTTP or {@code http://collector:4317} for gRPC. {@code http://} is added when the
   * value has no scheme, and {@code /v1/traces} when it goes over HTTP with an empty path. A path
   * ending in {@code /v1/traces} selects OTLP/HTTP unless {@link #setProtocol} says otherwise.
   *
   * <p>Unset, the endpoint comes from {@code PHOENIX_COLLECTOR_ENDPOINT}, a base URL such as
   * {@code http://localhost:6006}, completed the way Phoenix does: {@code /v1/traces} is appended
   * for HTTP unless the path already ends with it, and for gRPC the port becomes {@code
   * PHOENIX_GRPC_PORT} (default 4317). Then {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, used as
   * given, then {@code OTEL_EXPORTER_OTLP_ENDPOINT}, a base URL to which {@code /v1/traces} is
   * appended for HTTP. Without any of them: {@code http://localhost:6006/v1/traces}, or {@code
   * http://localhost:4317} for gRPC. An invalid URL is logged and skipped.
   */
  public OpenInferenceOtelBuilder setEndpoint(@Nullable String endpoint) {
    this.endpoint = nonBlank(endpoint, "endpoint");
    return this;
  }

  /**
   * Sets the OTLP protocol: {@code "http/protobuf"} or {@code "grpc"}. Unset, it is inferred: HTTP
   * for an endpoint path ending in {@code /v1/traces}, then {@code
   * OTEL_EXPORTER_OTLP_TRACES_PROTOCOL} or {@code OTEL_EXPORTER_OTLP_PROTOCOL}, then gRPC for an
   * endpoint without a path on the gRPC port (4317), else HTTP. Other values are logged and
   * ignored.
   */
  public OpenInferenceOtelBuilder setProtocol(@Nullable String protocol) {
    this.protocol = OtlpTarget.normalizeProtocol(protocol, "setProtocol");
    return this;
  }

  /**
   * Adds a header to every export request. Names are lower-cased (gRPC requires it); a later
   * value for the same name wins, and these win over headers from the environment. Null or blank
   * names are ignored with a warning.
   */
  public OpenInferenceOtelBuilder addHeader(@Nullable String name, @Nullable String value) {
    if (name == null || name.trim().isEmpty() || value == null) {
      logger.warning("Ignoring the header " + describe(name) + ": blank name or null value");
      return this;
    }
    headers.put(name.trim().toLowerCase(Locale.ROOT), value);
    return this;
  }

  /**
   * Sets the API key, sent as {@code authorization: Bearer <key>}; it wins over {@code
   * PHOENIX_API_KEY} and over an {@code authorization} header. Blank values are ignored.
   */
  public OpenInferenceOtelBuilder setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey == null || apiKey.trim().isEmpty() ? null : apiKey.trim();
    return this;
  }

  /**
   * Sets whether spans are exported in batches off the application threads (the default) or one
   * by one as they end. Unbatched export is for tests and short scripts against a local backend; a
   * warning is logged when it is used with a remote endpoint.
   */
  public OpenInferenceOtelBuilder setBatch(boolean batch) {
    this.batch = batch;
    return this;
  }

  /** Sets what is masked; unset or null, the {@code OPENINFERENCE_*} variables decide. */
  public OpenInferenceOtelBuilder setTraceConfig(@Nullable TraceConfig traceConfig) {
    this.traceConfig = traceConfig;
    return this;
  }

  /**
   * Sets the kind of spans that have none, for both the processor (at start) and the exporter (at
   * export); null leaves such spans without a kind. Unset, {@code
   * OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT} decides, then {@code CHAIN}.
   */
  public OpenInferenceOtelBuilder setDefaultSpanKind(
      @Nullable OpenInferenceSpanKind defaultSpanKind) {
    this.defaultSpanKind = defaultSpanKind;
    this.defaultSpanKindSet = true;
    return this;
  }

  /**
   * Sets whether {@link #build()} registers the SDK as {@link GlobalOpenTelemetry} (default
   * false; {@link OpenInferenceOtel#register()} sets it). If a global is already registered, a
   * warning is logged and the SDK is returned without replacing it.
   */
  public OpenInferenceOtelBuilder setGlobal(boolean global) {
    this.global = global;
    return this;
  }

  /**
   * Sets the resource, in place of {@code Resource.getDefault()} merged with {@code
   * OTEL_RESOURCE_ATTRIBUTES} and {@code OTEL_SERVICE_NAME}. The project name is merged over it.
   */
  public OpenInferenceOtelBuilder setResource(@Nullable Resource resource) {
    this.resource = resource;
    return this;
  }

  /**
   * Sets whether a JVM shutdown hook closes the SDK, so the last batch is sent when the
   * application exits (default true).
   */
  public OpenInferenceOtelBuilder setRegisterShutdownHook(boolean shutdownHook) {
    this.shutdownHook = shutdownHook;
    return this;
  }

  /** Reads the environment from {@code environment} instead of the process; for tests. */
  OpenInferenceOtelBuilder setEnvironment(@Nullable Map<String, String> environment) {
    this.environment = environment == null ? Collections.<String, String>emptyMap() : environment;
    return this;
  }

  /** Builds the SDK and, if {@link #setGlobal} asked for it, registers it as the global one. */
  public OpenTelemetrySdk build() {
    OtlpTarget target = resolveTarget();
    Map<String, String> exportHeaders = resolveHeaders();
    Resource sdkResource = resolveResource();
    OpenInferenceConfiguration openInference = resolveOpenInferenceConfiguration();
    OpenInferenceSpanKind kind = openInference.getDefaultSpanKind();
    TraceConfig config = resolveTraceConfig();

    SpanExporter exporter =
        OpenInferenceSpanExporter.builder(otlpExporter(target, exportHeaders))
            .setTraceConfig(config)
            .setDefaultSpanKind(kind)
            .build();
    SpanProcessor exportProcessor;
    if (batch) {
      exportProcessor = BatchSpanProcessor.builder(exporter).build();
    } else {
      if (!target.isLoopback()) {
        logger.warning(
            "Spans are exported one by one, on the application threads, to the remote endpoint "
                + target.getEndpoint()
                + "; use setBatch(true) outside tests and scripts");
      }
      exportProcessor = SimpleSpanProcessor.create(exporter);
    }
    SdkTracerProviderBuilder tracerProviderBuilder =
        SdkTracerProvider.builder().setResource(sdkResource);
    if (openInference.isEnabled()) {
      // First, so that the processors after it and the exporter see the stamped attributes.
      tracerProviderBuilder.addSpanProcessor(openInference.newSpanProcessor());
    }
    SdkTracerProvider tracerProvider =
        tracerProviderBuilder.addSpanProcessor(exportProcessor).build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance())))
            .build();
    if (shutdownHook) {
      registerShutdownHook(sdk);
    }
    if (global) {
      registerGlobal(sdk);
    }
    if (infoLogger.isLoggable(Level.INFO)) {
      infoLogger.info(
          "OpenInference tracing: project '"
              + sdkResource.getAttribute(SemanticConventions.PROJECT_NAME)
              + "', endpoint "
              + target.getEndpoint()
              + " ("
              + target.getProtocol()
              + "), headers "
              + exportHeaders.keySet()
              + ", "
              + (batch ? "batch" : "simple")
              + " span processor"
              + (global ? ", registered as GlobalOpenTelemetry" : ""));
    }
    return sdk;
  }

  OtlpTarget resolveTarget() {
    return OtlpTarget.resolve(endpoint, protocol, source());
  }

  /** Returns the export headers, lower-case names, environment first, then the settings. */
  Map<String, String> resolveHeaders() {
    ConfigValues.Source source = source();
    Map<String, String> result = new LinkedHashMap<>();
    for (String variable :
        new String[] {
          "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "PHOENIX_CLIENT_HEADERS"
        }) {
      result.putAll(KeyValueList.parse(ConfigValues.getString(source, variable), variable, true));
    }
    String environmentKey = ConfigValues.getString(source, "PHOENIX_API_KEY");
    if (environmentKey != null) {
      result.put("authorization", "Bearer " + environmentKey);
    }
    result.putAll(headers);
    if (apiKey != null) {
      result.put("authorization", "Bearer " + apiKey);
    }
    return result;
  }

  /** Returns the resource with the project name merged over it. */
  Resource resolveResource() {
    ConfigValues.Source source = source();
    Resource base = resource != null ? resource : Resource.getDefault().merge(environmentResource(source));
    String name = projectName;
    if (name == null) {
      name =
          ConfigValues.getString(
              source,
              EnvironmentConfigProperties.toVariableName(OpenInferenceConfiguration.PROJECT_NAME));
    }
    if (name == null) {
      String canonical = ConfigValues.getString(source, "PHOENIX_PROJECT");
      String alias = ConfigValues.getString(source, "PHOENIX_PROJECT_NAME");
      if (canonical != null && alias != null && !canonical.equals(alias)) {
        logger.warning(
            "PHOENIX_PROJECT (" + describe(canonical) + ") and PHOENIX_PROJECT_NAME ("
                + describe(alias) + ") differ; using PHOENIX_PROJECT");
      }
      name = canonical != null ? canonical : alias;
    }
    if (name == null) {
      name = base.getAttribute(SemanticConventions.PROJECT_NAME);
    }
    if (name == null || name.trim().isEmpty()) {
      name = DEFAULT_PROJECT_NAME;
    }
    return base.merge(Resource.create(Attributes.of(SemanticConventions.PROJECT_NAME, name)));
  }

  private static Resource environmentResource(ConfigValues.Source source) {
    AttributesBuilder attributes = Attributes.builder();
    KeyValueList.parse(
            ConfigValues.getString(source, "OTEL_RESOURCE_ATTRIBUTES"),
            "OTEL_RESOURCE_ATTRIBUTES",
            false)
        .forEach(attributes::put);
    String serviceName = ConfigValues.getString(source, "OTEL_SERVICE_NAME");
    if (serviceName != null) {
      attributes.put(AttributeKey.stringKey("service.name"), serviceName);
    }
    return Resource.create(attributes.build());
  }

  /**
   * Returns the {@code otel.openinference.*} settings, read from the {@code OTEL_OPENINFERENCE_*}
   * variables, with {@link #setDefaultSpanKind} in place of the variable when it was called.
   */
  OpenInferenceConfiguration resolveOpenInferenceConfiguration() {
    Map<String, String> overrides = new HashMap<>();
    if (defaultSpanKindSet) {
      overrides.put(
          OpenInferenceConfiguration.SPAN_KIND_DEFAULT,
          defaultSpanKind == null ? "none" : defaultSpanKind.getValue());
    }
    return OpenInferenceConfiguration.fromConfigProperties(
        EnvironmentConfigProperties.create(source(), overrides));
  }

  @Nullable
  OpenInferenceSpanKind resolveDefaultSpanKind() {
    return resolveOpenInferenceConfiguration().getDefaultSpanKind();
  }

  TraceConfig resolveTraceConfig() {
    if (traceConfig != null) {
      return traceConfig;
    }
    return environment != null
        ? TraceConfig.fromEnvironment(environment)
        : TraceConfig.fromEnvironment();
  }

  private static SpanExporter otlpExporter(OtlpTarget target, Map<String, String> headers) {
    try {
      if (target.isGrpc()) {
        // An explicit meter provider keeps the exporter from touching GlobalOpenTelemetry.
        OtlpGrpcSpanExporterBuilder builder =
            OtlpGrpcSpanExporter.builder()
                .setEndpoint(target.getEndpoint())
                .setMeterProvider(MeterProvider.noop());
        headers.forEach(builder::addHeader);
        return builder.build();
      }
      OtlpHttpSpanExporterBuilder builder =
          OtlpHttpSpanExporter.builder()
              .setEndpoint(target.getEndpoint())
              .setMeterProvider(MeterProvider.noop());
      headers.forEach(builder::addHeader);
      return builder.build();
    } catch (RuntimeException e) {
      logger.warning(
          "Could not create the OTLP exporter for " + target + "; spans will be discarded", e);
      return SpanExporter.noop();
    }
  }

  private static void registerShutdownHook(OpenTelemetrySdk sdk) {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(sdk::close, "openinference-sdk-shutdown"));
    } catch (RuntimeException e) {
      logger.warning("Could not register the shutdown hook that flushes spans at exit", e);
    }
  }

  private static void registerGlobal(OpenTelemetrySdk sdk) {
    try {
      GlobalOpenTelemetry.set(sdk);
    } catch (IllegalStateException e) {
      logger.warning(
          "GlobalOpenTelemetry was already set; the OpenInference SDK was built but not registered"
              + " as the global one. Use the returned OpenTelemetrySdk directly.",
          e);
    }
  }

  private ConfigValues.Source source() {
    return environment != null
        ? ConfigValues.fromMap(environment)
        : ConfigValues.fromMap(System.getenv());
  }

  @Nullable
  private static String nonBlank(@Nullable String value, String what) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      logger.warning("Ignoring blank " + what);
      return null;
    }
    return trimmed;
  }

  @Override
  public String toString() {
    List<String> headerNames = new ArrayList<>(headers.keySet());
    return "OpenInferenceOtelBuilder{projectName="
        + projectName
        + ", endpoint="
        + endpoint
        + ", protocol="
        + protocol
        + ", headers="
        + headerNames
        + ", apiKey="
        + (apiKey == null ? "unset" : "****")
        + ", batch="
        + batch
        + ", traceConfig="
        + traceConfig
        + ", defaultSpanKind="
        + (defaultSpanKindSet ? String.valueOf(defaultSpanKind) : "unset")
        + ", global="
        + global
        + '}';
  }
}
