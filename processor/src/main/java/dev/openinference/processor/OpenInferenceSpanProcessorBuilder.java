/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor;

import dev.openinference.context.ContextAttributes;
import dev.openinference.context.internal.ContextValues;
import dev.openinference.processor.internal.Aliases;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.context.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Builds an {@link OpenInferenceSpanProcessor}.
 *
 * <p>Process-level values apply to every span whose context has no OpenInference scope setting the
 * same field: one process per batch run, per user or per session (set them through the {@code
 * otel.openinference.*} configuration keys when the SDK is autoconfigured). Bad values are dropped
 * with a warning, as in the context API.
 */
public final class OpenInferenceSpanProcessorBuilder {

  private final ContextAttributes.Builder processValues = ContextAttributes.builder();
  @Nullable private OpenInferenceSpanKind defaultSpanKind = OpenInferenceSpanKind.CHAIN;
  private Aliases aliases = Aliases.none();

  OpenInferenceSpanProcessorBuilder() {}

  /**
   * Sets the session id of spans no scope gives one.
   *
   * @param sessionId the process-wide session id; null or blank unsets it, with a warning
   * @return this builder
   */
  public OpenInferenceSpanProcessorBuilder setSessionId(String sessionId) {
    processValues.setSessionId(sessionId);
    return this;
  }

  /**
   * Sets the user id of spans no scope gives one.
   *
   * @param userId the process-wide user id; null or blank unsets it, with a warning
   * @return this builder
   */
  public OpenInferenceSpanProcessorBuilder setUserId(String userId) {
    processValues.setUserId(userId);
    return this;
  }

  /**
   * Sets the metadata of spans no scope gives metadata.
   *
   * @param metadata the process-wide metadata, encoded now as a JSON object; null unsets it, with a
   *     warning
   * @return this builder
   */
  public OpenInferenceSpanProcessorBuilder setMetadata(Map<String, ?> metadata) {
    processValues.setMetadata(metadata);
    return this;
  }

  /**
   * Sets the tags of spans no scope gives tags.
   *
   * @param tags the process-wide tags, in order; duplicates, nulls and blanks dropped; null unsets
   *     them, with a warning
   * @return this builder
   */
  public OpenInferenceSpanProcessorBuilder setTags(List<String> tags) {
    processValues.setTags(tags);
    return this;
  }

  /**
   * Sets the span kind of spans that carry OpenInference values but have no explicit kind and no
   * {@code gen_ai.operation.name} to infer one from; null leaves them without a kind. Default
   * {@link OpenInferenceSpanKind#CHAIN}. Give {@code OpenInferenceSpanExporter} the same value, so
   * spans outside any scope get it at export.
   *
   * @param defaultSpanKind the kind to give such spans, or null for none
   * @return this builder
   */
  public OpenInferenceSpanProcessorBuilder setDefaultSpanKind(
      @Nullable OpenInferenceSpanKind defaultSpanKind) {
    this.defaultSpanKind = defaultSpanKind;
    return this;
  }

  /**
   * Sets the backends whose own session keys are written next to the OpenInference ones, on every
   * span at start: {@code "genai"} ({@code gen_ai.conversation.id}), {@code "langfuse"} ({@code
   * langfuse.session.id}, {@code langfuse.user.id}, {@code langfuse.trace.tags}, {@code
   * langfuse.trace.metadata.<key>}), {@code "langsmith"} ({@code langsmith.metadata.thread_id},
   * {@code langsmith.metadata.<key>}, {@code langsmith.span.tags}). Default none: only the
   * OpenInference keys, at no extra cost. An unknown name is dropped with a warning; each call
   * replaces the previous set. Give {@code OpenInferenceSpanExporter} the same names, so values
   * that arrive after start get their aliases at export.
   *
   * @param aliases backend names, case-insensitive; null or none means only the OpenInference keys
   * @return this builder
   */
  public OpenInferenceSpanProcessorBuilder setAliases(String... aliases) {
    this.aliases =
        Aliases.of(
            aliases == null ? null : Arrays.asList(aliases), "OpenInferenceSpanProcessor aliases");
    return this;
  }

  /**
   * Returns a new processor with the settings of this builder.
   *
   * @return a new processor, never null; later changes to this builder do not affect it
   */
  public OpenInferenceSpanProcessor build() {
    ContextValues values =
        processValues.build().storeInContext(Context.root()).get(ContextValues.KEY);
    return new OpenInferenceSpanProcessor(
        values, defaultSpanKind, aliases.isEmpty() ? null : aliases);
  }

  @Override
  public String toString() {
    return "OpenInferenceSpanProcessorBuilder{processValues="
        + processValues
        + ", defaultSpanKind="
        + defaultSpanKind
        + ", aliases="
        + aliases.names()
        + "}";
  }
}
