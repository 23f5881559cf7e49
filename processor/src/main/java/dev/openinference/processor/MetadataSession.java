/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;

import dev.openinference.context.internal.ContextValues;
import dev.openinference.semconv.internal.GenAiAttributes;
import io.opentelemetry.sdk.trace.ReadableSpan;
import javax.annotation.Nullable;

/**
 * The session of a span that no scope and no process-level setting gives one, at start: the span's
 * own {@code session.id} is kept, then its {@code gen_ai.conversation.id}, then the id the stamped
 * metadata names under {@code session_id}, {@code thread_id} or {@code conversation_id}. The
 * metadata lookup is done once per scope ({@link ContextValues#getMetadataSessionId}), and the span
 * is read only when the metadata names a session, so other spans pay one field read.
 */
final class MetadataSession {

  private MetadataSession() {}

  /** Returns the session id to stamp, or null to leave the span's session as it is. */
  @Nullable
  static String atStart(ReadableSpan span, ContextValues scoped, @Nullable ContextValues fallback) {
    ContextValues metadataSource =
        scoped.getMetadataJson() != null || fallback == null ? scoped : fallback;
    String fromMetadata = metadataSource.getMetadataSessionId();
    if (fromMetadata == null || span.getAttribute(SESSION_ID) != null) {
      return null;
    }
    String conversation = span.getAttribute(GenAiAttributes.GEN_AI_CONVERSATION_ID);
    return conversation != null && !conversation.trim().isEmpty() ? conversation : fromMetadata;
  }
}
