/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;

import dev.openinference.context.ContextAttributes;
import dev.openinference.context.internal.ContextValues;
import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.processor.OpenInferenceSpanProcessorBuilder;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The {@code otel.openinference.*} settings, read once from OTel configuration (system properties,
 * environment variables, or whatever {@link ConfigProperties} the SDK, the javaagent or the Spring
 * Boot starter hands over). A bad value is named in a warning and replaced by its default; reading
 * never fails SDK start-up.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceConfiguration {

  public static final String ENABLED = "otel.openinference.enabled";
  public static final String SESSION_ID = "otel.openinference.session.id";
  public static final String USER_ID = "otel.openinference.user.id";
  public static final String TAGS = "otel.openinference.tags";
  public static final String METADATA = "otel.openinference.metadata";
  public static final String SPAN_KIND_DEFAULT = "otel.openinference.span.kind.default";

  /** Comma list of backends whose own session keys are also written: genai, langfuse, langsmith. */
  public static final String ALIASES = "otel.openinference.aliases";

  public static final String PROJECT_NAME = "otel.openinference.project.name";

  /** Phoenix's own variable, {@code PHOENIX_PROJECT_NAME}, as ConfigProperties names it. */
  public static final String PHOENIX_PROJECT_NAME = "phoenix.project.name";

  /** Phoenix's older variable, {@code PHOENIX_PROJECT}, as ConfigProperties names it. */
  public static final String PHOENIX_PROJECT = "phoenix.project";

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceConfiguration.class);

  private final boolean enabled;
  @Nullable private final String sessionId;
  @Nullable private final String userId;
  private final List<String> tags;
  private final Map<String, String> metadata;
  @Nullable private final OpenInferenceSpanKind defaultSpanKind;
  @Nullable private final String projectName;
  private final Aliases aliases;

  private OpenInferenceConfiguration(
      boolean enabled,
      @Nullable String sessionId,
      @Nullable String userId,
      List<String> tags,
      Map<String, String> metadata,
      @Nullable OpenInferenceSpanKind defaultSpanKind,
      @Nullable String projectName,
      Aliases aliases) {
    this.enabled = enabled;
    this.sessionId = sessionId;
    this.userId = userId;
    this.tags = tags;
    this.metadata = metadata;
    this.defaultSpanKind = defaultSpanKind;
    this.projectName = projectName;
    this.aliases = aliases;
  }

  /** Reads the settings from {@code config}. */
  public static OpenInferenceConfiguration fromConfigProperties(ConfigProperties config) {
    return read(config::getString);
  }

  /**
   * Reads the settings from system properties, then environment variables ({@code
   * otel.openinference.session.id}, then {@code OTEL_OPENINFERENCE_SESSION_ID}): for code paths
   * with no {@link ConfigProperties}, such as declarative configuration.
   */
  public static OpenInferenceConfiguration fromSystemPropertiesAndEnvironment() {
    return read(ConfigValues.systemPropertiesAndEnvironment());
  }

  /** Reads the settings from {@code source}, which is looked up by property name. */
  public static OpenInferenceConfiguration read(ConfigValues.Source source) {
    return new OpenInferenceConfiguration(
        isEnabled(source),
        ConfigValues.getString(source, SESSION_ID),
        ConfigValues.getString(source, USER_ID),
        ConfigValues.parseList(ConfigValues.getString(source, TAGS)),
        ConfigValues.parseKeyValues(ConfigValues.getString(source, METADATA), METADATA),
        parseSpanKind(ConfigValues.getString(source, SPAN_KIND_DEFAULT)),
        projectName(source),
        aliases(source));
  }

  /** {@code otel.openinference.aliases} in {@code source}; unknown names are warned about. */
  public static Aliases aliases(ConfigValues.Source source) {
    return Aliases.of(
        ConfigValues.parseList(ConfigValues.getString(source, ALIASES)),
        ALIASES + " (" + ConfigValues.toEnvironmentVariable(ALIASES) + ")");
  }

  /** Whether {@code otel.openinference.enabled} in {@code source} leaves OpenInference on. */
  public static boolean isEnabled(ConfigValues.Source source) {
    Boolean enabled = ConfigValues.getBoolean(source, ENABLED);
    return enabled == null || enabled;
  }

  /**
   * {@code otel.openinference.project.name}, then Phoenix's {@code PHOENIX_PROJECT_NAME}, then its
   * older {@code PHOENIX_PROJECT}, each in their property form.
   */
  @Nullable
  public static String projectName(ConfigValues.Source source) {
    String name = ConfigValues.getString(source, PROJECT_NAME);
    if (name != null) {
      return name;
    }
    String phoenix = ConfigValues.getString(source, PHOENIX_PROJECT_NAME);
    String older = ConfigValues.getString(source, PHOENIX_PROJECT);
    if (phoenix != null && older != null && !phoenix.equals(older)) {
      logger.warning(
          "PHOENIX_PROJECT_NAME ("
              + describe(phoenix)
              + ") and PHOENIX_PROJECT ("
              + describe(older)
              + ") differ; using PHOENIX_PROJECT_NAME");
    }
    return phoenix != null ? phoenix : older;
  }

  /**
   * Returns the span kind a {@code span_kind_default} value names: CHAIN when blank, null for
   * {@code none}, CHAIN after a warning naming the value when it is neither.
   */
  @Nullable
  public static OpenInferenceSpanKind parseSpanKind(@Nullable String value) {
    if (value == null || value.trim().isEmpty()) {
      return OpenInferenceSpanKind.CHAIN;
    }
    if (value.trim().equalsIgnoreCase("none")) {
      return null;
    }
    OpenInferenceSpanKind kind = OpenInferenceSpanKind.fromValue(value);
    if (kind == null) {
      logger.warning(
          SPAN_KIND_DEFAULT
              + "="
              + describe(value)
              + " is neither a span kind (LLM, CHAIN, AGENT, TOOL, ...) nor none; using CHAIN.");
      return OpenInferenceSpanKind.CHAIN;
    }
    return kind;
  }

  /** Returns false when {@code otel.openinference.enabled=false}: then nothing is installed. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Returns the default span kind, or null for {@code none}. */
  @Nullable
  public OpenInferenceSpanKind getDefaultSpanKind() {
    return defaultSpanKind;
  }

  /** Returns the project name for the {@code openinference.project.name} resource attribute. */
  @Nullable
  public String getProjectName() {
    return projectName;
  }

  /** Returns the backends whose own session keys are also written (none by default). */
  public Aliases getAliases() {
    return aliases;
  }

  /** Returns a processor with the process-level values and default span kind configured here. */
  public OpenInferenceSpanProcessor newSpanProcessor() {
    OpenInferenceSpanProcessorBuilder builder =
        OpenInferenceSpanProcessor.builder()
            .setDefaultSpanKind(defaultSpanKind)
            .setAliases(aliases.names().toArray(new String[0]));
    if (sessionId != null) {
      builder.setSessionId(sessionId);
    }
    if (userId != null) {
      builder.setUserId(userId);
    }
    if (!tags.isEmpty()) {
      builder.setTags(tags);
    }
    if (!metadata.isEmpty()) {
      builder.setMetadata(metadata);
    }
    return builder.build();
  }

  /**
   * Returns a sampler that samples as {@code delegate} does and stamps what {@link
   * #newSpanProcessor()} would, with the settings configured here.
   */
  public OpenInferenceSampler newSampler(Sampler delegate) {
    ContextAttributes.Builder values = ContextAttributes.builder();
    if (sessionId != null) {
      values.setSessionId(sessionId);
    }
    if (userId != null) {
      values.setUserId(userId);
    }
    if (!tags.isEmpty()) {
      values.setTags(tags);
    }
    if (!metadata.isEmpty()) {
      values.setMetadata(metadata);
    }
    ContextValues processValues =
        values.build().storeInContext(Context.root()).get(ContextValues.KEY);
    return OpenInferenceSampler.create(delegate, processValues, defaultSpanKind, aliases);
  }

  @Override
  public String toString() {
    return "OpenInferenceConfiguration{enabled="
        + enabled
        + ", sessionId="
        + sessionId
        + ", userId="
        + userId
        + ", tags="
        + tags
        + ", metadata="
        + metadata
        + ", defaultSpanKind="
        + (defaultSpanKind == null ? "none" : defaultSpanKind.getValue())
        + ", projectName="
        + projectName
        + ", aliases="
        + aliases.names()
        + "}";
  }
}
