/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.genai.GenAiEvent;
import dev.openinference.exporter.internal.genai.GenAiEventsBridge;
import dev.openinference.exporter.internal.genai.GenAiTranslation;
import dev.openinference.exporter.internal.masking.AttributeMasker;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Turns a finished span into what an OpenInference backend should receive: its GenAI attributes,
 * GenAI span events and the GenAI log-record events joined to it are translated to OpenInference
 * (see {@link GenAiTranslation}), a span without a kind gets the default kind, and the {@link
 * TraceConfig} masking is applied to the attributes and the span events, after translation, so
 * nothing it hides comes back. A span that needs none of this is returned as the same object.
 *
 * <p>Translated attributes are added only where the span has no value of its own (OpenInference
 * values set by the application win; the GenAI attributes are kept for other backends), and a
 * message, tool or document list the span already has entries of is left alone. {@code
 * llm.provider} and {@code llm.system} go on LLM spans only.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class SpanTransformer {

  private static final String LLM_PROVIDER = SemanticConventions.LLM_PROVIDER.getKey();
  private static final String LLM_SYSTEM = SemanticConventions.LLM_SYSTEM.getKey();

  private final AttributeMasker masker;
  @Nullable private final OpenInferenceSpanKind defaultKind;
  @Nullable private final GenAiEventsBridge bridge;

  private SpanTransformer(
      TraceConfig config,
      @Nullable OpenInferenceSpanKind defaultKind,
      @Nullable GenAiEventsBridge bridge) {
    this.masker = AttributeMasker.create(config);
    this.defaultKind = defaultKind;
    this.bridge = bridge;
  }

  /**
   * Returns a transformer masking with {@code config}, giving spans without a kind {@code
   * defaultKind} (null: leave them without), and joining the log-record events {@code bridge} holds
   * (null: none).
   */
  public static SpanTransformer create(
      TraceConfig config,
      @Nullable OpenInferenceSpanKind defaultKind,
      @Nullable GenAiEventsBridge bridge) {
    return new SpanTransformer(config, defaultKind, bridge);
  }

  /** Returns the reusable per-thread state {@link #transform} needs. */
  public AttributeScan newScratch() {
    return new AttributeScan(masker);
  }

  /**
   * Returns {@code span} itself when it needs no change, else a copy with the new attributes and
   * events.
   *
   * @param scan from {@link #newScratch()}, used by no other thread meanwhile
   */
  public SpanData transform(SpanData span, AttributeScan scan) {
    scan.reset();
    Attributes attributes = span.getAttributes();
    attributes.forEach(scan);

    List<GenAiEvent> joined =
        bridge == null ? Collections.<GenAiEvent>emptyList() : bridge.take(span.getSpanContext());
    List<EventData> events = span.getEvents();
    GenAiTranslation translation = null;
    if (scan.genAiCount > 0 || !joined.isEmpty() || hasContentEvent(events)) {
      translation = GenAiTranslation.translate(attributes, events, joined);
    }
    OpenInferenceSpanKind translatedKind = translation == null ? null : translation.getKind();
    if (translatedKind == null) {
      translatedKind = GenAiTranslation.kindOfSpanName(span.getName());
    }
    OpenInferenceSpanKind newKind = newKind(scan, translatedKind);
    OpenInferenceSpanKind finalKind =
        newKind != null
            ? newKind
            : scan.spanKind instanceof String
                ? OpenInferenceSpanKind.fromValue((String) scan.spanKind)
                : null;
    List<Object> additions =
        translation == null ? null : additions(translation, scan, attributes, finalKind);
    List<EventData> maskedEvents = masker.maskEvents(events);
    if (newKind == null && additions == null && scan.maskedCount == 0 && maskedEvents == events) {
      return span;
    }
    return rebuild(
        span,
        attributes,
        scan.maskedCount > 0,
        newKind,
        scan.spanKind != null,
        additions,
        maskedEvents);
  }

  private static boolean hasContentEvent(List<EventData> events) {
    for (int i = 0; i < events.size(); i++) {
      if (GenAiTranslation.isContentEvent(events.get(i).getName())) {
        return true;
      }
    }
    return false;
  }

  @Nullable
  private OpenInferenceSpanKind newKind(
      AttributeScan scan, @Nullable OpenInferenceSpanKind translatedKind) {
    if (scan.spanKind == null) {
      return translatedKind != null ? translatedKind : defaultKind;
    }
    // The processor stamps the default kind at start when nothing else is known yet; what the
    // GenAI attributes say once the span ended is better.
    if (defaultKind != null
        && translatedKind != null
        && translatedKind != defaultKind
        && scan.spanKind instanceof String
        && OpenInferenceSpanKind.fromValue((String) scan.spanKind) == defaultKind) {
      return translatedKind;
    }
    return null;
  }

  /** Returns alternating keys and values to add, or null when there is nothing to add. */
  @Nullable
  private static List<Object> additions(
      GenAiTranslation translation,
      AttributeScan scan,
      Attributes attributes,
      @Nullable OpenInferenceSpanKind finalKind) {
    Map<String, Object> translated = translation.getAttributes();
    if (translated.isEmpty()) {
      return null;
    }
    Set<String> present = new HashSet<>(attributes.size() * 2);
    attributes.forEach((key, value) -> present.add(key.getKey()));
    List<Object> additions = null;
    for (Map.Entry<String, Object> entry : translated.entrySet()) {
      String name = entry.getKey();
      if (present.contains(name) || scan.listAlreadySet(name)) {
        continue;
      }
      if ((name.equals(LLM_PROVIDER) || name.equals(LLM_SYSTEM))
          && finalKind != OpenInferenceSpanKind.LLM) {
        continue;
      }
      AttributeKey<?> key = keyFor(name, entry.getValue());
      if (key == null) {
        continue;
      }
      if (additions == null) {
        additions = new ArrayList<>(translated.size() * 2);
      }
      additions.add(key);
      additions.add(entry.getValue());
    }
    return additions;
  }

  @Nullable
  private static AttributeKey<?> keyFor(String name, Object value) {
    if (value instanceof String) {
      return stringKey(name);
    }
    if (value instanceof Long) {
      return AttributeKey.longKey(name);
    }
    if (value instanceof Double) {
      return AttributeKey.doubleKey(name);
    }
    if (value instanceof Boolean) {
      return AttributeKey.booleanKey(name);
    }
    if (value instanceof List) {
      return AttributeKey.stringArrayKey(name);
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private SpanData rebuild(
      SpanData span,
      Attributes attributes,
      boolean mask,
      @Nullable OpenInferenceSpanKind newKind,
      boolean hadKind,
      @Nullable List<Object> additions,
      List<EventData> events) {
    AttributesBuilder builder = Attributes.builder();
    int[] dropped = {0};
    attributes.forEach(
        (key, value) -> {
          String name = key.getKey();
          if (newKind != null && name.equals(OPENINFERENCE_SPAN_KIND.getKey())) {
            return;
          }
          if (!mask) {
            builder.put((AttributeKey<Object>) key, value);
            return;
          }
          if (!put(builder, (AttributeKey<Object>) key, value, masker.actionFor(name, value))) {
            dropped[0]++;
          }
        });
    int added = 0;
    if (newKind != null) {
      builder.put(OPENINFERENCE_SPAN_KIND, newKind.getValue());
      if (!hadKind) {
        added++;
      }
    }
    if (additions != null) {
      for (int i = 0; i < additions.size(); i += 2) {
        // What the exporter adds is masked like everything else, and more: see
        // AttributeMasker.actionForTranslated.
        AttributeKey<Object> key = (AttributeKey<Object>) additions.get(i);
        Object value = additions.get(i + 1);
        if (put(builder, key, value, masker.actionForTranslated(key.getKey(), value, attributes))) {
          added++;
        }
      }
    }
    Attributes result = builder.build();
    int total = span.getTotalAttributeCount() - dropped[0] + added;
    return new TransformedSpanData(span, result, Math.max(total, result.size()), events);
  }

  /** Puts the attribute as masking's {@code action} says; returns false when it drops it. */
  private boolean put(
      AttributesBuilder builder, AttributeKey<Object> key, Object value, int action) {
    String name = key.getKey();
    switch (action) {
      case AttributeMasker.KEEP:
        builder.put(key, value);
        return true;
      case AttributeMasker.REDACT:
        builder.put(redactedKey(key), TraceConfig.REDACTED_VALUE);
        return true;
      case AttributeMasker.REWRITE:
        Object rewritten = masker.rewrite(name, value);
        if (rewritten == null) {
          return false;
        }
        builder.put(redactedKey(key), rewritten.toString());
        return true;
      default:
        return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static AttributeKey<String> redactedKey(AttributeKey<?> key) {
    return key.getType() == AttributeType.STRING
        ? (AttributeKey<String>) key
        : stringKey(key.getKey());
  }

  @Override
  public String toString() {
    return "SpanTransformer{masker="
        + masker
        + ", defaultKind="
        + defaultKind
        + ", bridge="
        + (bridge != null)
        + "}";
  }
}
