/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.context.internal.RateLimitedLogger.describe;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.openinference.context.internal.ContextValues;
import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.context.internal.SessionKeys;
import dev.openinference.semconv.internal.GenAiAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * The session keys other backends read, written next to the OpenInference ones when {@code
 * otel.openinference.aliases} names the backend. Each alias is a copy of an OpenInference value:
 *
 * <ul>
 *   <li>{@code genai}: {@code gen_ai.conversation.id} from {@code session.id}, the OTel GenAI
 *       conventions' key; a {@code gen_ai.conversation.id} the span already has is kept.
 *   <li>{@code langfuse}: {@code langfuse.session.id}, {@code langfuse.user.id}, {@code
 *       langfuse.trace.tags} (string list) and {@code langfuse.trace.metadata.<key>} (string; a
 *       value that is not a string is its JSON text). Names from Langfuse's OpenTelemetry property
 *       mapping (langfuse-docs, pages/docs/opentelemetry/get-started.mdx: {@code
 *       langfuse.session.id}, {@code langfuse.user.id}) and its SDK's {@code
 *       LangfuseOtelSpanAttributes} ({@code TRACE_TAGS = "langfuse.trace.tags"}, {@code
 *       TRACE_METADATA = "langfuse.trace.metadata"}, a prefix).
 *   <li>{@code langsmith}: {@code langsmith.metadata.thread_id} from {@code session.id}, {@code
 *       langsmith.metadata.<key>} from the metadata and {@code langsmith.span.tags} (the tags,
 *       comma-separated). LangSmith's OTel mapping (docs "Trace with OpenTelemetry", "Supported
 *       OpenTelemetry attribute and event mapping") turns {@code langsmith.metadata.{key}} into run
 *       metadata and {@code langsmith.span.tags} into tags; its thread docs ("Configure threads")
 *       group traces by the metadata key {@code session_id} or {@code thread_id}, and its
 *       Trajectory view reads {@code thread_id}. Its {@code langsmith.trace.session_id} is not
 *       used: in LangSmith a "session" is the tracing project (langchain-ai/docs#605).
 * </ul>
 *
 * <p>At most {@value #MAX_METADATA_KEYS} metadata keys are aliased per backend, so aliases cannot
 * push a span past the SDK's attribute count limit (128) and crowd out attributes set later.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class Aliases {

  public static final String GENAI = "genai";
  public static final String LANGFUSE = "langfuse";
  public static final String LANGSMITH = "langsmith";

  /** Most metadata keys written per backend. */
  public static final int MAX_METADATA_KEYS = 32;

  static final AttributeKey<String> LANGFUSE_SESSION_ID = stringKey("langfuse.session.id");
  static final AttributeKey<String> LANGFUSE_USER_ID = stringKey("langfuse.user.id");
  static final AttributeKey<List<String>> LANGFUSE_TRACE_TAGS =
      stringArrayKey("langfuse.trace.tags");
  static final String LANGFUSE_METADATA_PREFIX = "langfuse.trace.metadata.";
  static final String LANGSMITH_METADATA_PREFIX = "langsmith.metadata.";
  static final AttributeKey<String> LANGSMITH_THREAD_ID =
      stringKey(LANGSMITH_METADATA_PREFIX + "thread_id");
  static final AttributeKey<String> LANGSMITH_SPAN_TAGS = stringKey("langsmith.span.tags");

  private static final List<String> KNOWN =
      Collections.unmodifiableList(Arrays.asList(GENAI, LANGFUSE, LANGSMITH));

  private static final Aliases NONE = new Aliases(false, false, false);

  static final RateLimitedLogger logger = RateLimitedLogger.create(Aliases.class);

  private final boolean genAi;
  private final boolean langfuse;
  private final boolean langsmith;

  private Aliases(boolean genAi, boolean langfuse, boolean langsmith) {
    this.genAi = genAi;
    this.langfuse = langfuse;
    this.langsmith = langsmith;
  }

  /** Returns the empty set: nothing but the OpenInference keys is written. */
  public static Aliases none() {
    return NONE;
  }

  /**
   * Returns the aliases {@code names} lists (any case, blanks ignored). An unknown name is named in
   * a warning, with {@code setting}, and ignored.
   */
  public static Aliases of(@Nullable Collection<String> names, String setting) {
    if (names == null || names.isEmpty()) {
      return NONE;
    }
    boolean genAi = false;
    boolean langfuse = false;
    boolean langsmith = false;
    for (String name : names) {
      String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      switch (n) {
        case GENAI:
          genAi = true;
          break;
        case LANGFUSE:
          langfuse = true;
          break;
        case LANGSMITH:
          langsmith = true;
          break;
        default:
          logger.warning(
              setting
                  + ": ignored the unknown alias "
                  + describe(name)
                  + "; known aliases are "
                  + String.join(", ", KNOWN)
                  + ".");
      }
    }
    return genAi || langfuse || langsmith ? new Aliases(genAi, langfuse, langsmith) : NONE;
  }

  /** Returns whether no alias is on. */
  public boolean isEmpty() {
    return !genAi && !langfuse && !langsmith;
  }

  /** Returns whether {@code genai} is on. */
  public boolean genAi() {
    return genAi;
  }

  /** Returns the names that are on, in the documented order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(3);
    if (genAi) {
      names.add(GENAI);
    }
    if (langfuse) {
      names.add(LANGFUSE);
    }
    if (langsmith) {
      names.add(LANGSMITH);
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * Writes the aliases of what the processor has just stamped on {@code span}: session, user and
   * tags as the span now has them, the metadata of {@code scoped} or else {@code fallback} (the one
   * that was stamped). The metadata aliases are built once per scope and kept with its values.
   */
  public void stamp(
      ReadWriteSpan span, @Nullable ContextValues scoped, @Nullable ContextValues fallback) {
    String session = span.getAttribute(SESSION_ID);
    if (session != null) {
      if (genAi && span.getAttribute(GenAiAttributes.GEN_AI_CONVERSATION_ID) == null) {
        span.setAttribute(GenAiAttributes.GEN_AI_CONVERSATION_ID, session);
      }
      if (langfuse) {
        span.setAttribute(LANGFUSE_SESSION_ID, session);
      }
    }
    if (!langfuse && !langsmith) {
      return;
    }
    String user = span.getAttribute(USER_ID);
    if (user != null && langfuse) {
      span.setAttribute(LANGFUSE_USER_ID, user);
    }
    List<String> tags = span.getAttribute(TAG_TAGS);
    if (tags != null && !tags.isEmpty()) {
      if (langfuse) {
        span.setAttribute(LANGFUSE_TRACE_TAGS, tags);
      }
      if (langsmith) {
        span.setAttribute(LANGSMITH_SPAN_TAGS, String.join(",", tags));
      }
    }
    ContextValues source =
        scoped != null && scoped.getMetadataJson() != null
            ? scoped
            : fallback != null && fallback.getMetadataJson() != null ? fallback : null;
    if (source != null) {
      span.setAllAttributes(metadataAliases(source));
    }
    // After the metadata, so the session wins over a thread_id member that says otherwise.
    if (session != null && langsmith) {
      span.setAttribute(LANGSMITH_THREAD_ID, session);
    }
  }

  private Attributes metadataAliases(ContextValues values) {
    Object derived = values.getDerived();
    if (derived instanceof Derived && ((Derived) derived).owner == this) {
      return ((Derived) derived).metadata;
    }
    Map<String, String> members = values.getMetadataMembers();
    Map<String, String> text = new LinkedHashMap<>();
    if (members != null) {
      for (Map.Entry<String, String> member : members.entrySet()) {
        text.put(member.getKey(), SessionKeys.textOfEncoded(member.getValue()));
      }
    }
    Attributes result = metadataAliases(text);
    values.setDerived(new Derived(this, result));
    return result;
  }

  /**
   * Returns the metadata aliases of {@code metadata} (key to text value): {@code
   * langfuse.trace.metadata.<key>} and {@code langsmith.metadata.<key>}, for the first {@value
   * #MAX_METADATA_KEYS} keys.
   */
  public Attributes metadataAliases(Map<String, String> metadata) {
    if ((!langfuse && !langsmith) || metadata.isEmpty()) {
      return Attributes.empty();
    }
    AttributesBuilder builder = Attributes.builder();
    int count = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      if (count++ == MAX_METADATA_KEYS) {
        logger.warning(
            "The metadata has "
                + metadata.size()
                + " keys; only the first "
                + MAX_METADATA_KEYS
                + " get "
                + String.join(" and ", names())
                + " alias attributes, to stay within the SDK's attribute count limit.");
        break;
      }
      if (langfuse) {
        builder.put(LANGFUSE_METADATA_PREFIX + entry.getKey(), entry.getValue());
      }
      if (langsmith) {
        builder.put(LANGSMITH_METADATA_PREFIX + entry.getKey(), entry.getValue());
      }
    }
    return builder.build();
  }

  /**
   * Hands {@code out} each alias key and value of a finished span's values, for the exporter: the
   * same keys as {@link #stamp}, with {@code metadataAliases} from {@link #metadataAliases(Map)}.
   * {@code conversationId} is the span's own {@code gen_ai.conversation.id}, which {@code genai}
   * keeps.
   */
  public void forEachAlias(
      @Nullable String session,
      @Nullable String user,
      @Nullable List<String> tags,
      @Nullable Attributes metadataAliases,
      @Nullable String conversationId,
      BiConsumer<AttributeKey<?>, Object> out) {
    if (session != null) {
      if (genAi && conversationId == null) {
        out.accept(GenAiAttributes.GEN_AI_CONVERSATION_ID, session);
      }
      if (langfuse) {
        out.accept(LANGFUSE_SESSION_ID, session);
      }
    }
    if (user != null && langfuse) {
      out.accept(LANGFUSE_USER_ID, user);
    }
    if (tags != null && !tags.isEmpty()) {
      if (langfuse) {
        out.accept(LANGFUSE_TRACE_TAGS, tags);
      }
      if (langsmith) {
        out.accept(LANGSMITH_SPAN_TAGS, String.join(",", tags));
      }
    }
    if (metadataAliases != null) {
      metadataAliases.forEach(out);
    }
    if (session != null && langsmith) {
      out.accept(LANGSMITH_THREAD_ID, session);
    }
  }

  @Override
  public String toString() {
    return "Aliases" + names();
  }

  /** Metadata aliases built for one scope's values, tagged with the set that built them. */
  private static final class Derived {
    final Aliases owner;
    final Attributes metadata;

    Derived(Aliases owner, Attributes metadata) {
      this.owner = owner;
      this.metadata = metadata;
    }
  }
}
