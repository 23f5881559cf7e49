/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.turns;

import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * What turn filling keeps of one exported span until its root is exported: its place in the tree,
 * its kind rank and times, and the values a turn could take from it (already translated and
 * masked). Nothing else of the span is retained.
 */
final class SpanRecord {

  /** AGENT and CHAIN spans speak for the turn: their values beat a model call's. */
  static final int RANK_AGENT_OR_CHAIN = 0;

  /** Model calls come next: their messages hold the user's question and the answer. */
  static final int RANK_MODEL_CALL = 1;

  /** Tools, retrievers and the rest carry arguments and results, not the conversation. */
  static final int RANK_OTHER = 2;

  private static final String INPUT_PREFIX = SemanticConventions.LLM_INPUT_MESSAGES + ".";
  private static final String OUTPUT_PREFIX = SemanticConventions.LLM_OUTPUT_MESSAGES + ".";
  private static final String ROLE = SemanticConventions.MESSAGE_ROLE.getKey();
  private static final String CONTENT = SemanticConventions.MESSAGE_CONTENT.getKey();
  private static final String CONTENTS_PREFIX = SemanticConventions.MESSAGE_CONTENTS + ".";
  private static final String TEXT_SUFFIX = "." + SemanticConventions.MESSAGE_CONTENT_TEXT.getKey();

  final String spanId;

  /** The local parent's span id; null for a root (no parent, or a remote one). */
  @Nullable final String parentSpanId;

  final int rank;
  final long startEpochNanos;
  final long endEpochNanos;
  @Nullable final String inputValue;
  @Nullable final String inputMimeType;
  @Nullable final String outputValue;
  @Nullable final String outputMimeType;

  /** A model call's last user message. */
  @Nullable final String userText;

  /** A model call's final assistant text. */
  @Nullable final String assistantText;

  private SpanRecord(
      String spanId,
      @Nullable String parentSpanId,
      int rank,
      long startEpochNanos,
      long endEpochNanos,
      @Nullable String inputValue,
      @Nullable String inputMimeType,
      @Nullable String outputValue,
      @Nullable String outputMimeType,
      @Nullable String userText,
      @Nullable String assistantText) {
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.rank = rank;
    this.startEpochNanos = startEpochNanos;
    this.endEpochNanos = endEpochNanos;
    this.inputValue = inputValue;
    this.inputMimeType = inputMimeType;
    this.outputValue = outputValue;
    this.outputMimeType = outputMimeType;
    this.userText = userText;
    this.assistantText = assistantText;
  }

  /** A span is a turn's root when it has no parent or its parent is in another process. */
  static boolean isRoot(SpanData span) {
    SpanContext parent = span.getParentSpanContext();
    return !parent.isValid() || parent.isRemote();
  }

  static SpanRecord of(SpanData span) {
    Attributes attributes = span.getAttributes();
    String kind = attributes.get(SemanticConventions.OPENINFERENCE_SPAN_KIND);
    OpenInferenceSpanKind parsed = kind == null ? null : OpenInferenceSpanKind.fromValue(kind);
    int rank;
    if (parsed == OpenInferenceSpanKind.AGENT || parsed == OpenInferenceSpanKind.CHAIN) {
      rank = RANK_AGENT_OR_CHAIN;
    } else if (parsed == OpenInferenceSpanKind.LLM) {
      rank = RANK_MODEL_CALL;
    } else {
      rank = RANK_OTHER;
    }
    String userText = null;
    String assistantText = null;
    if (rank == RANK_MODEL_CALL) {
      userText = lastText(attributes, INPUT_PREFIX, "user");
      assistantText = lastText(attributes, OUTPUT_PREFIX, "assistant");
    }
    return new SpanRecord(
        span.getSpanId(),
        isRoot(span) ? null : span.getParentSpanId(),
        rank,
        span.getStartEpochNanos(),
        span.getEndEpochNanos(),
        nonBlank(attributes.get(SemanticConventions.INPUT_VALUE)),
        attributes.get(SemanticConventions.INPUT_MIME_TYPE),
        nonBlank(attributes.get(SemanticConventions.OUTPUT_VALUE)),
        attributes.get(SemanticConventions.OUTPUT_MIME_TYPE),
        userText,
        assistantText);
  }

  /** Whether this span could give a turn anything. */
  boolean hasValues() {
    return inputValue != null || outputValue != null || userText != null || assistantText != null;
  }

  /** The characters of the values held, for the overall budget. */
  long valueChars() {
    return length(inputValue) + length(outputValue) + length(userText) + length(assistantText);
  }

  /** This record without its values, kept for its place in the tree when the budget is spent. */
  SpanRecord withoutValues() {
    return new SpanRecord(
        spanId,
        parentSpanId,
        rank,
        startEpochNanos,
        endEpochNanos,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The text of the last message of {@code role} in the flattened list under {@code prefix}: its
   * {@code message.content}, else its text parts joined by new lines; null when none has text.
   */
  @Nullable
  static String lastText(Attributes attributes, String prefix, String role) {
    TreeMap<Integer, String[]> messages = new TreeMap<>();
    attributes.forEach(
        (key, value) -> {
          String name = key.getKey();
          if (!name.startsWith(prefix) || !(value instanceof String)) {
            return;
          }
          int dot = name.indexOf('.', prefix.length());
          if (dot < 0) {
            return;
          }
          Integer index = parseIndex(name, prefix.length(), dot);
          if (index == null) {
            return;
          }
          String rest = name.substring(dot + 1);
          String[] message = messages.get(index);
          if (message == null) {
            // role, content, text parts (in part order, see below)
            message = new String[3];
            messages.put(index, message);
          }
          if (rest.equals(ROLE)) {
            message[0] = (String) value;
          } else if (rest.equals(CONTENT)) {
            message[1] = (String) value;
          } else if (rest.startsWith(CONTENTS_PREFIX) && rest.endsWith(TEXT_SUFFIX)) {
            message[2] = message[2] == null ? (String) value : message[2] + "\n" + value;
          }
        });
    for (Map.Entry<Integer, String[]> entry : messages.descendingMap().entrySet()) {
      String[] message = entry.getValue();
      if (message[0] == null || !message[0].equalsIgnoreCase(role)) {
        continue;
      }
      String text = nonBlank(message[1]);
      if (text == null) {
        text = nonBlank(message[2]);
      }
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  @Nullable
  private static Integer parseIndex(String name, int from, int to) {
    if (to == from || to - from > 6) {
      return null;
    }
    int index = 0;
    for (int i = from; i < to; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      index = index * 10 + (c - '0');
    }
    return index;
  }

  @Nullable
  private static String nonBlank(@Nullable String value) {
    return value == null || value.trim().isEmpty() ? null : value;
  }

  private static long length(@Nullable String value) {
    return value == null ? 0 : value.length();
  }

  @Override
  public String toString() {
    return "SpanRecord{spanId="
        + spanId
        + ", parentSpanId="
        + parentSpanId
        + ", rank="
        + rank
        + "}";
  }
}
