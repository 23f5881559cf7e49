/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import dev.openinference.context.internal.ContextValues;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ImplicitContextKeyed;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * A set of OpenInference values (session, user, metadata, tags, prompt template) to put in the
 * OpenTelemetry {@link Context}, where {@code OpenInferenceSpanProcessor} stamps them on every span
 * started in it.
 *
 * <p>Like a {@code Span} or {@code Baggage}, it can be made current directly:
 *
 * <pre>{@code
 * ContextAttributes attributes =
 *     ContextAttributes.builder().setSessionId("conversation-42").setUserId("bob").build();
 * try (Scope ignored = attributes.makeCurrent()) {
 *   agent.answer(question);
 * }
 * }</pre>
 *
 * <p>Storing it in a context merges it with the values already there (see {@link OpenInference} for
 * the nesting rules), so it only ever adds to or overrides what enclosing scopes set. Instances are
 * immutable and safe to share; maps and lists passed to the builder are copied (and encoded to
 * JSON) when they are set.
 */
public final class ContextAttributes implements ImplicitContextKeyed {

  private static final ContextAttributes EMPTY = builder().build();

  private final ContextValues values;

  private ContextAttributes(ContextValues values) {
    this.values = values;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with nothing set, never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns an instance that sets nothing. */
  static ContextAttributes empty() {
    return EMPTY;
  }

  /**
   * Returns {@code context} with these values merged over the OpenInference values already in it.
   */
  @Override
  public Context storeInContext(Context context) {
    if (context == null) {
      Inputs.warn(
          "ContextAttributes.storeInContext: null context; stored the values in the root context.");
      context = Context.root();
    }
    try {
      return ContextValues.storeMerged(context, values);
    } catch (Throwable t) {
      Inputs.failed("ContextAttributes.storeInContext", t, "returned the context unchanged");
      return context;
    }
  }

  /**
   * Makes these values current, merged over the values of the current context, until the returned
   * scope is closed; the same as {@link OpenInference#usingAttributes}. The scope never throws, and
   * closing it twice, on another thread or out of order leaves no values behind.
   */
  @Override
  public Scope makeCurrent() {
    return OpenInference.usingAttributes(this, "ContextAttributes.makeCurrent");
  }

  ContextValues values() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    try {
      return o instanceof ContextAttributes && values.equals(((ContextAttributes) o).values);
    } catch (Throwable t) {
      return this == o;
    }
  }

  @Override
  public int hashCode() {
    try {
      return values.hashCode();
    } catch (Throwable t) {
      return System.identityHashCode(this);
    }
  }

  @Override
  public String toString() {
    try {
      return "ContextAttributes" + values.asAttributes();
    } catch (Throwable t) {
      return "ContextAttributes{unprintable: " + t.getClass().getName() + "}";
    }
  }

  /**
   * Builds {@link ContextAttributes}. Every setter is optional; a field left unset keeps the value
   * of the enclosing context. Bad input (null, empty or blank ids, null maps or lists, null keys or
   * elements) is dropped with a rate-limited warning; the builder never throws.
   */
  public static final class Builder {
    @Nullable private String sessionId;
    @Nullable private String userId;
    @Nullable private Map<String, String> metadata;
    @Nullable private List<String> tags;
    @Nullable private String promptTemplate;
    @Nullable private String promptTemplateVersion;
    @Nullable private Map<String, String> promptTemplateVariables;

    private Builder() {}

    /**
     * Sets the session ({@code session.id}), for example a conversation or thread id.
     *
     * @param sessionId the session id; null or blank unsets it, with a warning
     * @return this builder
     */
    public Builder setSessionId(String sessionId) {
      this.sessionId = Inputs.id("ContextAttributes.Builder.setSessionId", "session id", sessionId);
      return this;
    }

    /**
     * Sets the end user ({@code user.id}) on whose behalf the spans run.
     *
     * @param userId the end user's id; null or blank unsets it, with a warning
     * @return this builder
     */
    public Builder setUserId(String userId) {
      this.userId = Inputs.id("ContextAttributes.Builder.setUserId", "user id", userId);
      return this;
    }

