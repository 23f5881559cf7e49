/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.internal.turns.TurnFiller;
import dev.openinference.processor.internal.Aliases;
import dev.openinference.processor.internal.ConfigValues;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Arrays;
import javax.annotation.Nullable;

/** Builds an {@link OpenInferenceSpanExporter}. */
public final class OpenInferenceSpanExporterBuilder {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceSpanExporterBuilder.class);

  private final SpanExporter delegate;
  @Nullable private TraceConfig traceConfig;
  @Nullable private OpenInferenceSpanKind defaultSpanKind = OpenInferenceSpanKind.CHAIN;
  private Aliases aliases = Aliases.none();
  @Nullable private Boolean turnsEnabled;

  OpenInferenceSpanExporterBuilder(@Nullable SpanExporter delegate) {
    if (delegate == null) {
      logger.warning("OpenInferenceSpanExporter was given no delegate; spans will be discarded");
      this.delegate = SpanExporter.noop();
    } else {
      this.delegate = delegate;
    }
  }

  /**
   * Sets what is masked. Unset (or null), the {@code OPENINFERENCE_*} environment variables decide,
   * as {@link TraceConfig#fromEnvironment()} reads them.
   *
   * @param traceConfig the masking settings, or null to let the environment decide
   * @return this builder
   */
  public OpenInferenceSpanExporterBuilder setTraceConfig(@Nullable TraceConfig traceConfig) {
    this.traceConfig = traceConfig;
    return this;
  }

  /**
   * Sets the kind given to spans that reach the exporter without {@code openinference.span.kind}
   * (default {@link OpenInferenceSpanKind#CHAIN}); null leaves them without. A span whose kind is
   * this default and whose {@code gen_ai.operation.name} implies another kind gets that kind, since
   * the processor stamps the default at start when nothing else is known yet.
   *
   * @param defaultSpanKind the kind to give such spans, or null for none
   * @return this builder
   */
  public OpenInferenceSpanExporterBuilder setDefaultSpanKind(
      @Nullable OpenInferenceSpanKind defaultSpanKind) {
    this.defaultSpanKind = defaultSpanKind;
    return this;
  }

  /**
   * Sets the backends whose own session keys are written at export for values that arrive after
   * start (a {@code session.id}, metadata or tags set later, a session taken from {@code
   * gen_ai.conversation.id}): {@code "genai"}, {@code "langfuse"}, {@code "langsmith"}, as for
   * {@code OpenInferenceSpanProcessorBuilder.setAliases}; give both the same names. Default none.
   * An unknown name is dropped with a warning; each call replaces the previous set.
   *
   * @param aliases backend names, case-insensitive; null or none means only the OpenInference keys
   * @return this builder
   */
  public OpenInferenceSpanExporterBuilder setAliases(String... aliases) {
    this.aliases =
        Aliases.of(
            aliases == null ? null : Arrays.asList(aliases), "OpenInferenceSpanExporter aliases");
    return this;
  }

  /**
   * Sets whether a turn's root span (one with no parent, or a remote parent) that has no {@code
   * input.value} / {@code output.value} gets them, with their mime types, from its trace at export,
   * so a Sessions view shows each turn's question and answer. The source is the closest AGENT or
   * CHAIN span with a value, else the model calls (the first one's last user message, the last
   * one's final assistant text), else the closest other span with a value; always after translation
   * and masking, so nothing hidden comes back. A root's own values are kept. It works across export
   * batches for spans that end before their root (the usual case); spans ending after their root
   * was exported cannot change it. Memory is bounded (at most 4096 traces, 512 spans per trace,
   * 65536 spans and 8M value characters held, each trace for 5 minutes).
   *
   * <p>Unset, {@code otel.openinference.turns.enabled} decides (system property, then {@code
   * OTEL_OPENINFERENCE_TURNS_ENABLED}); default {@code true}.
   *
   * @param turnsEnabled {@code false} to export turn roots as they are
   * @return this builder
   */
  public OpenInferenceSpanExporterBuilder setTurnsEnabled(boolean turnsEnabled) {
    this.turnsEnabled = turnsEnabled;
    return this;
  }

  /**
   * Returns the exporter.
   *
   * @return a new exporter, never null; later changes to this builder do not affect it
   */
  public OpenInferenceSpanExporter build() {
    TraceConfig config = traceConfig != null ? traceConfig : TraceConfig.fromEnvironment();
    boolean turns =
        turnsEnabled != null
            ? turnsEnabled
            : TurnFiller.isEnabled(ConfigValues.systemPropertiesAndEnvironment());
    return new OpenInferenceSpanExporter(delegate, config, defaultSpanKind, aliases, turns);
  }

  @Override
  public String toString() {
    return "OpenInferenceSpanExporterBuilder{delegate="
        + delegate
        + ", traceConfig="
        + traceConfig
        + ", defaultSpanKind="
        + defaultSpanKind
        + ", aliases="
        + aliases.names()
        + ", turnsEnabled="
        + turnsEnabled
        + '}';
  }
}
