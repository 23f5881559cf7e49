/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.processor.OpenInferenceSpanProcessorBuilder;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * The {@code openinference} span processor of declarative configuration ({@code otel.config.file},
 * {@code OTEL_CONFIG_FILE}, the OTel javaagent and Spring Boot starter in declarative mode):
 *
 * <pre>{@code
 * tracer_provider:
 *   processors:
 *     - openinference:
 *         session_id: nightly-eval       # process-level values, used where no scope sets the field
 *         user_id: batch-runner
 *         tags: [nightly, eval]          # or "nightly,eval"
 *         metadata: {team: ml, run: "7"} # string values; or "team=ml,run=7"
 *         span_kind_default: CHAIN       # a span kind, or none; default CHAIN
 *         aliases: [langfuse]            # also write these backends' keys: genai, langfuse, langsmith
 *         enabled: true                  # false: the processor does nothing
 *     - batch:
 *         exporter:
 *           otlp_http:
 *             endpoint: http://localhost:6006/v1/traces
 * }</pre>
 *
 * <p>The keys mean what the {@code otel.openinference.*} properties mean in autoconfigure mode. All
 * are optional: {@code - openinference:} alone gives the defaults. A bad value is named in a
 * warning and dropped; creating the processor never fails SDK start-up. {@code
 * otel.openinference.enabled=false} (system property, or {@code OTEL_OPENINFERENCE_ENABLED}) turns
 * it off as well.
 *
 * <p>Loaded by {@code ServiceLoader} only where declarative configuration runs, which brings {@code
 * opentelemetry-api-incubator}; nothing else touches this class, so the processor jar works without
 * that artifact.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceComponentProvider implements ComponentProvider {

  /** The name under {@code tracer_provider.processors}. */
  public static final String NAME = "openinference";

  static final String ENABLED = "enabled";
  static final String SESSION_ID = "session_id";
  static final String USER_ID = "user_id";
  static final String TAGS = "tags";
  static final String METADATA = "metadata";
  static final String SPAN_KIND_DEFAULT = "span_kind_default";
  static final String ALIASES = "aliases";

  private static final Set<String> KEYS =
      Collections.unmodifiableSet(
          new TreeSet<>(
              Arrays.asList(
                  ENABLED, SESSION_ID, USER_ID, TAGS, METADATA, SPAN_KIND_DEFAULT, ALIASES)));

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceComponentProvider.class);

  private static final SpanProcessor NOOP = SpanProcessor.composite();

  @Override
  public Class<SpanProcessor> getType() {
    return SpanProcessor.class;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public SpanProcessor create(DeclarativeConfigProperties config) {
    try {
      return createProcessor(config);
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: a DeclarativeConfigProperties of a version without a method used here.
      logger.warning(NAME + ": could not read the settings, using the defaults: " + e);
      return isEnabledByEnvironment() ? OpenInferenceSpanProcessor.create() : NOOP;
    }
  }

  private static SpanProcessor createProcessor(DeclarativeConfigProperties config) {
    if (!isEnabledByEnvironment() || !config.getBoolean(ENABLED, true)) {
      // The SDK wants a processor for every listed entry; this one does nothing.
      return NOOP;
    }
    for (String key : config.getPropertyKeys()) {
      if (!KEYS.contains(key)) {
        logger.warning(
            NAME + ": ignored the unknown key " + describe(key) + "; known keys are " + KEYS + ".");
      }
    }
    OpenInferenceSpanProcessorBuilder builder =
        OpenInferenceSpanProcessor.builder().setDefaultSpanKind(spanKind(config));
    String sessionId = nonBlank(config.getString(SESSION_ID));
    if (sessionId != null) {
      builder.setSessionId(sessionId);
    }
    String userId = nonBlank(config.getString(USER_ID));
    if (userId != null) {
      builder.setUserId(userId);
    }
    List<String> tags = tags(config);
    if (!tags.isEmpty()) {
      builder.setTags(tags);
    }
    Map<String, String> metadata = metadata(config);
    if (!metadata.isEmpty()) {
      builder.setMetadata(metadata);
    }
    builder.setAliases(aliases(config).names().toArray(new String[0]));
    return builder.build();
  }

  /**
   * Returns false when the system property {@code otel.openinference.enabled} (or else the
   * environment variable {@code OTEL_OPENINFERENCE_ENABLED}) is {@code false}: in declarative mode
   * these are the only places outside the YAML file where the extension can be turned off.
   */
  static boolean isEnabledByEnvironment() {
    return OpenInferenceConfiguration.isEnabled(ConfigValues.systemPropertiesAndEnvironment());
  }

  @Nullable
  private static OpenInferenceSpanKind spanKind(DeclarativeConfigProperties config) {
    String value = config.getString(SPAN_KIND_DEFAULT);
    if (value == null || value.trim().isEmpty()) {
      return OpenInferenceSpanKind.CHAIN;
    }
    if (value.trim().equalsIgnoreCase("none")) {
      return null;
    }
    OpenInferenceSpanKind kind = OpenInferenceSpanKind.fromValue(value);
    if (kind == null) {
      logger.warning(
          NAME
              + "."
              + SPAN_KIND_DEFAULT
              + "="
              + describe(value)
              + " is neither a span kind (LLM, CHAIN, AGENT, TOOL, ...) nor none; using CHAIN.");
      return OpenInferenceSpanKind.CHAIN;
    }
    return kind;
  }

  @Nullable
  private static String nonBlank(@Nullable String value) {
    return value == null || value.trim().isEmpty() ? null : value.trim();
  }

  /**
   * {@code aliases}, a list or a comma-separated string; without the key, {@code
   * otel.openinference.aliases} (system property, else {@code OTEL_OPENINFERENCE_ALIASES}), which
   * the exporter reads in declarative mode too, so one setting covers start and export.
   */
  private static Aliases aliases(DeclarativeConfigProperties config) {
    if (!config.getPropertyKeys().contains(ALIASES)) {
      return OpenInferenceConfiguration.aliases(ConfigValues.systemPropertiesAndEnvironment());
    }
    return Aliases.of(stringList(config, ALIASES), NAME + "." + ALIASES);
  }

  /** A list of strings, or one comma-separated string as in {@code otel.openinference.tags}. */
  private static List<String> tags(DeclarativeConfigProperties config) {
    return stringList(config, TAGS);
  }

  private static List<String> stringList(DeclarativeConfigProperties config, String key) {
    if (!config.getPropertyKeys().contains(key)) {
      return Collections.emptyList();
    }
    // Null, without a warning, when the value is not a list.
    List<String> list = config.getScalarList(key, String.class);
    if (list != null) {
      List<String> tags = new ArrayList<>();
      for (String tag : list) {
        String trimmed = nonBlank(tag);
        if (trimmed != null && !tags.contains(trimmed)) {
          tags.add(trimmed);
        }
      }
      return Collections.unmodifiableList(tags);
    }
    if (config.getStructured(key) == null && config.getStructuredList(key) == null) {
      String commaList = config.getString(key);
      if (commaList != null) {
        return ConfigValues.parseList(commaList);
      }
    }
    logger.warning(NAME + "." + key + " is not a list of strings; ignored it.");
    return Collections.emptyList();
  }

  /**
   * A mapping of string values, or one {@code k=v,k2=v2} string as in {@code
   * otel.openinference.metadata}. Values must be strings (quote numbers): the SDK's accessors
   * cannot tell a value's type without warning about every wrong guess.
   */
  private static Map<String, String> metadata(DeclarativeConfigProperties config) {
    if (!config.getPropertyKeys().contains(METADATA)) {
      return Collections.emptyMap();
    }
    DeclarativeConfigProperties mapping = config.getStructured(METADATA);
    if (mapping == null) {
      String commaList =
          config.getStructuredList(METADATA) == null ? config.getString(METADATA) : null;
      if (commaList == null) {
        logger.warning(NAME + "." + METADATA + " is not a mapping; ignored it.");
        return Collections.emptyMap();
      }
      return ConfigValues.parseKeyValues(commaList, NAME + "." + METADATA);
    }
    // Sorted: the keys arrive as a set, and the metadata JSON should not vary from run to run.
    Map<String, String> metadata = new TreeMap<>();
    for (String key : mapping.getPropertyKeys()) {
      String value = mapping.getString(key);
      if (value != null) {
        metadata.put(key, value);
      } else {
        logger.warning(
            NAME + "." + METADATA + "." + key + " is not a string (quote it); dropped it.");
      }
    }
    return Collections.unmodifiableMap(metadata);
  }

  @Override
  public String toString() {
    return "OpenInferenceComponentProvider{name=" + NAME + ", type=SpanProcessor}";
  }
}
