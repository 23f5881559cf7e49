/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import dev.openinference.context.internal.JsonEncoder;
import io.opentelemetry.api.common.Attributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds {@code llm.invocation_parameters} from the GenAI request attributes: {@code
 * gen_ai.request.model} becomes {@code "model"}, every other {@code gen_ai.request.<name>} (and
 * {@code gen_ai.openai.request.<name>}) becomes {@code "<name>"} with dots turned into underscores,
 * so {@code gen_ai.request.max_tokens} is {@code "max_tokens"} and {@code
 * gen_ai.request.choice.count} is {@code "choice_count"}.
 */
final class InvocationParameters {

  private static final String REQUEST = "gen_ai.request.";
  private static final String OPENAI_REQUEST = "gen_ai.openai.request.";

  static boolean isRequestParameter(String name) {
    return name.startsWith(REQUEST) || name.startsWith(OPENAI_REQUEST);
  }

  /** Returns the JSON object of the request parameters in {@code attributes}. */
  static String toJson(Attributes attributes) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    attributes.forEach(
        (key, value) -> {
          String name = key.getKey();
          String parameter;
          if (name.startsWith(REQUEST)) {
            parameter = name.substring(REQUEST.length());
          } else if (name.startsWith(OPENAI_REQUEST)) {
            parameter = name.substring(OPENAI_REQUEST.length());
          } else {
            return;
          }
          parameter = parameter.replace('.', '_');
          // The generic gen_ai.request.* value wins over the vendor-specific one.
          if (name.startsWith(REQUEST) || !parameters.containsKey(parameter)) {
            parameters.put(parameter, AttributeValues.toJsonValue(value));
          }
        });
    return JsonEncoder.toJson(parameters);
  }

  private InvocationParameters() {}
}
