/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts secrets given as system properties on the command line ({@code
 * -Dotel.openinference.propagation.key=...}, {@code
 * -Dotel.exporter.otlp.headers=authorization=...}, {@code -Dphoenix.api.key=...}) from the {@code
 * process.command_args} and {@code process.command_line} resource attributes, which the OTel
 * javaagent and the process resource detector fill from the JVM's command line and every exported
 * span, metric and log carries.
 *
 * <p>A property is secret when its name (case-insensitive) is one this project reads a secret from,
 * or ends in {@code .key}, {@code .headers}, {@code .password}, {@code .secret} or {@code .token},
 * or contains {@code password}, {@code secret}, {@code token}, {@code credential}, {@code apikey}
 * or {@code api.key}. Its value is replaced by {@value #REDACTED}; the name stays, so the command
 * line still shows what was configured.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class SecretArguments {

  /** What a secret value is replaced with: the marker of OpenInference masking. */
  public static final String REDACTED = "__REDACTED__";

  public static final AttributeKey<List<String>> PROCESS_COMMAND_ARGS =
      AttributeKey.stringArrayKey("process.command_args");
  public static final AttributeKey<String> PROCESS_COMMAND_LINE =
      AttributeKey.stringKey("process.command_line");

  private static final String[] SECRET_NAMES = {
    "otel.openinference.propagation.key",
    "otel.exporter.otlp.headers",
    "otel.exporter.otlp.traces.headers",
    "otel.exporter.otlp.metrics.headers",
    "otel.exporter.otlp.logs.headers",
    "phoenix.api.key",
    "phoenix.client.headers",
  };
  private static final String[] SECRET_SUFFIXES = {
    ".key", ".headers", ".password", ".secret", ".token"
  };
  private static final String[] SECRET_PARTS = {
    "password", "secret", "token", "credential", "apikey", "api.key", "api_key"
  };

  // -Dname=value inside one command-line string: the value runs to the next white space.
  private static final Pattern PROPERTY_IN_LINE = Pattern.compile("-D([^=\\s]+)=(\\S*)");

  /** Returns whether a system property of this name holds a secret. */
  static boolean isSecret(String propertyName) {
    String name = propertyName.trim().toLowerCase(Locale.ROOT);
    for (String secret : SECRET_NAMES) {
      if (name.equals(secret)) {
        return true;
      }
    }
    for (String suffix : SECRET_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    for (String part : SECRET_PARTS) {
      if (name.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** Returns {@code argument} with its value redacted when it is {@code -D<secret>=value}. */
  static String redactArgument(String argument) {
    if (!argument.startsWith("-D")) {
      return argument;
    }
    int eq = argument.indexOf('=');
    if (eq < 0 || !isSecret(argument.substring(2, eq))) {
      return argument;
    }
    return argument.substring(0, eq + 1) + REDACTED;
  }

  /** Returns {@code commandLine} with the value of every {@code -D<secret>=value} redacted. */
  static String redactCommandLine(String commandLine) {
    Matcher matcher = PROPERTY_IN_LINE.matcher(commandLine);
    StringBuffer out = new StringBuffer(commandLine.length());
    while (matcher.find()) {
      String replacement =
          isSecret(matcher.group(1)) ? "-D" + matcher.group(1) + "=" + REDACTED : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Returns {@code resource} with secret values redacted from its command-line attributes, or
   * {@code resource} itself when there is nothing to redact.
   */
  public static Resource redact(Resource resource) {
    Attributes attributes = resource.getAttributes();
    List<String> args = attributes.get(PROCESS_COMMAND_ARGS);
    String line = attributes.get(PROCESS_COMMAND_LINE);
    List<String> redactedArgs = args == null ? null : redactArguments(args);
    String redactedLine = line == null ? null : redactCommandLine(line);
    boolean argsChanged = redactedArgs != null && !redactedArgs.equals(args);
    boolean lineChanged = redactedLine != null && !redactedLine.equals(line);
    if (!argsChanged && !lineChanged) {
      return resource;
    }
    AttributesBuilder builder = attributes.toBuilder();
    if (argsChanged) {
      builder.put(PROCESS_COMMAND_ARGS, redactedArgs);
    }
    if (lineChanged) {
      builder.put(PROCESS_COMMAND_LINE, redactedLine);
    }
    // Not merge: a merge would keep the other resource's schema URL rules; this is the same
    // resource with two attributes rewritten.
    return Resource.create(builder.build(), resource.getSchemaUrl());
  }

  /** Returns {@code resource} without its command-line attributes. */
  static Resource withoutCommandLine(Resource resource) {
    return Resource.create(
        resource.getAttributes().toBuilder()
            .remove(PROCESS_COMMAND_ARGS)
            .remove(PROCESS_COMMAND_LINE)
            .build(),
        resource.getSchemaUrl());
  }

  private static List<String> redactArguments(List<String> args) {
    List<String> out = new ArrayList<>(args.size());
    for (String arg : args) {
      out.add(arg == null ? null : redactArgument(arg));
    }
    return out;
  }

  private SecretArguments() {}
}
