/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.genai;

import io.opentelemetry.sdk.logs.LogRecordProcessor;

/**
 * Joins GenAI log-record events ({@code gen_ai.user.message}, {@code gen_ai.choice}, ...) onto the
 * span they belong to before export. {@code OpenInferenceOtel} puts {@link #logRecordProcessor()}
 * in its logger provider.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class GenAiEventsBridge {

  /** Returns the processor that hands GenAI log-record events to the span export. */
  public static LogRecordProcessor logRecordProcessor() {
    // Replaced by the lead's implementation (issue 8, item 2); until then, records are dropped.
    return LogRecordProcessor.composite();
  }

  private GenAiEventsBridge() {}
}
