/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs an {@link OtlpReceiver} for a test class or for each test.
 *
 * <p>In a static field, one receiver serves the whole class and is reset before each test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();
 *
 * @Test
 * void exportsOverHttp() {
 *   // point an exporter at otlp.getHttpTracesEndpoint() ...
 *   assertThat(otlp.awaitSpans(1, Duration.ofSeconds(10))).hasSize(1);
 * }
 * }</pre>
 *
 * <p>In an instance field, each test gets a receiver of its own, closed after the test.
 *
 * <p>The receiver starts when JUnit first calls the extension, or earlier on the first call to
 * {@link #getReceiver()} (for example from a static initialiser that needs the endpoint).
 */
public final class OtlpReceiverExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  @Nullable private OtlpReceiver receiver;
  private boolean perClass;

  /**
   * Creates the extension; register it with {@code @RegisterExtension}.
   *
   * @return a new extension; its receiver starts on first use and is closed after the class (in a
   *     static field) or after each test (in an instance field)
   */
  public static OtlpReceiverExtension create() {
    return new OtlpReceiverExtension();
  }

  private OtlpReceiverExtension() {}

  /**
   * The running receiver, started if it is not yet.
   *
   * @return the receiver, never null
   */
  public synchronized OtlpReceiver getReceiver() {
    if (receiver == null) {
      receiver = OtlpReceiver.create();
    }
    return receiver;
  }

  /**
   * See {@link OtlpReceiver#getHttpTracesEndpoint()}.
   *
   * @return the full traces URL of the receiver's HTTP endpoint
   */
  public String getHttpTracesEndpoint() {
    return getReceiver().getHttpTracesEndpoint();
  }

  /**
   * See {@link OtlpReceiver#getHttpEndpoint()}.
   *
   * @return the receiver's HTTP base URL, without a trailing slash
   */
  public String getHttpEndpoint() {
    return getReceiver().getHttpEndpoint();
  }

  /**
   * See {@link OtlpReceiver#getGrpcEndpoint()}.
   *
   * @return the receiver's gRPC URL, without a trailing slash
   */
  public String getGrpcEndpoint() {
    return getReceiver().getGrpcEndpoint();
  }

  /**
   * See {@link OtlpReceiver#getSpans()}.
   *
   * @return an unmodifiable list of the received spans
   */
  public List<SpanData> getSpans() {
    return getReceiver().getSpans();
  }

  /**
   * See {@link OtlpReceiver#awaitSpans(int, Duration)}.
   *
   * @param minCount how many accepted spans to wait for
   * @param timeout how long to wait at most
   * @return an unmodifiable list of all spans received so far; at least {@code minCount}
   */
  public List<SpanData> awaitSpans(int minCount, Duration timeout) {
    return getReceiver().awaitSpans(minCount, timeout);
  }

  /**
   * See {@link OtlpReceiver#getRequests()}.
   *
   * @return an unmodifiable list of the requests, oldest first
   */
  public List<ReceivedRequest> getRequests() {
    return getReceiver().getRequests();
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    // Only a static field's extension (or one of a PER_CLASS test instance) sees beforeAll.
    perClass = true;
    getReceiver();
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    if (receiver != null && perClass) {
      receiver.reset();
    } else {
      getReceiver();
    }
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    if (!perClass) {
      closeReceiver();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    closeReceiver();
    perClass = false;
  }

  private void closeReceiver() {
    if (receiver != null) {
      receiver.close();
      receiver = null;
    }
  }

  @Override
  public synchronized String toString() {
    return "OtlpReceiverExtension{receiver=" + receiver + ", perClass=" + perClass + "}";
  }
}
