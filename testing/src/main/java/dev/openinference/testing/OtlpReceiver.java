/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OTLP trace receiver on the loopback interface, for tests and local development.
 *
 * <p>It listens on 127.0.0.1 with two endpoints: OTLP/HTTP protobuf ({@code POST /v1/traces},
 * optionally gzip-compressed) and OTLP/gRPC ({@code
 * opentelemetry.proto.collector.trace.v1.TraceService/Export}, plaintext HTTP/2, optionally
 * gzip-compressed messages). Point a real OTLP exporter at it and read back what went over the wire
 * as SDK {@link SpanData}:
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.create()) {
 *   SpanExporter exporter =
 *       OtlpHttpSpanExporter.builder().setEndpoint(receiver.getHttpTracesEndpoint()).build();
 *   ...
 *   List<SpanData> spans = receiver.awaitSpans(3, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>It can also misbehave like a real collector: {@link #failNext(int, int)} rejects requests so
 * exporter retries can be tested, {@link #setResponseDelay(Duration)} makes it slow.
 *
 * <p>OTLP/JSON is not supported: such requests are answered with {@code 415 Unsupported Media
 * Type}.
 *
 * <p>This class is thread-safe.
 */
public final class OtlpReceiver implements AutoCloseable {

  static final String TRACES_PATH = "/v1/traces";
  static final String LOGS_PATH = "/v1/logs";

  private final ReceiverState state;
  private final ExecutorService executor;
  private final HttpTracesServer httpServer;
  private final GrpcTracesServer grpcServer;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Starts a receiver on 127.0.0.1 with ephemeral ports for both endpoints.
   *
   * @return the running receiver; close it when done
   */
  public static OtlpReceiver create() {
    return builder().build();
  }

  /**
   * A builder to choose the ports; {@link OtlpReceiverBuilder#build()} starts the receiver.
   *
   * @return a new builder
   */
  public static OtlpReceiverBuilder builder() {
    return new OtlpReceiverBuilder();
  }

  static OtlpReceiver start(int httpPort, int grpcPort, boolean phoenixAnnotations) {
    ReceiverState state = new ReceiverState();
    state.phoenixAnnotations = phoenixAnnotations;
    ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreadFactory());
    HttpTracesServer http = null;
    try {
      // Not InetAddress.getLoopbackAddress(): that can be ::1, and the endpoints promise 127.0.0.1.
      InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
      http = HttpTracesServer.start(loopback, httpPort, state, executor);
      GrpcTracesServer grpc = GrpcTracesServer.start(loopback, grpcPort, state, executor);
      return new OtlpReceiver(state, executor, http, grpc);
    } catch (IOException | RuntimeException e) {
      if (http != null) {
        http.stop();
      }
      executor.shutdownNow();
      throw new IllegalStateException("Could not start the OTLP receiver: " + e, e);
    }
  }

  private OtlpReceiver(
      ReceiverState state,
      ExecutorService executor,
      HttpTracesServer httpServer,
      GrpcTracesServer grpcServer) {
    this.state = state;
    this.executor = executor;
    this.httpServer = httpServer;
    this.grpcServer = grpcServer;
  }

  /**
   * The OTLP/HTTP traces endpoint, {@code http://127.0.0.1:<port>/v1/traces}: what {@code
   * OtlpHttpSpanExporterBuilder.setEndpoint} and {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} take.
   *
   * @return the full traces URL of the HTTP endpoint
   */
  public String getHttpTracesEndpoint() {
    return getHttpEndpoint() + TRACES_PATH;
  }

  /**
   * The OTLP/HTTP base endpoint, {@code http://127.0.0.1:<port>}: what {@code
   * OTEL_EXPORTER_OTLP_ENDPOINT} takes with the {@code http/protobuf} protocol (the exporter
   * appends {@code /v1/traces}).
   *
   * @return the HTTP base URL, without a trailing slash
   */
  public String getHttpEndpoint() {
    return "http://127.0.0.1:" + httpServer.getPort();
  }

  /**
   * The OTLP/gRPC endpoint, {@code http://127.0.0.1:<port>}: what {@code
   * OtlpGrpcSpanExporterBuilder.setEndpoint} takes.
   *
   * @return the gRPC URL, without a trailing slash
   */
  public String getGrpcEndpoint() {
    return "http://127.0.0.1:" + grpcServer.getPort();
  }

  /** The port of the OTLP/HTTP endpoint. */
  int getHttpPort() {
    return httpServer.getPort();
  }

  /** The port of the OTLP/gRPC endpoint. */
  int getGrpcPort() {
    return grpcServer.getPort();
  }

  /**
   * The spans of all accepted requests so far, decoded from protobuf, in arrival order (within a
   * request, in the order they appear in it). A snapshot: later arrivals do not change it.
   *
   * @return an unmodifiable list of the received spans
   */
  public List<SpanData> getSpans() {
    return state.getSpans();
  }

  /**
   * Waits until at least {@code minCount} spans have been accepted and returns all spans received
   * so far.
   *
   * @param minCount how many accepted spans to wait for
   * @param timeout how long to wait at most
   * @return an unmodifiable list of all spans received so far; at least {@code minCount}
   * @throws AssertionError if they have not arrived within {@code timeout}; the message tells what
   *     did arrive
   */
  public List<SpanData> awaitSpans(int minCount, Duration timeout) {
    return state.awaitSpans(minCount, timeout);
  }

  /**
   * Every export request answered so far, accepted or not, in the order they were answered. A
   * snapshot: later arrivals do not change it.
   *
   * @return an unmodifiable list of the requests, oldest first
   */
  public List<ReceivedRequest> getRequests() {
    return state.getRequests();
  }

  /**
   * Makes the next {@code times} export requests fail with {@code httpStatus}; their spans are not
   * recorded. Replaces an earlier {@code failNext}.
   *
   * <p>Over HTTP the status is answered as is, with a {@code google.rpc.Status} protobuf body. Over
   * gRPC it maps to a gRPC status: 429, 502, 503 and 504 to {@code UNAVAILABLE} (which OTLP
   * exporters retry), 400 to {@code INVALID_ARGUMENT}, 401 to {@code UNAUTHENTICATED}, 403 to
   * {@code PERMISSION_DENIED}, 404 to {@code NOT_FOUND}, 409 to {@code ABORTED}, 413 to {@code
   * RESOURCE_EXHAUSTED}, 499 to {@code CANCELLED}, 500 to {@code INTERNAL}, 501 to {@code
   * UNIMPLEMENTED}, anything else to {@code UNKNOWN}.
   *
   * @param times how many requests to fail; 0 cancels a pending {@code failNext}
   * @param httpStatus an HTTP error status, 400..599
   * @throws IllegalArgumentException if {@code times} is negative or {@code httpStatus} is not an
   *     error status (a mistake in the test, so it fails loudly)
   */
  public void failNext(int times, int httpStatus) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative: " + times);
    }
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be in 400..599: " + httpStatus);
    }
    state.failNext(times, httpStatus);
  }

  /**
   * Waits {@code delay} before answering each request, like a slow collector. Spans of an accepted
   * request are recorded when the answer is sent, whether or not the client is still waiting.
   * {@link Duration#ZERO} turns the delay off.
   *
   * @param delay how long to hold each answer, not negative
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public void setResponseDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    state.setResponseDelay(delay);
  }

  /**
   * The OTLP/HTTP logs endpoint, {@code http://127.0.0.1:<port>/v1/logs}: what {@code
   * OtlpHttpLogRecordExporterBuilder.setEndpoint} and {@code OTEL_EXPORTER_OTLP_LOGS_ENDPOINT}
   * take.
   *
   * @return the full logs URL of the HTTP endpoint
   */
  public String getHttpLogsEndpoint() {
    return getHttpEndpoint() + LOGS_PATH;
  }

  /**
   * The log records received over OTLP/HTTP so far, in arrival order. A snapshot.
   *
   * @return an unmodifiable list of the received log records
   */
  public List<ReceivedLogRecord> getLogRecords() {
    return state.getLogRecords();
  }

  /**
   * Waits until at least {@code minCount} log records have arrived and returns all received so far.
   *
   * @param minCount how many log records to wait for
   * @param timeout how long to wait at most
   * @return an unmodifiable list of all log records received so far
   * @throws AssertionError if they have not arrived within {@code timeout}
   */
  public List<ReceivedLogRecord> awaitLogRecords(int minCount, Duration timeout) {
    return state.awaitLogRecords(minCount, timeout);
  }

  /**
   * The annotations accepted so far on Phoenix's annotation routes ({@code POST
   * /v1/span_annotations}, {@code /v1/trace_annotations}, {@code /v1/session_annotations} at {@link
   * #getHttpEndpoint()}), in arrival order. Every body is checked against Phoenix's published
   * request schema first; a body that fails is answered 422 and listed in {@link
   * #getAnnotationViolations()} instead. A snapshot.
   *
   * @return an unmodifiable list of the accepted annotations
   */
  public List<ReceivedAnnotation> getAnnotations() {
    return state.annotations.getAnnotations();
  }

  /**
   * Waits until at least {@code minCount} annotations have been accepted and returns all so far.
   *
   * @param minCount how many annotations to wait for
   * @param timeout how long to wait at most
   * @return an unmodifiable list of all accepted annotations
   * @throws AssertionError if they have not arrived within {@code timeout}; the message names the
   *     schema violations seen
   */
  public List<ReceivedAnnotation> awaitAnnotations(int minCount, Duration timeout) {
    return state.annotations.await(minCount, timeout);
  }

  /**
   * What was wrong with annotation request bodies that failed Phoenix's schema.
   *
   * @return an unmodifiable list of violations, one line each; empty when every body was valid
   */
  public List<String> getAnnotationViolations() {
    return state.annotations.getViolations();
  }

  /**
   * How many requests reached the annotation routes, answered or failed.
   *
   * @return the number of annotation requests
   */
  public int getAnnotationRequestCount() {
    return state.annotations.getRequestCount();
  }

  /**
   * Makes the next {@code times} annotation requests fail with {@code httpStatus}.
   *
   * @param times how many requests to fail; 0 cancels a pending failure
   * @param httpStatus an HTTP error status, 400..599
   * @throws IllegalArgumentException if {@code times} is negative or the status is not an error
   */
  public void failNextAnnotations(int times, int httpStatus) {
    if (times < 0 || httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException(
          "bad failNextAnnotations(" + times + ", " + httpStatus + ")");
    }
    state.annotations.failNext(times, httpStatus);
  }

  /** Forgets received spans and requests, pending failures and the response delay. */
  public void reset() {
    state.reset();
  }

  /** Stops both endpoints. Received spans and requests stay readable. Closing twice is a no-op. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    grpcServer.stop();
    httpServer.stop();
    // Interrupts requests waiting out a response delay.
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int delayedRequests() {
    return state.delayedRequests();
  }

  @Override
  public String toString() {
    return "OtlpReceiver{http="
        + getHttpTracesEndpoint()
        + ", grpc="
        + getGrpcEndpoint()
        + ", spans="
        + state.spanCount()
        + ", requests="
        + state.requestCount()
        + (closed.get() ? ", closed" : "")
        + "}";
  }

  private static final class DaemonThreadFactory implements ThreadFactory {
    private static final AtomicInteger RECEIVERS = new AtomicInteger();
    private final int receiver = RECEIVERS.incrementAndGet();
    private final AtomicInteger threads = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t =
          new Thread(r, "otlp-receiver-" + receiver + "-worker-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