    /**
     * Sets metadata ({@code metadata}, a JSON object string). Values may be strings, numbers,
     * booleans, null, maps, collections and arrays; anything else is written as its {@code
     * toString()}. The map is encoded now: later changes to it have no effect.
     *
     * @param metadata the entries; null unsets the metadata, with a warning
     * @return this builder
     */
    public Builder setMetadata(Map<String, ?> metadata) {
      this.metadata = Inputs.members("ContextAttributes.Builder.setMetadata", "metadata", metadata);
      return this;
    }

    /**
     * Sets tags ({@code tag.tags}); duplicates, nulls and blanks are dropped.
     *
     * @param tags the tags, in order; null unsets them, with a warning
     * @return this builder
     */
    public Builder setTags(List<String> tags) {
      this.tags = Inputs.tags("ContextAttributes.Builder.setTags", tags);
      return this;
    }

    /**
     * Sets tags ({@code tag.tags}); duplicates, nulls and blanks are dropped.
     *
     * @param tags the tags, in order; null unsets them, with a warning
     * @return this builder
     */
    public Builder setTags(String... tags) {
      this.tags =
          Inputs.tags(
              "ContextAttributes.Builder.setTags", tags == null ? null : Arrays.asList(tags));
      return this;
    }

    /**
     * Sets the prompt template ({@code llm.prompt_template.template}).
     *
     * @param promptTemplate the template text, for example {@code "Answer {question}"}; null or
     *     blank unsets it, with a warning
     * @return this builder
     */
    public Builder setPromptTemplate(String promptTemplate) {
      this.promptTemplate =
          Inputs.id(
              "ContextAttributes.Builder.setPromptTemplate", "prompt template", promptTemplate);
      return this;
    }

    /**
     * Sets the prompt template version ({@code llm.prompt_template.version}).
     *
     * @param version the template's version, for example {@code "v3"}; null or blank unsets it,
     *     with a warning
     * @return this builder
     */
    public Builder setPromptTemplateVersion(String version) {
      this.promptTemplateVersion =
          Inputs.id(
              "ContextAttributes.Builder.setPromptTemplateVersion",
              "prompt template version",
              version);
      return this;
    }

    /**
     * Sets the prompt template variables ({@code llm.prompt_template.variables}, a JSON object
     * string), encoded like {@link #setMetadata}.
     *
     * @param variables the values filled into the template; null unsets them, with a warning
     * @return this builder
     */
    public Builder setPromptTemplateVariables(Map<String, ?> variables) {
      this.promptTemplateVariables =
          Inputs.members(
              "ContextAttributes.Builder.setPromptTemplateVariables",
              "prompt template variables",
              variables);
      return this;
    }

    /**
     * Returns the {@link ContextAttributes} set so far. The builder can be reused.
     *
     * @return immutable attributes, never null; apply them with {@link
     *     ContextAttributes#makeCurrent()} or {@link OpenInference#usingAttributes}
     */
    public ContextAttributes build() {
      try {
        return buildOrThrow();
      } catch (Throwable t) {
        Inputs.failed("ContextAttributes.Builder.build", t, "returned attributes that set nothing");
        return EMPTY;
      }
    }

    private ContextAttributes buildOrThrow() {
      return new ContextAttributes(
          ContextValues.of(
              sessionId,
              userId,
              metadata == null ? null : new LinkedHashMap<>(metadata),
              tags == null ? null : new ArrayList<>(tags),
              promptTemplate,
              promptTemplateVersion,
              promptTemplateVariables == null
                  ? null
                  : new LinkedHashMap<>(promptTemplateVariables)));
    }

    @Override
    public String toString() {
      try {
        return "ContextAttributes.Builder{" + buildOrThrow().values.asAttributes() + "}";
      } catch (Throwable t) {
        return "ContextAttributes.Builder{unprintable: " + t.getClass().getName() + "}";
      }
    }
  }
}
