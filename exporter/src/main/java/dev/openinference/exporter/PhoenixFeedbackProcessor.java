/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.internal.feedback.Annotation;
import dev.openinference.exporter.internal.feedback.AnnotationSender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LogRecordProcessor} that delivers the feedback recorded with {@code
 * OpenInferenceFeedback} (log records of the event {@code gen_ai.evaluation.result}) to Phoenix's
 * REST API as span, trace and session annotations ({@code POST /v1/span_annotations}, {@code
 * /v1/trace_annotations}, {@code /v1/session_annotations}). Other records are ignored.
 *
 * <p>{@link OpenInferenceOtel}, SDK autoconfigure, declarative configuration and the javaagent
 * extension add one by themselves, sending to the traces endpoint's base URL with the traces'
 * headers and API key. An SDK built by hand adds it to its logger provider:
 *
 * <pre>{@code
 * SdkLoggerProvider.builder()
 *     .addLogRecordProcessor(
 *         PhoenixFeedbackProcessor.builder().setEndpoint("http://localhost:6006").build())
 * }</pre>
 *
 * <p>Delivery runs on a daemon thread: the application thread only queues the record (bounded; when
 * full, feedback is dropped with a warning). Batches of up to 100 are sent; connection errors, 429
 * and 5xx are retried with exponential backoff (five attempts), other rejections are named in a
 * rate-limited warning. A backend that answers 404 (not Phoenix) is named once and not tried again.
 * {@link #shutdown()} sends what is queued, waiting at most the shutdown timeout.
 */
public final class PhoenixFeedbackProcessor implements LogRecordProcessor {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(PhoenixFeedbackProcessor.class);

  private final AnnotationSender sender;

  PhoenixFeedbackProcessor(AnnotationSender sender) {
    this.sender = sender;
  }

  /**
   * Returns a processor that sends to Phoenix at {@code endpoint} with no headers.
   *
   * @param endpoint Phoenix's base URL, for example {@code http://localhost:6006}; a URL ending in
   *     {@code /v1/traces} is taken as its traces endpoint and the suffix dropped
   * @return the processor, never null
   */
  public static PhoenixFeedbackProcessor create(String endpoint) {
    return builder().setEndpoint(endpoint).build();
  }

  /**
   * Returns a builder.
   *
   * @return a new builder; without {@link PhoenixFeedbackProcessorBuilder#setEndpoint} it sends to
   *     {@code http://localhost:6006}
   */
  public static PhoenixFeedbackProcessorBuilder builder() {
    return new PhoenixFeedbackProcessorBuilder();
  }

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    try {
      if (!Annotation.isFeedback(logRecord.getEventName(), logRecord::getAttribute)) {
        return;
      }
      String[] problem = new String[1];
      Annotation annotation =
          Annotation.read(
              logRecord.getSpanContext(),
              key -> logRecord.getAttribute((AttributeKey<?>) key),
              problem);
      if (annotation == null) {
        logger.warning("Feedback not sent to Phoenix: " + problem[0]);
        return;
      }
      sender.offer(annotation);
    } catch (RuntimeException e) {
      logger.warning("Feedback not sent to Phoenix: unreadable log record: " + e);
    }
  }

  /**
   * Waits until the feedback queued so far has been sent (or given up), at most 10 seconds.
   *
   * @return the result; a failure when the wait ran out
   */
  @Override
  public CompletableResultCode forceFlush() {
    return sender.flush(10, TimeUnit.SECONDS);
  }

  /**
   * Sends what is queued within the shutdown timeout, then stops the delivery thread.
   *
   * @return the result, completed when the thread has stopped
   */
  @Override
  public CompletableResultCode shutdown() {
    return sender.shutdown();
  }

  @Override
  public String toString() {
    return "PhoenixFeedbackProcessor{" + sender + "}";
  }
}
