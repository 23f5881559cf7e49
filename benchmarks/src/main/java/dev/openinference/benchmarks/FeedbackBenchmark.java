/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInferenceFeedback;
import dev.openinference.exporter.PhoenixFeedbackProcessor;
import dev.openinference.semconv.FeedbackAttributes;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code OpenInferenceFeedback.record()} costs the application thread, against the baseline of
 * emitting the same log record (same attributes, prebuilt) through the same SDK by hand.
 *
 * <ul>
 *   <li>{@link #logRecordBaseline} and {@link #recordSessionFeedback}: a logger provider whose only
 *       processor counts records (what the SDK itself costs, and what the API adds to it).
 *   <li>{@link #recordWithPhoenixDelivery}: the same plus a {@link PhoenixFeedbackProcessor}
 *       sending to a loopback HTTP sink that answers 200 at once, so the application thread pays
 *       for the hand-over to the delivery queue. The delivery thread cannot keep up with one thread
 *       recording without pause: once its queue (2048) is full, records are dropped (a cheaper path
 *       than queueing), which {@link Delivery#dropped()} reports at tear-down.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FeedbackBenchmark {

  /** Counts the records that reach the logger provider's processors. */
  static final class CountingProcessor implements LogRecordProcessor {
    final AtomicLong emitted = new AtomicLong();

    @Override
    public void onEmit(Context context, ReadWriteLogRecord logRecord) {
      emitted.incrementAndGet();
    }
  }

  /** The SDK with a counting processor only. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Sdk {
    final CountingProcessor counter = new CountingProcessor();
    OpenTelemetrySdk sdk;
    Logger logger;
    Attributes attributes;
    String sessionId;

    @Setup
    public void setUp() {
      sdk =
          OpenTelemetrySdk.builder()
              .setLoggerProvider(loggerProvider(SdkLoggerProvider.builder()))
              .build();
      logger = sdk.getLogsBridge().get("baseline");
      sessionId = Workload.SESSION_ID;
      attributes =
          Attributes.builder()
              .put(FeedbackAttributes.NAME, "resolved")
              .put(FeedbackAttributes.SCORE_VALUE, 1.0)
              .put(FeedbackAttributes.SCORE_LABEL, "yes")
              .put(FeedbackAttributes.TARGET, FeedbackAttributes.TARGET_SESSION)
              .put(SemanticConventions.SESSION_ID, sessionId)
              .put(FeedbackAttributes.ANNOTATOR_KIND, "HUMAN")
              .build();
    }

    SdkLoggerProvider loggerProvider(io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder builder) {
      return builder.addLogRecordProcessor(counter).build();
    }

    @TearDown
    public void tearDown() {
      sdk.close();
    }
  }

  /** The SDK with a counting processor and Phoenix delivery to a loopback sink. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Delivery extends Sdk {
    HttpServer sink;
    final AtomicLong posted = new AtomicLong();

    @Override
    @Setup
    public void setUp() {
      try {
        sink =
            HttpServer.create(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      sink.createContext(
          "/",
          exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
              body.readAllBytes();
            }
            posted.incrementAndGet();
            byte[] answer = "{\"data\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          });
      sink.start();
      super.setUp();
    }

    @Override
    SdkLoggerProvider loggerProvider(io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder builder) {
      return builder
          .addLogRecordProcessor(counter)
          .addLogRecordProcessor(
              PhoenixFeedbackProcessor.create("http://127.0.0.1:" + sink.getAddress().getPort()))
          .build();
    }

    /** Records emitted minus those the sink received is at most what was dropped. */
    long dropped() {
      return counter.emitted.get() - 100 * posted.get();
    }

    @Override
    @TearDown
    public void tearDown() {
      super.tearDown();
      System.out.println(
          "\nrecords " + counter.emitted.get() + ", POSTs " + posted.get() + " (up to 100 each)");
      sink.stop(0);
    }
  }

  /** Baseline: the same event, attributes prebuilt, emitted through the logs API by hand. */
  @Benchmark
  public void logRecordBaseline(Sdk state) {
    state
        .logger
        .logRecordBuilder()
        .setEventName(FeedbackAttributes.EVENT_NAME)
        .setContext(Context.root())
        .setTimestamp(System.currentTimeMillis(), TimeUnit.MILLISECONDS)
        .setAllAttributes(state.attributes)
        .emit();
  }

  /** {@code forSession(id).setName(..).setScore(..).setLabel(..).record(sdk)}. */
  @Benchmark
  public void recordSessionFeedback(Sdk state) {
    OpenInferenceFeedback.forSession(state.sessionId)
        .setName("resolved")
        .setScore(1)
        .setLabel("yes")
        .record(state.sdk);
  }

  /** The same, with Phoenix delivery in the pipeline. */
  @Benchmark
  public void recordWithPhoenixDelivery(Delivery state) {
    OpenInferenceFeedback.forSession(state.sessionId)
        .setName("resolved")
        .setScore(1)
        .setLabel("yes")
        .record(state.sdk);
  }
}
