/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import io.micrometer.observation.Observation;

/**
 * Writes the OpenInference attributes of one kind of Spring AI observation onto its span. Each kind
 * lives in its own class so that a context type whose Spring AI module is absent (the chat
 * client's, without {@code spring-ai-client-chat}) is never loaded.
 */
interface ContextWriter {

  /** True when this writer handles {@code context}. */
  boolean supports(Observation.Context context);

  /** Called once the span exists, before the observed call runs. */
  void onStart(Observation.Context context, SpanAttributes out);

  /** Called when the observed call has returned or failed, before the span ends. */
  void onStop(Observation.Context context, SpanAttributes out);
}
