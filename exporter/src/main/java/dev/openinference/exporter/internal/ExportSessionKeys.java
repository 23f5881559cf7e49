/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;

import dev.openinference.context.internal.SessionKeys;
import dev.openinference.exporter.internal.genai.Json;
import dev.openinference.processor.internal.Aliases;
import dev.openinference.semconv.internal.GenAiAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * Session keys at export, for values the processor could not see at start: a span still without
 * {@code session.id} takes its {@code gen_ai.conversation.id}, else the id its {@code metadata}
 * JSON names under {@code session_id}, {@code thread_id} or {@code conversation_id}; and, when
 * aliases are on, every alias key is brought in line with the span's final {@code session.id},
 * {@code user.id}, {@code tag.tags} and {@code metadata} (a value set after start replaces the
 * alias stamped at start). Runs after translation and masking, on what is about to be sent.
 *
 * <p>A span with nothing to change is returned as the same object. With aliases off a span costs
 * one or two attribute lookups.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class ExportSessionKeys {

  private final Aliases aliases;
  // The last metadata JSON turned into text values: the spans of one scope share theirs.
  @Nullable private volatile ParsedMetadata lastMetadata;

  private ExportSessionKeys(Aliases aliases) {
    this.aliases = aliases;
  }

  /** Returns the export step for {@code aliases} (none: session keys in only). */
  public static ExportSessionKeys create(Aliases aliases) {
    return new ExportSessionKeys(aliases);
  }

  /** Returns {@code span}, or a view of it with the derived session and the alias keys. */
  public SpanData apply(SpanData span) {
    Attributes attributes = span.getAttributes();
    String session = attributes.get(SESSION_ID);
    String derived = null;
    ParsedMetadata metadata = null;
    if (session == null) {
      String conversation = attributes.get(GenAiAttributes.GEN_AI_CONVERSATION_ID);
      if (conversation != null && !conversation.trim().isEmpty()) {
        derived = conversation;
      } else {
        metadata = metadata(attributes.get(METADATA));
        derived = metadata == null ? null : metadata.sessionId;
      }
      session = derived;
    }
    if (aliases.isEmpty()) {
      return derived == null ? span : rebuild(span, attributes, derived, null);
    }
    if (metadata == null) {
      metadata = metadata(attributes.get(METADATA));
    }
    Attributes metadataAliases = metadata == null ? null : metadata.aliases(aliases);
    String user = attributes.get(USER_ID);
    List<String> tags = attributes.get(TAG_TAGS);
    String conversation = attributes.get(GenAiAttributes.GEN_AI_CONVERSATION_ID);
    if (derived == null) {
      // Usually the processor stamped them all at start: compare without building anything.
      Mismatch mismatch = new Mismatch(attributes);
      aliases.forEachAlias(session, user, tags, metadataAliases, conversation, mismatch);
      if (!mismatch.found) {
        return span;
      }
    }
    AttributesBuilder builder = Attributes.builder();
    aliases.forEachAlias(
        session,
        user,
        tags,
        metadataAliases,
        conversation,
        (key, value) -> put(builder, key, value));
    return rebuild(span, attributes, derived, builder.build());
  }

  @SuppressWarnings("unchecked")
  private static void put(AttributesBuilder builder, AttributeKey<?> key, Object value) {
    builder.put((AttributeKey<Object>) key, value);
  }

  /** Records whether any alias is missing from the span or has another value there. */
  private static final class Mismatch implements BiConsumer<AttributeKey<?>, Object> {
    private final Attributes attributes;
    boolean found;

    Mismatch(Attributes attributes) {
      this.attributes = attributes;
    }

    @Override
    public void accept(AttributeKey<?> key, Object value) {
      if (!found && !value.equals(attributes.get(key))) {
        found = true;
      }
    }
  }

  private static SpanData rebuild(
      SpanData span,
      Attributes attributes,
      @Nullable String derived,
      @Nullable Attributes aliases) {
    AttributesBuilder builder = attributes.toBuilder();
    if (derived != null) {
      builder.put(SESSION_ID, derived);
    }
    if (aliases != null) {
      builder.putAll(aliases);
    }
    Attributes result = builder.build();
    int added = result.size() - attributes.size();
    return new TransformedSpanData(
        span, result, span.getTotalAttributeCount() + added, span.getEvents());
  }

  @Nullable
  private ParsedMetadata metadata(@Nullable String json) {
    if (json == null) {
      return null;
    }
    ParsedMetadata last = lastMetadata;
    if (last != null && last.json.equals(json)) {
      return last;
    }
    Object parsed = Json.parse(json);
    if (!(parsed instanceof Map)) {
      return null;
    }
    Map<?, ?> map = (Map<?, ?>) parsed;
    Map<String, String> text = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object value = entry.getValue();
      text.put(
          String.valueOf(entry.getKey()),
          value instanceof String ? (String) value : Json.stringify(value));
    }
    ParsedMetadata result =
        new ParsedMetadata(json, Collections.unmodifiableMap(text), SessionKeys.fromValues(map));
    lastMetadata = result;
    return result;
  }

  @Override
  public String toString() {
    return "ExportSessionKeys{aliases=" + aliases.names() + "}";
  }

  /** One metadata JSON as text values, the session id it names, and its aliases once built. */
  private static final class ParsedMetadata {
    final String json;
    final Map<String, String> text;
    @Nullable final String sessionId;
    @Nullable private volatile Attributes aliases;

    ParsedMetadata(String json, Map<String, String> text, @Nullable String sessionId) {
      this.json = json;
      this.text = text;
      this.sessionId = sessionId;
    }

    /** The metadata aliases; one exporter has one alias set, so they are built once. */
    Attributes aliases(Aliases set) {
      Attributes result = aliases;
      if (result == null) {
        result = set.metadataAliases(text);
        aliases = result;
      }
      return result;
    }
  }
}
