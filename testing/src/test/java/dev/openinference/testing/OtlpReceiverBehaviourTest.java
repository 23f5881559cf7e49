/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Failure injection, slowness, reset and close, with the real OTLP exporters. */
class OtlpReceiverBehaviourTest {

  private static final AtomicLong IDS = new AtomicLong(1);

  private final OtlpReceiver receiver = OtlpReceiver.create();

  /** The OTLP exporters' own log: these tests make exports fail on purpose. */
  private final Logger otelLogger = Logger.getLogger("io.opentelemetry");

  private final List<LogRecord> exporterLog = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          exporterLog.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureTheExportersLog() {
    otelLogger.setUseParentHandlers(false);
    otelLogger.addHandler(capture);
  }

  @AfterEach
  void closeReceiver() {
    receiver.close();
    otelLogger.removeHandler(capture);
    otelLogger.setUseParentHandlers(true);
    // Captured, not printed; and nothing but the failed exports these tests provoke.
    assertThat(exporterLog)
        .allSatisfy(record -> assertThat(record.getMessage()).startsWith("Failed to export"));
  }

  @ParameterizedTest
  @EnumSource(ReceivedRequest.Transport.class)
  void retryableFailureIsRetriedByTheDefaultPolicyAndDeliveredOnce(
      ReceivedRequest.Transport transport) {
    receiver.failNext(1, 503);
    SpanExporter exporter = exporter(transport, RetryPolicy.getDefault(), Duration.ofSeconds(10));

    CompletableResultCode result = exporter.export(Collections.singletonList(span("retried")));

    assertThat(result.join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    List<ReceivedRequest> requests = receiver.getRequests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).isAccepted()).isFalse();
    assertThat(requests.get(0).getResponseStatus())
        .isEqualTo(transport == ReceivedRequest.Transport.HTTP ? "503" : "UNAVAILABLE");
    assertThat(requests.get(0).getSpanCount()).isEqualTo(1);
    assertThat(requests.get(1).isAccepted()).isTrue();
    assertThat(receiver.getSpans()).extracting(SpanData::getName).containsExactly("retried");
    exporter.shutdown();
  }

  @ParameterizedTest
  @EnumSource(ReceivedRequest.Transport.class)
  void nonRetryableFailureFailsTheExportOnce(ReceivedRequest.Transport transport) {
    receiver.failNext(1, 400);
    SpanExporter exporter = exporter(transport, RetryPolicy.getDefault(), Duration.ofSeconds(10));

    CompletableResultCode failed = exporter.export(Collections.singletonList(span("rejected")));
    assertThat(failed.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
    assertThat(receiver.getRequests())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getResponseStatus())
                    .isEqualTo(
                        transport == ReceivedRequest.Transport.HTTP ? "400" : "INVALID_ARGUMENT"));
    assertThat(receiver.getSpans()).isEmpty();

    // The failure was used up: the next export goes through.
    CompletableResultCode ok = exporter.export(Collections.singletonList(span("accepted")));
    assertThat(ok.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(receiver.getSpans()).extracting(SpanData::getName).containsExactly("accepted");
    exporter.shutdown();
    assertThat(exporterLog)
        .extracting(LogRecord::getMessage)
        .anySatisfy(
            message -> assertThat(message).contains("Failure injected by OtlpReceiver.failNext"));
  }

  @ParameterizedTest
  @EnumSource(ReceivedRequest.Transport.class)
  void failNextFailsExactlyThatManyRequests(ReceivedRequest.Transport transport) {
    receiver.failNext(2, 429);
    RetryPolicy fast =
        RetryPolicy.builder()
            .setInitialBackoff(Duration.ofMillis(10))
            .setMaxBackoff(Duration.ofMillis(20))
            .build();
    SpanExporter exporter = exporter(transport, fast, Duration.ofSeconds(10));

    assertThat(
            exporter
                .export(Collections.singletonList(span("third-time-lucky")))
                .join(10, TimeUnit.SECONDS)
                .isSuccess())
        .isTrue();

    assertThat(receiver.getRequests())
        .extracting(ReceivedRequest::isAccepted)
        .containsExactly(false, false, true);
    assertThat(receiver.getSpans()).hasSize(1);
    exporter.shutdown();
  }

  @ParameterizedTest
  @EnumSource(ReceivedRequest.Transport.class)
  void responseDelayHoldsTheAnswerBack(ReceivedRequest.Transport transport) {
    Duration delay = Duration.ofMillis(300);
    receiver.setResponseDelay(delay);
    SpanExporter patient = exporter(transport, null, Duration.ofSeconds(10));

    long start = System.nanoTime();
    assertThat(
            patient
                .export(Collections.singletonList(span("slow")))
                .join(10, TimeUnit.SECONDS)
                .isSuccess())
        .isTrue();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(delay.toNanos());
    patient.shutdown();

    // A collector slower than the exporter's timeout makes the export fail.
    receiver.setResponseDelay(Duration.ofSeconds(5));
    SpanExporter impatient = exporter(transport, null, Duration.ofMillis(200));
    assertThat(
            impatient
                .export(Collections.singletonList(span("too-slow")))
                .join(10, TimeUnit.SECONDS)
                .isSuccess())
        .isFalse();
    assertThat(receiver.getSpans()).extracting(SpanData::getName).containsExactly("slow");
    impatient.shutdown();
  }

  @Test
  void resetForgetsSpansRequestsFailuresAndDelay() {
    SpanExporter exporter = exporter(ReceivedRequest.Transport.HTTP, null, Duration.ofSeconds(10));
    exporter.export(Collections.singletonList(span("before-reset"))).join(10, TimeUnit.SECONDS);
    assertThat(receiver.getSpans()).hasSize(1);
    receiver.failNext(5, 500);
    receiver.setResponseDelay(Duration.ofSeconds(30));

    receiver.reset();

    assertThat(receiver.getSpans()).isEmpty();
    assertThat(receiver.getRequests()).isEmpty();
    assertThat(
            exporter
                .export(Collections.singletonList(span("after-reset")))
                .join(10, TimeUnit.SECONDS)
                .isSuccess())
        .isTrue();
    assertThat(receiver.getSpans()).extracting(SpanData::getName).containsExactly("after-reset");
    exporter.shutdown();
  }

  @Test
  void awaitSpansFailsWithWhatDidArrive() {
    SpanExporter exporter = exporter(ReceivedRequest.Transport.GRPC, null, Duration.ofSeconds(10));
    exporter.export(Collections.singletonList(span("lonely"))).join(10, TimeUnit.SECONDS);

    assertThat(receiver.awaitSpans(1, Duration.ofSeconds(5))).hasSize(1);
    assertThatThrownBy(() -> receiver.awaitSpans(2, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at least 2 span(s)")
        .hasMessageContaining("1 span(s) [lonely]")
        .hasMessageContaining("GRPC OK");
    exporter.shutdown();
  }

  @Test
  void awaitSpansWakesUpWhenSpansArrive() throws Exception {
    SpanExporter exporter = exporter(ReceivedRequest.Transport.HTTP, null, Duration.ofSeconds(10));
    Thread sender =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              exporter.export(Collections.singletonList(span("late"))).join(10, TimeUnit.SECONDS);
            });
    sender.start();

    assertThat(receiver.awaitSpans(1, Duration.ofSeconds(10)))
        .extracting(SpanData::getName)
        .containsExactly("late");
    sender.join();
    exporter.shutdown();
  }

  @Test
  void otlpJsonIsRejectedWith415() throws Exception {
    HttpResponse<String> response =
        post(receiver.getHttpTracesEndpoint(), "application/json", "{\"resourceSpans\":[]}");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(receiver.getRequests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.isAccepted()).isFalse();
              assertThat(r.getResponseStatus()).isEqualTo("415");
              assertThat(r.getContentType()).isEqualTo("application/json");
            });
  }

  @Test
  void wrongPathIs404AndIsRecorded() throws Exception {
    HttpResponse<String> response =
        post(receiver.getHttpEndpoint() + "/v1/metrics", "application/x-protobuf", "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(receiver.getRequests())
        .singleElement()
        .satisfies(r -> assertThat(r.getPath()).isEqualTo("/v1/metrics"));
  }

  @Test
  void undecodableProtobufIs400() throws Exception {
    HttpResponse<String> response =
        post(receiver.getHttpTracesEndpoint(), "application/x-protobuf", "\u00ff\u00ff\u00ff");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(receiver.getSpans()).isEmpty();
    assertThat(receiver.getRequests())
        .singleElement()
        .satisfies(r -> assertThat(r.isAccepted()).isFalse());
  }

  @Test
  void failNextRejectsNonsense() {
    assertThatThrownBy(() -> receiver.failNext(1, 200))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> receiver.failNext(-1, 503))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> receiver.setResponseDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderTakesFixedPorts() throws Exception {
    int httpPort;
    int grpcPort;
    try (OtlpReceiver probe = OtlpReceiver.create()) {
      httpPort = probe.getHttpPort();
      grpcPort = probe.getGrpcPort();
    }
    try (OtlpReceiver fixed =
        OtlpReceiver.builder().setHttpPort(httpPort).setGrpcPort(grpcPort).build()) {
      assertThat(fixed.getHttpTracesEndpoint())
          .isEqualTo("http://127.0.0.1:" + httpPort + "/v1/traces");
      assertThat(fixed.getGrpcEndpoint()).isEqualTo("http://127.0.0.1:" + grpcPort);
      // The port is taken now, so a second receiver on it cannot start.
      assertThatThrownBy(() -> OtlpReceiver.builder().setHttpPort(httpPort).build())
          .isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> OtlpReceiver.builder().setGrpcPort(70000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeStopsBothEndpointsAndKeepsWhatWasReceived() throws Exception {
    SpanExporter exporter = exporter(ReceivedRequest.Transport.HTTP, null, Duration.ofSeconds(10));
    exporter.export(Collections.singletonList(span("kept"))).join(10, TimeUnit.SECONDS);
    exporter.shutdown();

    receiver.close();
    receiver.close();

    assertThat(receiver.getSpans()).extracting(SpanData::getName).containsExactly("kept");
    assertRefused(receiver.getHttpPort());
    assertRefused(receiver.getGrpcPort());
    assertThat(receiver.toString()).contains("closed");
  }

  @Test
  void closeInterruptsAnAnswerWaitingOutTheDelay() throws Exception {
    receiver.setResponseDelay(Duration.ofMinutes(5));
    SpanExporter exporter = exporter(ReceivedRequest.Transport.GRPC, null, Duration.ofSeconds(30));
    CompletableResultCode pending = exporter.export(Collections.singletonList(span("stuck")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (receiver.delayedRequests() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(receiver.delayedRequests()).isEqualTo(1);

    receiver.close();

    // close() waited for its workers, so the sleeping answer was interrupted, not left behind.
    assertThat(receiver.delayedRequests()).isZero();
    assertThat(pending.join(20, TimeUnit.SECONDS).isSuccess()).isFalse();
    assertThat(receiver.getRequests()).isEmpty();
    exporter.shutdown();
  }

  static void assertRefused(int port) {
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(
                    new InetSocketAddress(
                        InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port),
                    1000);
              }
            })
        .isInstanceOf(ConnectException.class);
  }

  private static HttpResponse<String> post(String url, String contentType, String body)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body, java.nio.charset.StandardCharsets.ISO_8859_1))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private SpanExporter exporter(
      ReceivedRequest.Transport transport, @Nullable RetryPolicy retry, Duration timeout) {
    if (transport == ReceivedRequest.Transport.HTTP) {
      return OtlpHttpSpanExporter.builder()
          .setEndpoint(receiver.getHttpTracesEndpoint())
          .setRetryPolicy(retry)
          .setTimeout(timeout)
          .build();
    }
    return OtlpGrpcSpanExporter.builder()
        .setEndpoint(receiver.getGrpcEndpoint())
        .setRetryPolicy(retry)
        .setTimeout(timeout)
        .build();
  }

  static SpanData span(String name) {
    long id = IDS.getAndIncrement();
    long now = System.currentTimeMillis() * 1_000_000L;
    return TestSpanData.builder()
        .setName(name)
        .setKind(SpanKind.INTERNAL)
        .setSpanContext(
            SpanContext.create(
                String.format("%032x", id),
                String.format("%016x", id),
                TraceFlags.getSampled(),
                TraceState.getDefault()))
        .setStartEpochNanos(now)
        .setEndEpochNanos(now + 1_000_000)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0)
        .build();
  }
}
