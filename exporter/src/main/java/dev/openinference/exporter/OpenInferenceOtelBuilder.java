/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.internal.OtlpProperties;
import dev.openinference.exporter.internal.feedback.FeedbackSettings;
import dev.openinference.exporter.internal.turns.TurnFiller;
import dev.openinference.processor.internal.OpenInferenceConfiguration;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Builds the {@link OpenTelemetrySdk} of {@link OpenInferenceOtel} with OpenTelemetry's SDK
 * autoconfigure, so every {@code otel.*} key works as a system property or an environment variable
 * (sampler, batch settings, resource, propagators, limits, ...), and the OpenInference processor,
 * exporter wrapping and project name come in as they do in autoconfigure mode.
 *
 * <p>What is set here overrides the system properties and environment variables; what is not set
 * comes from them, then from the defaults of library mode:
 *
 * <table>
 *   <caption>Settings, the configuration they override, and library-mode defaults</caption>
 *   <tr><th>setting</th><th>configuration, first found wins</th><th>default</th></tr>
 *   <tr><td>{@link #setEndpoint}</td><td>{@code PHOENIX_COLLECTOR_ENDPOINT} (a base URL), {@code
 *       OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}</td>
 *       <td>{@code http://localhost:6006/v1/traces}; the first one set decides, and if it is
 *       invalid no spans are exported (reported at SEVERE)</td></tr>
 *   <tr><td>{@link #setProtocol}</td><td>an endpoint path ending in {@code /v1/traces} (HTTP),
 *       {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL}, {@code OTEL_EXPORTER_OTLP_PROTOCOL}</td>
 *       <td>{@code http/protobuf}</td></tr>
 *   <tr><td>{@link #setApiKey}, {@link #addHeader}</td><td>{@code PHOENIX_API_KEY}, {@code
 *       PHOENIX_CLIENT_HEADERS}, {@code OTEL_EXPORTER_OTLP_TRACES_HEADERS}, {@code
 *       OTEL_EXPORTER_OTLP_HEADERS}</td><td>none</td></tr>
 *   <tr><td>{@link #setProjectName}</td><td>{@code OTEL_OPENINFERENCE_PROJECT_NAME}, {@code
 *       PHOENIX_PROJECT_NAME}, {@code PHOENIX_PROJECT}, {@code openinference.project.name} in
 *       {@code OTEL_RESOURCE_ATTRIBUTES}</td><td>{@code default}</td></tr>
 *   <tr><td>{@link #setTraceConfig}</td><td>each {@code OPENINFERENCE_*} flag on its own</td>
 *       <td>nothing hidden</td></tr>
 *   <tr><td>{@link #setDefaultSpanKind}</td><td>{@code OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT}</td>
 *       <td>{@code CHAIN}</td></tr>
 *   <tr><td>{@link #setAliases}</td><td>{@code OTEL_OPENINFERENCE_ALIASES}</td><td>none</td></tr>
 *   <tr><td>metrics, logs</td><td>{@code OTEL_METRICS_EXPORTER}, {@code OTEL_LOGS_EXPORTER}</td>
 *       <td>{@code none}: library mode sends traces only</td></tr>
 *   <tr><td>GenAI content capture</td><td>{@code
 *       OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT}</td><td>{@code true}</td></tr>
 * </table>
 *
 * <p>The SDK's logger provider feeds GenAI log-record events to the OpenInference processor that
 * joins them onto their span, so instrumentation handed this SDK gets its message content onto
 * spans without a logs backend. {@link #build()} never throws: a configuration the SDK rejects is
 * named in a warning and a no-op SDK is returned.
 */
public final class OpenInferenceOtelBuilder {

  private static final Logger infoLogger =
      Logger.getLogger(OpenInferenceOtelBuilder.class.getName());
  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceOtelBuilder.class);

  static final String DEFAULT_PROJECT_NAME = "default";
  static final String GENAI_CAPTURE = "otel.instrumentation.genai.capture-message-content";

  /** Defaults of library mode, under every system property and environment variable. */
  private static final Map<String, String> LIBRARY_DEFAULTS;

  static {
    Map<String, String> defaults = new LinkedHashMap<>();
    // Library mode sends traces; GenAI content reaches spans through the logs bridge.
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    defaults.put(GENAI_CAPTURE, "true");
    LIBRARY_DEFAULTS = Collections.unmodifiableMap(defaults);
  }

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
  private boolean shutdownHook = true;
  @Nullable private List<String> aliases;
  @Nullable private Map<String, String> environment;

  /** Whether the last {@link #build()} found the deciding endpoint invalid. */
  private boolean endpointRejected;

  OpenInferenceOtelBuilder() {}

  /**
   * Sets the project (Phoenix) or model (Arize) spans are filed under, sent as the resource
   * attribute {@code openinference.project.name}. Blank values are ignored.
   *
   * @param projectName the project name; null unsets it (then {@code PHOENIX_PROJECT_NAME} and the
   *     defaults decide), blank is ignored with a warning
   * @return this builder
   */
  public OpenInferenceOtelBuilder setProjectName(@Nullable String projectName) {
    this.projectName = nonBlank(projectName, "project name");
    return this;
  }

  /**
   * Sets the OTLP traces endpoint, used as given: {@code https://phoenix.example.com/v1/traces} for
   * OTLP/HTTP or {@code http://collector:4317} for gRPC. {@code http://} is added when the value
   * has no scheme, and {@code /v1/traces} when it goes over HTTP with an empty path. A path ending
   * in {@code /v1/traces} selects OTLP/HTTP unless {@link #setProtocol} says otherwise; an endpoint
   * with no path on port 4317 selects gRPC unless a protocol is configured. A value that is not an
   * {@code http://} or {@code https://} URL with a host is reported at SEVERE, naming this method
   * and the value, and the built SDK exports no spans: never to another endpoint.
   *
   * @param endpoint the traces endpoint URL; null unsets it (then the environment decides), blank
   *     is ignored with a warning
   * @return this builder
   */
  public OpenInferenceOtelBuilder setEndpoint(@Nullable String endpoint) {
    this.endpoint = nonBlank(endpoint, "endpoint");
    return this;
  }

  /**
   * Sets the OTLP protocol: {@code "http/protobuf"} or {@code "grpc"}. Other values are logged and
   * ignored.
   *
   * @param protocol {@code "http/protobuf"} or {@code "grpc"}, case-insensitive; null unsets it
   *     (then the environment and the endpoint decide)
   * @return this builder
   */
  public OpenInferenceOtelBuilder setProtocol(@Nullable String protocol) {
    this.protocol = OtlpProperties.normalizeProtocol(protocol, "setProtocol");
    return this;
  }

  /**
   * Adds a header to every export request. Names are lower-cased (gRPC requires it); a later value
   * for the same name wins, and these win over headers from the configuration. Null or blank names
   * are ignored with a warning.
   *
   * @param name the header name; null or blank is ignored with a warning
   * @param value the header value, sent as given; null is ignored with a warning
   * @return this builder
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
   *
   * @param apiKey the backend's API key, surrounding white space removed; null or blank unsets it
   * @return this builder
   */
  public OpenInferenceOtelBuilder setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey == null || apiKey.trim().isEmpty() ? null : apiKey.trim();
    return this;
  }

  /**
   * Sets whether spans are exported in batches off the application threads (the default, tuned by
   * {@code OTEL_BSP_*}) or one by one as they end. Unbatched export is for tests and short scripts
   * against a local backend; a warning is logged when it is used with a remote endpoint. Unbatched,
   * spans go to the OTLP exporter only, whatever {@code OTEL_TRACES_EXPORTER} says.
   *
   * @param batch {@code true} (the default) to export in batches, {@code false} to export each span
   *     synchronously as it ends
   * @return this builder
   */
  public OpenInferenceOtelBuilder setBatch(boolean batch) {
    this.batch = batch;
    return this;
  }

  /**
   * Sets what is masked. Each of its settings wins over the {@code OPENINFERENCE_*} variable of the
   * same name; a {@link TraceConfig} built in code has already taken the settings it was not given
   * from system properties and the environment. Unset or null, those decide.
   *
   * @param traceConfig the masking settings, or null to let the environment decide
   * @return this builder
   */
  public OpenInferenceOtelBuilder setTraceConfig(@Nullable TraceConfig traceConfig) {
    this.traceConfig = traceConfig;
    return this;
  }

  /**
   * Sets the kind of spans that have none, for both the processor (at start) and the exporter (at
   * export); null leaves such spans without a kind. Unset, {@code
   * OTEL_OPENINFERENCE_SPAN_KIND_DEFAULT} decides, then {@code CHAIN}.
   *
   * @param defaultSpanKind the kind to give such spans, or null for none
   * @return this builder
   */
  public OpenInferenceOtelBuilder setDefaultSpanKind(
      @Nullable OpenInferenceSpanKind defaultSpanKind) {
    this.defaultSpanKind = defaultSpanKind;
    this.defaultSpanKindSet = true;
    return this;
  }

  /**
   * Sets the backends whose own session keys every span also carries, for the processor (at start)
   * and the exporter (values that arrive later): {@code "genai"} ({@code gen_ai.conversation.id}),
   * {@code "langfuse"} ({@code langfuse.session.id}, {@code langfuse.user.id}, {@code
   * langfuse.trace.tags}, {@code langfuse.trace.metadata.<key>}), {@code "langsmith"} ({@code
   * langsmith.metadata.thread_id}, {@code langsmith.metadata.<key>}, {@code langsmith.span.tags}).
   * Unset, {@code OTEL_OPENINFERENCE_ALIASES} decides, then none. Unknown names are dropped with a
   * warning.
   *
   * @param aliases backend names, case-insensitive; nulls and blanks are skipped, and null or none
   *     means only the OpenInference keys
   * @return this builder
   */
  public OpenInferenceOtelBuilder setAliases(String... aliases) {
    List<String> names = new ArrayList<>();
    if (aliases != null) {
      for (String alias : aliases) {
        if (alias != null && !alias.trim().isEmpty()) {
          names.add(alias.trim());
        }
      }
    }
    this.aliases = names;
    return this;
  }

  /**
   * Sets whether {@link #build()} registers the SDK as {@link GlobalOpenTelemetry} (default false;
   * {@link OpenInferenceOtel#register()} sets it). If a global is already registered, a warning is
   * logged and the SDK is returned without replacing it.
   *
   * @param global {@code true} to register the built SDK as the global one
   * @return this builder
   */
  public OpenInferenceOtelBuilder setGlobal(boolean global) {
    this.global = global;
    return this;
  }

  /**
   * Sets whether a JVM shutdown hook closes the SDK, so the last batch is sent when the application
   * exits (default true).
   *
   * @param shutdownHook {@code false} when the application closes the SDK itself
   * @return this builder
   */
  public OpenInferenceOtelBuilder setRegisterShutdownHook(boolean shutdownHook) {
    this.shutdownHook = shutdownHook;
    return this;
  }

  /**
   * Reads {@code environment}, variable names to values, as if it were the process environment,
   * under the real system properties and environment; for tests.
   */
  OpenInferenceOtelBuilder setEnvironment(@Nullable Map<String, String> environment) {
    this.environment = environment;
    return this;
  }

  /**
   * Builds the SDK and, if {@link #setGlobal} asked for it, registers it as the global one.
   *
   * @return the SDK, never null; one that exports nothing (with a warning) when OpenTelemetry
   *     rejects the configuration. Close it to flush spans still buffered.
   */
  public OpenTelemetrySdk build() {
    ConfigProperties[] resolved = new ConfigProperties[1];
    AutoConfiguredOpenTelemetrySdkBuilder autoconfigure =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(this::defaults)
            .addPropertiesCustomizer(this::overrides)
            .addTracerProviderCustomizer(
                (builder, config) -> {
                  resolved[0] = config;
                  return batch || endpointRejected ? builder : addUnbatchedExport(builder, config);
                });
    // The GenAI log-record bridge joins the logger provider through the exporter module's
    // autoconfigure provider, like every other autoconfigured SDK.
    // Our own hook instead of autoconfigure's: the same close, without the SDK's "Multiple
    // shutdown calls" when the application closed the SDK first, as the README suggests.
    autoconfigure.disableShutdownHook();
    OpenTelemetrySdk sdk;
    try {
      sdk = autoconfigure.build().getOpenTelemetrySdk();
    } catch (RuntimeException e) {
      logger.warning(
          "OpenTelemetry rejected its configuration, so spans will not be exported: " + e);
      sdk = OpenTelemetrySdk.builder().build();
    }
    if (shutdownHook) {
      registerShutdownHook(sdk);
    }
    if (global) {
      registerGlobal(sdk);
    }
    if (resolved[0] != null && !endpointRejected && infoLogger.isLoggable(Level.INFO)) {
      infoLogger.info(summary(resolved[0]));
    }
    return sdk;
  }

  /** The library defaults, and the test environment as property names. */
  Map<String, String> defaults() {
    Map<String, String> properties = new HashMap<>(LIBRARY_DEFAULTS);
    if (environment != null) {
      for (Map.Entry<String, String> variable : environment.entrySet()) {
        properties.put(
            variable.getKey().toLowerCase(Locale.ROOT).replace('_', '.'), variable.getValue());
      }
    }
    return properties;
  }

  /** What the settings made here override, resolved over {@code config}. */
  Map<String, String> overrides(ConfigProperties config) {
    Map<String, String> overrides = new HashMap<>();
    if (!batch) {
      overrides.put("otel.traces.exporter", "none");
    }
    Map<String, String> otlp =
        OtlpProperties.resolve(config, endpoint, protocol, apiKey, headers, true);
    // An invalid endpoint was reported: no exporter, rather than one for another endpoint.
    endpointRejected = OtlpProperties.tracesEndpointRejected(otlp);
    overrides.putAll(otlp);
    // Feedback goes to Phoenix's base URL, which a gRPC traces endpoint no longer shows.
    String phoenix = config.getString(OtlpProperties.PHOENIX_COLLECTOR_ENDPOINT);
    if (endpoint == null
        && !endpointRejected
        && phoenix != null
        && !phoenix.trim().isEmpty()
        && config.getString(FeedbackSettings.PHOENIX_ENDPOINT) == null) {
      overrides.put(FeedbackSettings.PHOENIX_ENDPOINT, phoenix.trim());
    }
    // Consumed: the autoconfigure provider must not map them again over the settings above.
    overrides.put(OtlpProperties.PHOENIX_COLLECTOR_ENDPOINT, "");
    overrides.put(OtlpProperties.PHOENIX_API_KEY, "");
    overrides.put(OtlpProperties.PHOENIX_CLIENT_HEADERS, "");
    if (projectName != null) {
      overrides.put(OpenInferenceConfiguration.PROJECT_NAME, projectName);
    } else if (OpenInferenceConfiguration.projectName(config::getString) == null
        && !resourceHasProjectName(config)) {
      overrides.put(OpenInferenceConfiguration.PROJECT_NAME, DEFAULT_PROJECT_NAME);
    }
    if (traceConfig != null) {
      overrides.putAll(traceConfig.toProperties());
    }
    if (aliases != null) {
      // Empty turns off what the environment asks for: the setting here wins.
      overrides.put(
          OpenInferenceConfiguration.ALIASES, aliases.isEmpty() ? "" : String.join(",", aliases));
    }
    if (defaultSpanKindSet) {
      overrides.put(
          OpenInferenceConfiguration.SPAN_KIND_DEFAULT,
          defaultSpanKind == null ? "none" : defaultSpanKind.getValue());
    }
    return overrides;
  }

  private static boolean resourceHasProjectName(ConfigProperties config) {
    try {
      return config
          .getMap("otel.resource.attributes")
          .containsKey(SemanticConventions.PROJECT_NAME.getKey());
    } catch (RuntimeException e) {
      return false; // the SDK reports the bad value itself
    }
  }

  /**
   * Unbatched: the OTLP exporter autoconfigure would have made, wrapped for OpenInference, behind a
   * simple span processor.
   */
  private static SdkTracerProviderBuilder addUnbatchedExport(
      SdkTracerProviderBuilder builder, ConfigProperties config) {
    ConfigurableSpanExporterProvider otlp = null;
    for (ConfigurableSpanExporterProvider provider :
        ServiceLoader.load(
            ConfigurableSpanExporterProvider.class,
            OpenInferenceOtelBuilder.class.getClassLoader())) {
      if ("otlp".equals(provider.getName())) {
        otlp = provider;
      }
    }
    if (otlp == null) {
      logger.warning("No OTLP span exporter on the class path; spans will not be exported");
      return builder;
    }
    String endpoint = OtlpProperties.effectiveTracesEndpoint(config);
    if (!OtlpProperties.isLoopback(endpoint)) {
      logger.warning(
          "Spans are exported one by one, on the application threads, to the remote endpoint "
              + endpoint
              + "; use setBatch(true) outside tests and scripts");
    }
    OpenInferenceConfiguration settings = OpenInferenceConfiguration.fromConfigProperties(config);
    SpanExporter exporter = otlp.createExporter(config);
    if (settings.isEnabled()) {
      exporter =
          OpenInferenceSpanExporter.builder(exporter)
              .setTraceConfig(TraceConfig.fromConfigProperties(config))
              .setDefaultSpanKind(settings.getDefaultSpanKind())
              .setAliases(settings.getAliases().names().toArray(new String[0]))
              .setTurnsEnabled(TurnFiller.isEnabled(config::getString))
              .build();
    }
    return builder.addSpanProcessor(SimpleSpanProcessor.create(exporter));
  }

  private String summary(ConfigProperties config) {
    return "OpenInference tracing: project '"
        + OpenInferenceConfiguration.projectName(config::getString)
        + "', endpoint "
        + OtlpProperties.effectiveTracesEndpoint(config)
        + " ("
        + OtlpProperties.effectiveTracesProtocol(config)
        + "), headers "
        + headerNames(config)
        + ", "
        + (batch ? "batch" : "simple")
        + " span processor"
        + (global ? ", registered as GlobalOpenTelemetry" : "");
  }

  private static Object headerNames(ConfigProperties config) {
    try {
      Map<String, String> traces = config.getMap(OtlpProperties.TRACES_HEADERS);
      return (traces.isEmpty() ? config.getMap("otel.exporter.otlp.headers") : traces).keySet();
    } catch (RuntimeException e) {
      return "(unreadable)";
    }
  }

  /**
   * Closes {@code sdk} at JVM exit, as autoconfigure's hook does, with the SDK's INFO about a
   * second shutdown held back: an SDK the application already closed is left as it is, quietly.
   */
  private static void registerShutdownHook(OpenTelemetrySdk sdk) {
    Thread hook = new Thread(() -> closeQuietly(sdk), "openinference-sdk-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException | SecurityException e) {
      logger.warning("Could not register the shutdown hook that flushes spans at exit: " + e);
    }
  }

  /** What the shutdown hook runs: {@code sdk.close()} without the INFO about a second call. */
  static void closeQuietly(OpenTelemetrySdk sdk) {
    Logger sdkLogger = Logger.getLogger(OpenTelemetrySdk.class.getName());
    Level level = sdkLogger.getLevel();
    sdkLogger.setLevel(Level.WARNING);
    try {
      sdk.close();
    } finally {
      sdkLogger.setLevel(level);
    }
  }

  private static void registerGlobal(OpenTelemetrySdk sdk) {
    try {
      GlobalOpenTelemetry.set(sdk);
    } catch (IllegalStateException e) {
      logger.warning(
          "GlobalOpenTelemetry was already set; the OpenInference SDK was built but not registered"
              + " as the global one. Use the returned OpenTelemetrySdk directly.");
    }
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
    return "OpenInferenceOtelBuilder{projectName="
        + projectName
        + ", endpoint="
        + endpoint
        + ", protocol="
        + protocol
        + ", headers="
        + headers.keySet()
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
        + ", aliases="
        + (aliases == null ? "unset" : aliases)
        + '}';
  }
}
