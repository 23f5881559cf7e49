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
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
  public static final String PROJECT_NAME = "otel.openinference.project.name";
  /** Phoenix's own variable, {@code PHOENIX_PROJECT_NAME}, as ConfigProperties names it. */
  public static final String PHOENIX_PROJECT_NAME = "phoenix.project.name";

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceConfiguration.class);

  private final boolean enabled;
  @Nullable private final String sessionId;
  @Nullable private final String userId;
  private final List<String> tags;
  private final Map<String, String> metadata;
  @Nullable private final OpenInferenceSpanKind defaultSpanKind;
  @Nullable private final String projectName;

  private OpenInferenceConfiguration(
      boolean enabled,
      @Nullable String sessionId,
      @Nullable String userId,
      List<String> tags,
      Map<String, String> metadata,
      @Nullable OpenInferenceSpanKind defaultSpanKind,
      @Nullable String projectName) {
    this.enabled = enabled;
    this.sessionId = sessionId;
    this.userId = userId;
    this.tags = tags;
    this.metadata = metadata;
    this.defaultSpanKind = defaultSpanKind;
    this.projectName = projectName;
  }

  /** Reads the settings from {@code config}. */
  public static OpenInferenceConfiguration fromConfigProperties(ConfigProperties config) {
    return new OpenInferenceConfiguration(
        parseEnabled(string(config, ENABLED)),
        blankToNull(string(config, SESSION_ID)),
        blankToNull(string(config, USER_ID)),
        parseTags(string(config, TAGS)),
        parseMetadata(string(config, METADATA)),
        parseSpanKind(string(config, SPAN_KIND_DEFAULT)),
        projectName(config));
  }

  @Nullable
  private static String projectName(ConfigProperties config) {
    String name = blankToNull(string(config, PROJECT_NAME));
    return name != null ? name : blankToNull(string(config, PHOENIX_PROJECT_NAME));
  }

  @Nullable
  private static String string(ConfigProperties config, String key) {
    try {
      return config.getString(key);
    } catch (RuntimeException e) {
      logger.warning("Could not read " + key + ", ignored it: " + e);
      return null;
    }
  }

  static boolean parseEnabled(@Nullable String value) {
    if (value == null || value.trim().isEmpty()) {
      return true;
    }
    String v = value.trim();
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    logger.warning(ENABLED + "=" + describe(value) + " is not true or false; OpenInference stays enabled.");
    return true;
  }

  @Nullable
  static OpenInferenceSpanKind parseSpanKind(@Nullable String value) {
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

  static List<String> parseTags(@Nullable String value) {
    if (value == null) {
      return Collections.emptyList();
    }
    List<String> tags = new ArrayList<>();
    for (String tag : value.split(",")) {
      String trimmed = tag.trim();
      if (!trimmed.isEmpty() && !tags.contains(trimmed)) {
        tags.add(trimmed);
      }
    }
    return Collections.unmodifiableList(tags);
  }

  /** Parses {@code k=v,k2=v2} like {@code OTEL_RESOURCE_ATTRIBUTES}: values are %-decoded. */
  static Map<String, String> parseMetadata(@Nullable String value) {
    if (value == null) {
      return Collections.emptyMap();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String entry : value.split(",")) {
      if (entry.trim().isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String key = eq < 0 ? "" : entry.substring(0, eq).trim();
      if (key.isEmpty()) {
        logger.warning(
            METADATA + ": dropped the entry " + describe(entry.trim()) + ", which is not key=value.");
        continue;
      }
      metadata.put(key, percentDecode(entry.substring(eq + 1).trim()));
    }
    return Collections.unmodifiableMap(metadata);
  }

  private static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        int hi = Character.digit(value.charAt(i + 1), 16);
        int lo = Character.digit(value.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          bytes.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      bytes.write(raw, 0, raw.length);
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  @Nullable
  private static String blankToNull(@Nullable String value) {
    return value == null || value.trim().isEmpty() ? null : value.trim();
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

  /** Returns a processor with the process-level values and default span kind configured here. */
  public OpenInferenceSpanProcessor newSpanProcessor() {
    OpenInferenceSpanProcessorBuilder builder =
        OpenInferenceSpanProcessor.builder().setDefaultSpanKind(defaultSpanKind);
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
        + "}";
  }
}
