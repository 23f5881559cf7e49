/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import javax.annotation.Nullable;

/**
 * The OpenInference span kinds, the values of {@link SemanticConventions#OPENINFERENCE_SPAN_KIND}.
 *
 * <p>Backends such as Phoenix and Arize use the kind to pick how a span is shown (an LLM call with
 * its messages and token counts, a retriever with its documents, an agent as a turn of a
 * conversation).
 */
public enum OpenInferenceSpanKind {
  /** A call to a large language model. */
  LLM("LLM"),
  /** A call to an embedding model. */
  EMBEDDING("EMBEDDING"),
  /** A link between steps of an application, or its entry point; the default kind. */
  CHAIN("CHAIN"),
  /** A lookup of documents, typically from a vector store. */
  RETRIEVER("RETRIEVER"),
  /** A re-ordering of documents by relevance. */
  RERANKER("RERANKER"),
  /** A call to a tool or function, often chosen by an LLM. */
  TOOL("TOOL"),
  /** An agent's reasoning loop, usually one turn of a conversation. */
  AGENT("AGENT"),
  /** A check that guards inputs or outputs, such as a jailbreak detector. */
  GUARDRAIL("GUARDRAIL"),
  /** An evaluation of a model's output. */
  EVALUATOR("EVALUATOR"),
  /** The rendering of a prompt template. */
  PROMPT("PROMPT"),
  /** A span whose kind is not known. */
  UNKNOWN("UNKNOWN");

  private static final OpenInferenceSpanKind[] VALUES = values();

  private final String value;

  OpenInferenceSpanKind(String value) {
    this.value = value;
  }

  /**
   * Returns the wire value, the upper-case string stored in the span attribute.
   *
   * @return the value of {@code openinference.span.kind}, for example {@code "LLM"}, never null
   */
  public String getValue() {
    return value;
  }

  /**
   * Returns the kind whose wire value is {@code value}, ignoring case and surrounding white space,
   * or {@code null} when {@code value} is null or names no kind.
   *
   * @param value the wire value to look up, for example {@code "llm"}; may be null
   * @return the matching kind, or {@code null} when there is none
   */
  @Nullable
  public static OpenInferenceSpanKind fromValue(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    for (OpenInferenceSpanKind kind : VALUES) {
      if (kind.value.equalsIgnoreCase(trimmed)) {
        return kind;
      }
    }
    return null;
  }

  /**
   * Returns the kind whose wire value is {@code value}, ignoring case, or {@link #UNKNOWN} when
   * {@code value} is null or names no kind.
   *
   * @param value the wire value to look up, for example {@code "llm"}; may be null
   * @return the matching kind, never null
   */
  public static OpenInferenceSpanKind fromValueOrUnknown(@Nullable String value) {
    OpenInferenceSpanKind kind = fromValue(value);
    return kind == null ? UNKNOWN : kind;
  }
}
