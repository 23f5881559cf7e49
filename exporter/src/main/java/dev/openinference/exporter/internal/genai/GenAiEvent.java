/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import io.opentelemetry.api.common.Attributes;
import javax.annotation.Nullable;

/**
 * One GenAI content event that belongs to a span: a span event, or a log record correlated to the
 * span by trace and span id. The body is already converted to plain Java values (Maps, Lists,
 * Strings, Numbers, Booleans); span events have none and carry everything in their attributes.
 *
 * <p>This class is internal and is not intended for public use.
 */
public final class GenAiEvent {

  private static final String EVALUATION_RESULT = "gen_ai.evaluation.result";

  private final String name;
  @Nullable private final String scopeName;
  @Nullable private final Object body;
  private final Attributes attributes;

  private GenAiEvent(
      String name, @Nullable String scopeName, @Nullable Object body, Attributes attributes) {
    this.name = name;
    this.scopeName = scopeName;
    this.body = body;
    this.attributes = attributes;
  }

  /** Returns an event named {@code name} with {@code body} (may be null) and {@code attributes}. */
  public static GenAiEvent create(String name, @Nullable Object body, Attributes attributes) {
    return new GenAiEvent(name, null, body, attributes);
  }

  /**
   * Returns an event named {@code name} emitted under the instrumentation scope {@code scopeName}
   * (which tells the dialect of its body), with {@code body} (may be null) and {@code attributes}.
   */
  public static GenAiEvent create(
      String name, @Nullable String scopeName, @Nullable Object body, Attributes attributes) {
    return new GenAiEvent(name, scopeName, body, attributes);
  }

  /**
   * Whether an event of this name carries GenAI content the translation reads; feedback ({@code
   * gen_ai.evaluation.result}) does not: it is about a span, not part of it.
   */
  public static boolean isContentEvent(@Nullable String name) {
    return name != null && name.startsWith("gen_ai.") && !name.equals(EVALUATION_RESULT);
  }

  public String getName() {
    return name;
  }

  /** The instrumentation scope the event was emitted under; null for span events. */
  @Nullable
  public String getScopeName() {
    return scopeName;
  }

  @Nullable
  public Object getBody() {
    return body;
  }

  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public String toString() {
    return "GenAiEvent{name=" + name + ", scope=" + scopeName + "}";
  }
}
