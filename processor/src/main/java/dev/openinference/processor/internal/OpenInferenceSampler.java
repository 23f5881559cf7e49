/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VARIABLES;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VERSION;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_OPERATION_NAME;

import dev.openinference.context.internal.ContextValues;
import dev.openinference.context.internal.SessionKeys;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.internal.GenAiAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Stamps the OpenInference values of the parent context on a span before it exists: a {@link
 * Sampler} that asks the configured sampler for the decision and, when the span is recorded,
 * returns the values as the result's attributes. The SDK puts those into the new span's attribute
 * map after the builder's own attributes (so a context value overrides an attribute of the same
 * name set at start) and before any span processor's {@code onStart}, without taking the span's
 * lock: the values are on the span when it starts, at a fraction of what {@code
 * ReadWriteSpan.setAttribute} costs.
 *
 * <p>Same semantics as {@link dev.openinference.processor.OpenInferenceSpanProcessor}, read from
 * the builder's attributes where the processor reads the span: an explicit {@code
 * openinference.span.kind} is kept, else the kind is inferred from {@code gen_ai.operation.name},
 * else spans that carry values get the default kind; process-level values fill the fields no scope
 * sets; session keys in and aliases as configured. A context value is immutable for the life of its
 * scope, so what its spans get is worked out at the scope's first span and kept with the values:
 * later spans of the scope cost one context lookup, a few reads of the builder's attributes and no
 * allocation, and the decision and trace state are the configured sampler's, untouched.
 *
 * <p>A sampler set around this one must pass its result on with the attributes (the SDK's own
 * samplers do); {@link SamplerFallbackProcessor} covers the case where this one is replaced, not
 * where it is called for some spans only.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class OpenInferenceSampler implements Sampler {

  private static final OpenInferenceSpanKind[] KINDS = OpenInferenceSpanKind.values();
  // Per decision (record and sample, record only): no kind, then one slot per kind.
  private static final int KIND_SLOTS = KINDS.length + 1;

  private final Sampler delegate;
  @Nullable private final ContextValues processValues;
  @Nullable private final OpenInferenceSpanKind defaultSpanKind;
  @Nullable private final Aliases aliases;
  // What spans get when no scope is open: the process-level values, or only a kind.
  private final Stamp outsideScopes;
  // Set by the first call and never reset. Read by SamplerFallbackProcessor on the same thread
  // right after this sampler ran for the same span, so program order makes a plain field enough.
  private boolean inUse;

  private OpenInferenceSampler(
      Sampler delegate,
      @Nullable ContextValues processValues,
      @Nullable OpenInferenceSpanKind defaultSpanKind,
      @Nullable Aliases aliases) {
    this.delegate = delegate;
    this.processValues = processValues;
    this.defaultSpanKind = defaultSpanKind;
    this.aliases = aliases;
    this.outsideScopes = newStamp(null);
  }

  /**
   * Returns a sampler that samples as {@code delegate} does and stamps what {@code
   * OpenInferenceSpanProcessor} would with these settings.
   *
   * @param delegate the sampler that decides; its decision, trace state and attributes are kept
   * @param processValues the process-level values, or null
   * @param defaultSpanKind the kind of spans that carry values and have none, or null for none
   * @param aliases the backends whose keys are also written, or null / empty for none
   * @return a new sampler, never null
   */
  public static OpenInferenceSampler create(
      Sampler delegate,
      @Nullable ContextValues processValues,
      @Nullable OpenInferenceSpanKind defaultSpanKind,
      @Nullable Aliases aliases) {
    return new OpenInferenceSampler(
        delegate,
        processValues == null || processValues.isEmpty() ? null : processValues,
        defaultSpanKind,
        aliases == null || aliases.isEmpty() ? null : aliases);
  }

  /** Returns the sampler that decides. */
  public Sampler getDelegate() {
    return delegate;
  }

  /**
   * Returns whether the SDK has called this sampler at least once, so it stamps the spans of its
   * tracer provider (it does not when something replaced it after it was set).
   */
  public boolean isInUse() {
    return inUse;
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    SamplingResult result =
        delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    if (!inUse) {
      inUse = true;
    }
    SamplingDecision decision = result.getDecision();
    if (decision == SamplingDecision.DROP) {
      return result;
    }
    ContextValues scoped = parentContext.get(ContextValues.KEY);
    Stamp stamp = scoped == null ? outsideScopes : stampOf(scoped);
    if (attributes.isEmpty()) {
      if (!stamp.hasValues) {
        return result; // outside any scope, nothing to infer a kind from: the common span
      }
      return stamped(result, decision, stamp, scoped, null, defaultSlot());
    }
    int kindSlot = kindSlot(stamp.hasValues, attributes);
    Attributes own = null;
    if (stamp.readsSpan && readsApply(attributes)) {
      own = valuesFor(scoped, attributes, kindSlot); // the span's own attributes change its values
    }
    return stamped(result, decision, stamp, scoped, own, kindSlot);
  }

  @SuppressWarnings("EnumOrdinal") // slots index the per-scope results, one per kind and none
  private int defaultSlot() {
    return defaultSpanKind == null ? 0 : defaultSpanKind.ordinal() + 1;
  }

  /** The kind a span gets, as a slot (0 for none), from its attributes at start. */
  @SuppressWarnings("EnumOrdinal") // see defaultSlot
  private int kindSlot(boolean hasValues, Attributes attributes) {
    OpenInferenceSpanKind kind;
    if (hasValues && defaultSpanKind != null) {
      if (attributes.get(OPENINFERENCE_SPAN_KIND) != null) {
        return 0;
      }
      kind = GenAiAttributes.spanKindForOperation(attributes.get(GEN_AI_OPERATION_NAME));
      if (kind == null) {
        kind = defaultSpanKind;
      }
    } else {
      String operation = attributes.get(GEN_AI_OPERATION_NAME);
      if (operation == null) {
        return 0;
      }
      kind = GenAiAttributes.spanKindForOperation(operation);
      if (kind == null || attributes.get(OPENINFERENCE_SPAN_KIND) != null) {
        return 0;
      }
    }
    return kind.ordinal() + 1;
  }

  /** Whether the span's own attributes change the values, for a stamp that depends on them. */
  private boolean readsApply(Attributes attributes) {
    return attributes.get(SESSION_ID) != null
        || attributes.get(GEN_AI_CONVERSATION_ID) != null
        || (aliases != null
            && (attributes.get(USER_ID) != null || attributes.get(TAG_TAGS) != null));
  }

  /**
   * The result for a span: {@code own} when the span's attributes changed its values, else what the
   * scope's spans of that kind get, kept with the scope when the configured sampler returned one of
   * the SDK's own results (no attributes, the parent's trace state).
   */
  private SamplingResult stamped(
      SamplingResult result,
      SamplingDecision decision,
      Stamp stamp,
      @Nullable ContextValues scoped,
      @Nullable Attributes own,
      int kindSlot) {
    boolean sampled = decision == SamplingDecision.RECORD_AND_SAMPLE;
    if (own == null
        && result == (sampled ? SamplingResult.recordAndSample() : SamplingResult.recordOnly())) {
      int slot = (sampled ? 0 : KIND_SLOTS) + kindSlot;
      SamplingResult kept = stamp.kept(slot);
      if (kept == null) {
        Attributes values = valuesFor(scoped, Attributes.empty(), kindSlot);
        kept = values.isEmpty() ? result : new Kept(decision, values, slot);
        stamp.keep(slot, kept);
      }
      return kept;
    }
    Attributes ours = own != null ? own : valuesFor(scoped, Attributes.empty(), kindSlot);
    if (ours.isEmpty()) {
      return result;
    }
    Attributes theirs = result.getAttributes();
    return new Stamped(result, theirs.isEmpty() ? ours : theirs.toBuilder().putAll(ours).build());
  }

  private Stamp stampOf(ContextValues scoped) {
    Object derived = scoped.getDerived();
    if (derived instanceof Stamp && ((Stamp) derived).owner == this) {
      return (Stamp) derived;
    }
    Stamp stamp = newStamp(scoped);
    scoped.setDerived(stamp);
    return stamp;
  }

  private Stamp newStamp(@Nullable ContextValues scoped) {
    ContextValues values = scoped != null ? scoped : processValues;
    ContextValues fallback = scoped != null ? processValues : null;
    // A session from the metadata gives way to the span's own session or conversation id; aliases
    // copy what the span itself has where no value is stamped.
    boolean readsSpan =
        aliases != null
            || (values != null
                && values.getSessionId() == null
                && (fallback == null || fallback.getSessionId() == null)
                && metadataSource(values, fallback).getMetadataSessionId() != null);
    return new Stamp(this, values != null, readsSpan);
  }

  private static ContextValues metadataSource(
      ContextValues values, @Nullable ContextValues fallback) {
    return values.getMetadataJson() != null || fallback == null ? values : fallback;
  }

  /**
   * What a span whose attributes at start are {@code span} gets from {@code scoped} (null outside
   * any scope) and the process-level values, with the kind of {@code kindSlot}: the processor's
   * rules, in one builder.
   */
  private Attributes valuesFor(@Nullable ContextValues scoped, Attributes span, int kindSlot) {
    ContextValues values = scoped != null ? scoped : processValues;
    ContextValues fallback = scoped != null ? processValues : null;
    // At most the seven values and the kind, distinct keys.
    Object[] pairs = new Object[16];
    int size = 0;
    String session = null;
    String user = null;
    List<String> tags = null;
    ContextValues metadataValues = null;
    if (values != null) {
      session = or(values.getSessionId(), fallback == null ? null : fallback.getSessionId());
      if (session == null) {
        session = sessionFromMetadata(span, metadataSource(values, fallback));
      }
      size = put(pairs, size, SESSION_ID, session);
      user = or(values.getUserId(), fallback == null ? null : fallback.getUserId());
      size = put(pairs, size, USER_ID, user);
      String metadata = values.getMetadataJson();
      metadataValues = values;
      if (metadata == null && fallback != null) {
        metadata = fallback.getMetadataJson();
        metadataValues = fallback;
      }
      if (metadata == null) {
        metadataValues = null;
      }
      size = put(pairs, size, METADATA, metadata);
      tags = values.getTags();
      if (tags == null && fallback != null) {
        tags = fallback.getTags();
      }
      size = put(pairs, size, TAG_TAGS, tags);
      // Process-level configuration has no prompt template, so no fallback here.
      if (scoped != null) {
        size = put(pairs, size, LLM_PROMPT_TEMPLATE, scoped.getPromptTemplate());
        size = put(pairs, size, LLM_PROMPT_TEMPLATE_VERSION, scoped.getPromptTemplateVersion());
        size =
            put(
                pairs,
                size,
                LLM_PROMPT_TEMPLATE_VARIABLES,
                scoped.getPromptTemplateVariablesJson());
      }
    }
    if (kindSlot != 0) {
      size = put(pairs, size, OPENINFERENCE_SPAN_KIND, KINDS[kindSlot - 1].getValue());
    }
    if (aliases == null) {
      return size == 0 ? Attributes.empty() : StampAttributes.of(pairs, size);
    }
    // Alias keys can repeat (a metadata thread_id and the session's): the builder settles them.
    AttributesBuilder builder = StampAttributes.of(pairs, size).toBuilder();
    putAliases(
        builder,
        session != null ? session : span.get(SESSION_ID),
        user != null ? user : span.get(USER_ID),
        tags != null ? tags : span.get(TAG_TAGS),
        metadataValues,
        span.get(GEN_AI_CONVERSATION_ID));
    return builder.build();
  }

  private static int put(Object[] pairs, int size, AttributeKey<?> key, @Nullable Object value) {
    if (value == null) {
      return size;
    }
    pairs[size] = key;
    pairs[size + 1] = value;
    return size + 2;
  }

  /** The processor's {@code MetadataSession.atStart}, on the builder's attributes. */
  @Nullable
  private static String sessionFromMetadata(Attributes span, ContextValues source) {
    String fromMetadata = source.getMetadataSessionId();
    if (fromMetadata == null || span.get(SESSION_ID) != null) {
      return null;
    }
    String conversation = span.get(GEN_AI_CONVERSATION_ID);
    return conversation != null && !conversation.trim().isEmpty() ? conversation : fromMetadata;
  }

  private void putAliases(
      AttributesBuilder builder,
      @Nullable String session,
      @Nullable String user,
      @Nullable List<String> tags,
      @Nullable ContextValues metadataValues,
      @Nullable String conversationId) {
    Aliases aliases = this.aliases;
    if (aliases == null) {
      return;
    }
    Attributes metadataAliases = null;
    if (metadataValues != null) {
      Map<String, String> members = metadataValues.getMetadataMembers();
      Map<String, String> text = new LinkedHashMap<>();
      if (members != null) {
        for (Map.Entry<String, String> member : members.entrySet()) {
          text.put(member.getKey(), SessionKeys.textOfEncoded(member.getValue()));
        }
      }
      metadataAliases = aliases.metadataAliases(text);
    }
    // The same keys, in the same order (the session's thread id after the metadata), as the
    // processor and the exporter write.
    aliases.forEachAlias(
        session,
        user,
        tags,
        metadataAliases,
        conversationId,
        (key, value) -> put(builder, key, value));
  }

  @SuppressWarnings("unchecked")
  private static void put(AttributesBuilder builder, AttributeKey<?> key, Object value) {
    builder.put((AttributeKey<Object>) key, value);
  }

  @Nullable
  private static <T> T or(@Nullable T preferred, @Nullable T fallback) {
    return preferred != null ? preferred : fallback;
  }

  @Override
  public String getDescription() {
    return "OpenInferenceSampler{" + delegate.getDescription() + "}";
  }

  @Override
  public String toString() {
    return "OpenInferenceSampler{delegate="
        + delegate
        + ", processValues="
        + (processValues == null ? "{}" : processValues.asAttributes())
        + ", defaultSpanKind="
        + (defaultSpanKind == null ? "none" : defaultSpanKind.getValue())
        + (aliases == null ? "" : ", aliases=" + aliases.names())
        + "}";
  }

  /**
   * What the spans of one scope get from one sampler: kept with the scope's (immutable) values, so
   * only the first span of the scope builds its result. Racing threads build equal immutable
   * results; either one may stay.
   */
  private static final class Stamp {
    final OpenInferenceSampler owner;
    // Whether spans get values at all, so the default kind applies.
    final boolean hasValues;
    // Whether the span's own session, conversation id, user or tags can change the values.
    final boolean readsSpan;
    // The first result kept (most scopes need just one), then the others by decision and kind.
    @Nullable private volatile Kept first;
    @Nullable private volatile SamplingResult[] others;

    Stamp(OpenInferenceSampler owner, boolean hasValues, boolean readsSpan) {
      this.owner = owner;
      this.hasValues = hasValues;
      this.readsSpan = readsSpan;
    }

    @Nullable
    SamplingResult kept(int slot) {
      Kept result = first;
      if (result != null && result.slot == slot) {
        return result;
      }
      SamplingResult[] more = others;
      return more == null ? null : more[slot];
    }

    void keep(int slot, SamplingResult result) {
      if (first == null && result instanceof Kept) {
        first = (Kept) result;
        return;
      }
      SamplingResult[] more = others;
      if (more == null) {
        more = new SamplingResult[2 * KIND_SLOTS];
        others = more;
      }
      more[slot] = result;
    }
  }

  /** A kept result: the decision and our attributes, the parent's trace state unchanged. */
  private static final class Kept implements SamplingResult {
    private final SamplingDecision decision;
    private final Attributes attributes;
    final int slot;

    Kept(SamplingDecision decision, Attributes attributes, int slot) {
      this.decision = decision;
      this.attributes = attributes;
      this.slot = slot;
    }

    @Override
    public SamplingDecision getDecision() {
      return decision;
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }

    @Override
    public String toString() {
      return "OpenInferenceSampler.Kept{" + decision + ", attributes=" + attributes + "}";
    }
  }

  /** A result other than the SDK's own, kept whole, with our attributes on top of its own. */
  private static final class Stamped implements SamplingResult {
    private final SamplingResult delegate;
    private final Attributes attributes;

    Stamped(SamplingResult delegate, Attributes attributes) {
      this.delegate = delegate;
      this.attributes = attributes;
    }

    @Override
    public SamplingDecision getDecision() {
      return delegate.getDecision();
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }

    @Override
    public TraceState getUpdatedTraceState(TraceState parentTraceState) {
      return delegate.getUpdatedTraceState(parentTraceState);
    }

    @Override
    public String toString() {
      return "OpenInferenceSampler.Stamped{" + delegate + ", attributes=" + attributes + "}";
    }
  }
}
