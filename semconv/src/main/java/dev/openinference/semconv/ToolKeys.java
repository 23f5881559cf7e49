/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_JSON_SCHEMA;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;

import io.opentelemetry.api.common.AttributeKey;
import javax.annotation.Nullable;

/**
 * The flattened keys of one tool advertised to a model, {@code llm.tools.<i>}; obtain them from
 * {@link SemanticConventions#llmTool(int)}.
 *
 * <p>Instances are immutable. A negative index makes every key empty-named, and OpenTelemetry drops
 * attributes with an empty name.
 */
public final class ToolKeys extends FlatKeyGroup {

  private ToolKeys(@Nullable String prefix) {
    super(prefix);
  }

  static ToolKeys create(String list, int index) {
    return new ToolKeys(FlatKeys.element(list, index));
  }

  /**
   * Returns {@code <prefix>.tool.name}.
   *
   * @return the string key of the tool's name as advertised to the model; empty-named when the
   *     index was negative
   */
  public AttributeKey<String> name() {
    return FlatKeys.leaf(prefix, TOOL_NAME);
  }

  /**
   * Returns {@code <prefix>.tool.description}.
   *
   * @return the string key of the tool's description as advertised to the model; empty-named when
   *     the index was negative
   */
  public AttributeKey<String> description() {
    return FlatKeys.leaf(prefix, TOOL_DESCRIPTION);
  }

  /**
   * Returns {@code <prefix>.tool.json_schema}, a JSON string.
   *
   * @return the string key of the tool's parameter JSON schema; empty-named when the index was
   *     negative
   */
  public AttributeKey<String> jsonSchema() {
    return FlatKeys.leaf(prefix, TOOL_JSON_SCHEMA);
  }
}
