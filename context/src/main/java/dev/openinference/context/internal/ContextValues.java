/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VARIABLES;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VERSION;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.annotation.Nullable;

/**
 * The OpenInference values of one {@link Context}: what every enclosing scope set, so a span start
 * needs one {@link Context#get} and, after the first span of a scope, no further work.
 *
 * <p>Instances are immutable. Each field is null when no scope set it. Metadata, prompt template
 * variables and tags are kept as layers, each scope's own over those of the enclosing scopes, so
 * nested scopes hold memory in proportion to what each adds; the merged JSON strings and tag list
 * are built, within the {@linkplain ContextLimits caps}, the first time they are read, and kept.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class ContextValues implements IntFunction<Object> {

  /** The key OpenInference values are stored under in a {@link Context}. */
  public static final ContextKey<ContextValues> KEY = ContextKey.named("openinference-context");

  static final ContextValues EMPTY =
      new ContextValues(null, null, null, null, null, null, null, null);

  @Nullable private final String sessionId;
  @Nullable private final String userId;
  @Nullable private final MemberLayer metadata;
  @Nullable private final TagLayer tags;
  @Nullable private final String promptTemplate;
  @Nullable private final String promptTemplateVersion;
  @Nullable private final MemberLayer promptTemplateVariables;
  // The values these were merged over: lets a scope closed out of order tell whether the current
  // context is still inside it.
  @Nullable private final ContextValues outer;
  // Built on first use only: span starts read the fields, not this.
  @Nullable private volatile Attributes attributes;
  // The session id the metadata names (SessionKeys), found on first use; NO_SESSION when none.
  @Nullable private volatile String metadataSessionId;
  // What a span processor derived from these values, kept for the next span of the same scope.
  @Nullable private volatile Object derived;

  private static final String NO_SESSION = new String("");

  private ContextValues(
      @Nullable String sessionId,
      @Nullable String userId,
      @Nullable MemberLayer metadata,
      @Nullable TagLayer tags,
      @Nullable String promptTemplate,
      @Nullable String promptTemplateVersion,
      @Nullable MemberLayer promptTemplateVariables,
      @Nullable ContextValues outer) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.metadata = metadata;
    this.tags = tags;
    this.promptTemplate = promptTemplate;
    this.promptTemplateVersion = promptTemplateVersion;
    this.promptTemplateVariables = promptTemplateVariables;
    this.outer = outer;
  }

  /**
   * Returns values holding the given fields, already validated by the caller. The maps hold encoded
   * JSON members and must not be modified afterwards; the list holds distinct tags.
   */
  public static ContextValues of(
      @Nullable String sessionId,
      @Nullable String userId,
      @Nullable Map<String, String> metadataMembers,
      @Nullable List<String> tags,
      @Nullable String promptTemplate,
      @Nullable String promptTemplateVersion,
      @Nullable Map<String, String> promptTemplateVariablesMembers) {
    return new ContextValues(
        sessionId,
        userId,
        MemberLayer.of(metadataMembers, "metadata"),
        TagLayer.of(tags),
        promptTemplate,
        promptTemplateVersion,
        MemberLayer.of(promptTemplateVariablesMembers, "prompt template variables"),
        null);
  }

  /** Returns the values in {@code context}, or null when no OpenInference scope is open there. */
  @Nullable
  public static ContextValues fromContext(Context context) {
    return context.get(KEY);
  }

  /** Returns {@code context} with {@code inner} merged over the values already in it. */
  // Identity, not equality: merge returns its own argument when nothing changes.
  @SuppressWarnings("ReferenceEquality")
  public static Context storeMerged(Context context, ContextValues inner) {
    ContextValues outer = context.get(KEY);
    ContextValues merged = merge(outer, inner);
    return merged == outer || merged.isEmpty() ? context : store(context, merged);
  }

  /**
   * Returns {@code context} with {@code values} in place of the OpenInference values in it. Every
   * write of our key goes through here, so the javaagent bridge sees them all.
   */
  public static Context store(Context context, ContextValues values) {
    return JavaagentBridge.bridge(context.with(KEY, values), values);
  }

  /**
   * Returns {@code inner} merged over {@code outer}: session, user and prompt template are
   * replaced, metadata merges by key with the inner value winning, tags are the union in order,
   * outer first.
   */
  public static ContextValues merge(@Nullable ContextValues outer, ContextValues inner) {
    if (outer == null || outer.isEmpty()) {
      return inner;
    }
    if (inner.isEmpty()) {
      return outer;
    }
    // A template and its version and variables belong together: a new template replaces all
    // three, while a version or variables alone refine the enclosing template.
    String template;
    String version;
    MemberLayer variables;
    if (inner.promptTemplate != null) {
      template = inner.promptTemplate;
      version = inner.promptTemplateVersion;
      variables = inner.promptTemplateVariables;
    } else {
      template = outer.promptTemplate;
      version = or(inner.promptTemplateVersion, outer.promptTemplateVersion);
      variables = MemberLayer.over(outer.promptTemplateVariables, inner.promptTemplateVariables);
    }
    return new ContextValues(
        or(inner.sessionId, outer.sessionId),
        or(inner.userId, outer.userId),
        MemberLayer.over(outer.metadata, inner.metadata),
        TagLayer.over(outer.tags, inner.tags),
        template,
        version,
        variables,
        outer);
  }

  /** Returns a copy of {@code outer} (which may be null) with the session id replaced. */
  public static ContextValues withSessionId(@Nullable ContextValues outer, String sessionId) {
    return withIds(outer, sessionId, outer == null ? null : outer.userId);
  }

  /** Returns a copy of {@code outer} (which may be null) with the user id replaced. */
  public static ContextValues withUserId(@Nullable ContextValues outer, String userId) {
    return withIds(outer, outer == null ? null : outer.sessionId, userId);
  }

  private static ContextValues withIds(
      @Nullable ContextValues outer, @Nullable String sessionId, @Nullable String userId) {
    ContextValues o = outer == null ? EMPTY : outer;
    return new ContextValues(
        sessionId,
        userId,
        o.metadata,
        o.tags,
        o.promptTemplate,
        o.promptTemplateVersion,
        o.promptTemplateVariables,
        outer);
  }

  @Nullable
  private static <T> T or(@Nullable T preferred, @Nullable T fallback) {
    return preferred != null ? preferred : fallback;
  }

  /** Returns whether these values are {@code ancestor} or were merged over it, directly or not. */
  // Identity, not equality: the chain of merged values is walked for one instance.
  @SuppressWarnings("ReferenceEquality")
  public boolean isWithin(ContextValues ancestor) {
    for (ContextValues v = this; v != null; v = v.outer) {
      if (v == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether no field is set. */
  public boolean isEmpty() {
    return sessionId == null
        && userId == null
        && metadata == null
        && tags == null
        && promptTemplate == null
        && promptTemplateVersion == null
        && promptTemplateVariables == null;
  }

  @Nullable
  public String getSessionId() {
    return sessionId;
  }

  @Nullable
  public String getUserId() {
    return userId;
  }

  /** Returns the metadata as a JSON object string, within the caps. */
  @Nullable
  public String getMetadataJson() {
    return metadata == null ? null : metadata.json();
  }

  /** Returns the metadata as JSON members: key to encoded JSON value. */
  @Nullable
  public Map<String, String> getMetadataMembers() {
    return metadata == null ? null : metadata.members();
  }

  /**
   * Returns the session id the metadata names under {@code session_id}, {@code thread_id} or {@code
   * conversation_id} (see {@link SessionKeys}), or null; looked up once per instance.
   */
  @Nullable
  // Identity, not equality: NO_SESSION is a sentinel no metadata value can be.
  @SuppressWarnings("ReferenceEquality")
  public String getMetadataSessionId() {
    if (metadata == null) {
      return null;
    }
    String id = metadataSessionId;
    if (id == null) {
      id = SessionKeys.fromEncodedMembers(metadata.members());
      if (id == null) {
        id = NO_SESSION;
      }
      metadataSessionId = id;
    }
    return id == NO_SESSION ? null : id;
  }

  /** Returns what a span processor stored with {@link #setDerived}, or null. */
  @Nullable
  public Object getDerived() {
    return derived;
  }

  /**
   * Keeps {@code value}, something derived from these (immutable) values, so later span starts in
   * the same scope reuse it. Last writer wins; the holder must check the value is its own.
   */
  public void setDerived(@Nullable Object value) {
    derived = value;
  }

  /** Returns the tags in effect, within the caps. */
  @Nullable
  public List<String> getTags() {
    return tags == null ? null : tags.tags();
  }

  @Nullable
  public String getPromptTemplate() {
    return promptTemplate;
  }

  @Nullable
  public String getPromptTemplateVersion() {
    return promptTemplateVersion;
  }

  /** Returns the prompt template variables as a JSON object string, within the caps. */
  @Nullable
  public String getPromptTemplateVariablesJson() {
    return promptTemplateVariables == null ? null : promptTemplateVariables.json();
  }

  /** Returns the prompt template variables as JSON members: key to encoded JSON value. */
  @Nullable
  public Map<String, String> getPromptTemplateVariablesMembers() {
    return promptTemplateVariables == null ? null : promptTemplateVariables.members();
  }

  /**
   * Returns field {@code index} in the order of the arguments of {@link #of}, as the plain JDK
   * value the getter returns: how the javaagent's copy of this class reads the application's values
   * without either side copying them (see {@link JavaagentBridge}).
   */
  @Override
  @Nullable
  public Object apply(int index) {
    switch (index) {
      case 0:
        return sessionId;
      case 1:
        return userId;
      case 2:
        return getMetadataMembers();
      case 3:
        return getTags();
      case 4:
        return promptTemplate;
      case 5:
        return promptTemplateVersion;
      case 6:
        return getPromptTemplateVariablesMembers();
      default:
        return null;
    }
  }

  /** Returns these values as the span attributes they stand for. */
  public Attributes asAttributes() {
    Attributes result = attributes;
    if (result == null) {
      AttributesBuilder builder = Attributes.builder();
      if (sessionId != null) {
        builder.put(SESSION_ID, sessionId);
      }
      if (userId != null) {
        builder.put(USER_ID, userId);
      }
      String metadataJson = getMetadataJson();
      if (metadataJson != null) {
        builder.put(METADATA, metadataJson);
      }
      List<String> tagList = getTags();
      if (tagList != null) {
        builder.put(TAG_TAGS, tagList);
      }
      if (promptTemplate != null) {
        builder.put(LLM_PROMPT_TEMPLATE, promptTemplate);
      }
      if (promptTemplateVersion != null) {
        builder.put(LLM_PROMPT_TEMPLATE_VERSION, promptTemplateVersion);
      }
      String promptTemplateVariablesJson = getPromptTemplateVariablesJson();
      if (promptTemplateVariablesJson != null) {
        builder.put(LLM_PROMPT_TEMPLATE_VARIABLES, promptTemplateVariablesJson);
      }
      result = builder.build();
      attributes = result;
    }
    return result;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ContextValues)) {
      return false;
    }
    return asAttributes().equals(((ContextValues) o).asAttributes());
  }

  @Override
  public int hashCode() {
    return asAttributes().hashCode();
  }

  @Override
  public String toString() {
    return "OpenInference" + asAttributes();
  }
}
