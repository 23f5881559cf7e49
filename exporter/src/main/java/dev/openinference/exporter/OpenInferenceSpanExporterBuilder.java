/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.processor.internal.Aliases;
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

  OpenInferenceSpanExporterBuilder(@Nullable SpanExporter delegate) {
    if (delegate == null) {
      logger.warning("OpenInferenceSpanExporter was given no delegate; spans will be discarded");
      this.delegate = SpanExporter.noop();
    } else {
      this.delegate = delegate;
    }
  }

  /**
   * Sets what is masked. Unset (or null), the {@code OPENINFERENCE_*} environment variables
   * decide, as {@link TraceConfig#fromEnvironment()} reads them.
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
   */
  public OpenInferenceSpanExporterBuilder setAliases(String... aliases) {
    this.aliases =
        Aliases.of(aliases == null ? null : Arrays.asList(aliases), "OpenInferenceSpanExporter aliases");
    return this;
  }

  /** Returns the exporter. */
  public OpenInferenceSpanExporter build() {
    TraceConfig config = traceConfig != null ? traceConfig : TraceConfig.fromEnvironment();
    return new OpenInferenceSpanExporter(delegate, config, defaultSpanKind, aliases);
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
        + '}';
  }
}
