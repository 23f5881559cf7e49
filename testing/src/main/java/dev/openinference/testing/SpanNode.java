/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/** One span of a {@link SessionView}, with its children in start-time order. */
public final class SpanNode {

  private final SpanData span;
  private final List<SpanNode> children;
  private final TokenCounts tokenCounts;
  private final TokenCounts subtreeTokenCounts;
  private final int subtreeSize;

  SpanNode(SpanData span, List<SpanNode> children) {
    this.span = span;
    this.children = Collections.unmodifiableList(new ArrayList<>(children));
    this.tokenCounts = TokenCounts.of(span);
    TokenCounts below = TokenCounts.none();
    int size = 1;
    for (SpanNode child : children) {
      below = below.plus(child.subtreeTokenCounts);
      size += child.subtreeSize;
    }
    // A parent that reports its children's tokens again is not counted twice.
    this.subtreeTokenCounts = below.isPresent() ? below : tokenCounts;
    this.subtreeSize = size;
  }

  /**
   * The span itself.
   *
   * @return the span as received, never null
   */
  public SpanData getSpan() {
    return span;
  }

  /**
   * The span name.
   *
   * @return the name, never null
   */
  public String getName() {
    return span.getName();
  }

  /**
   * {@code openinference.span.kind}, for example {@code LLM}, or {@code null}.
   *
   * @return the kind, or {@code null} when the span has none
   */
  @Nullable
  public String getSpanKind() {
    return span.getAttributes().get(OpenInferenceKeys.SPAN_KIND);
  }

  /**
   * {@code session.id}, or {@code null}.
   *
   * @return the session id, or {@code null} when the span has none
   */
  @Nullable
  public String getSessionId() {
    return span.getAttributes().get(OpenInferenceKeys.SESSION_ID);
  }

  /**
   * {@code user.id}, or {@code null}.
   *
   * @return the user id, or {@code null} when the span has none
   */
  @Nullable
  public String getUserId() {
    return span.getAttributes().get(OpenInferenceKeys.USER_ID);
  }

  /**
   * {@code tag.tags}; empty when absent.
   *
   * @return an unmodifiable list of the tags, in attribute order
   */
  public List<String> getTags() {
    List<String> tags = span.getAttributes().get(OpenInferenceKeys.TAG_TAGS);
    return tags == null ? Collections.<String>emptyList() : tags;
  }

  /**
   * {@code input.value}, or {@code null}.
   *
   * @return the input text, or {@code null} when the span has none
   */
  @Nullable
  public String getInput() {
    return span.getAttributes().get(OpenInferenceKeys.INPUT_VALUE);
  }

  /**
   * {@code output.value}, or {@code null}.
   *
   * @return the output text, or {@code null} when the span has none
   */
  @Nullable
  public String getOutput() {
    return span.getAttributes().get(OpenInferenceKeys.OUTPUT_VALUE);
  }

  /**
   * The token counts this span reports itself.
   *
   * @return this span's own {@code llm.token_count.*}, not those of its children
   */
  public TokenCounts getTokenCounts() {
    return tokenCounts;
  }

  /**
   * The tokens of this span and its descendants, each counted once: a span's own counts count only
   * when no descendant reports any (parents that aggregate their children are not added twice).
   */
  TokenCounts getSubtreeTokenCounts() {
    return subtreeTokenCounts;
  }

  /**
   * The child spans, in start-time order.
   *
   * @return an unmodifiable list of the children, empty for a leaf
   */
  public List<SpanNode> getChildren() {
    return children;
  }

  /** The number of spans in this subtree, this one included. */
  int getSubtreeSize() {
    return subtreeSize;
  }

  /** End minus start, in nanoseconds. */
  long getDurationNanos() {
    return span.getEndEpochNanos() - span.getStartEpochNanos();
  }

  @Override
  public String toString() {
    return "SpanNode{name="
        + getName()
        + ", kind="
        + getSpanKind()
        + ", spanId="
        + span.getSpanId()
        + ", children="
        + children.size()
        + "}";
  }
}
