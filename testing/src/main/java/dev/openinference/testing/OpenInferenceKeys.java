/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The OpenInference attributes the session view reads. Kept here rather than taken from
 * openinference-semconv so that this test utility stays independent of the code it checks.
 */
final class OpenInferenceKeys {

  static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");
  static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");
  static final AttributeKey<List<String>> TAG_TAGS = AttributeKey.stringArrayKey("tag.tags");
  static final AttributeKey<String> SPAN_KIND = AttributeKey.stringKey("openinference.span.kind");
  static final AttributeKey<String> INPUT_VALUE = AttributeKey.stringKey("input.value");
  static final AttributeKey<String> OUTPUT_VALUE = AttributeKey.stringKey("output.value");
  static final AttributeKey<String> LLM_MODEL_NAME = AttributeKey.stringKey("llm.model_name");
  static final AttributeKey<Long> TOKEN_COUNT_PROMPT =
      AttributeKey.longKey("llm.token_count.prompt");
  static final AttributeKey<Long> TOKEN_COUNT_COMPLETION =
      AttributeKey.longKey("llm.token_count.completion");
  static final AttributeKey<Long> TOKEN_COUNT_TOTAL = AttributeKey.longKey("llm.token_count.total");

  private OpenInferenceKeys() {}
}
