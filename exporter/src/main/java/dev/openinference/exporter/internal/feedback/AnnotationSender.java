/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.feedback;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.PhoenixFeedbackProcessor;
import dev.openinference.exporter.internal.OtlpProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Sends annotations to Phoenix's REST API from one daemon thread: a bounded queue filled by the
 * application threads (never blocking them), drained in batches of up to {@value #MAX_BATCH}, one
 * POST per target kind. Connection errors, 429 and 5xx are retried with exponential backoff; other
 * rejections drop the batch with a rate-limited warning; a 404 that is not Phoenix's own "not
 * found" answer means the backend has no such route: said once, then nothing more is sent. {@link
 * #shutdown} sends what is queued within a bounded time.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class AnnotationSender {

  static final int MAX_BATCH = 100;
  static final int MAX_ATTEMPTS = 5;
  private static final long FIRST_BACKOFF_MILLIS = 500;
  private static final long MAX_BACKOFF_MILLIS = 8_000;
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  // Named after the public processor, which is what users configure and see.
  private static final RateLimitedLogger warnings =
      RateLimitedLogger.create(PhoenixFeedbackProcessor.class);
  private static final Logger onceLogger =
      Logger.getLogger(PhoenixFeedbackProcessor.class.getName());

  private final String baseUrl;
  // What logs and toString show: the base URL without any user:password@.
  private final String shownBaseUrl;
  private final Map<String, String> headers;
  private final BlockingQueue<Annotation> queue;
  private final long shutdownTimeoutNanos;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean noRoute = new AtomicBoolean();
  private final AtomicLong enqueued = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();
  private final Object progress = new Object();
  private volatile boolean shuttingDown;
  private volatile long deadlineNanos = Long.MAX_VALUE;
  @Nullable private volatile Thread worker;
  private final CompletableResultCode shutdownResult = new CompletableResultCode();

  private AnnotationSender(
      String baseUrl, Map<String, String> headers, int maxQueueSize, long shutdownTimeoutNanos) {
    this.baseUrl = trimSlashes(baseUrl);
    this.shownBaseUrl = OtlpProperties.redactUserInfo(this.baseUrl);
    this.headers = headers;
    this.queue = new ArrayBlockingQueue<>(maxQueueSize);
    this.shutdownTimeoutNanos = shutdownTimeoutNanos;
  }

  /**
   * Returns a sender to {@code baseUrl} (Phoenix's base URL, without {@code /v1/...}) with {@code
   * headers} on every request.
   */
  public static AnnotationSender create(
      String baseUrl, Map<String, String> headers, int maxQueueSize, long shutdownTimeoutNanos) {
    return new AnnotationSender(baseUrl, headers, maxQueueSize, shutdownTimeoutNanos);
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  /** Queues {@code annotation} without blocking; drops it with a warning when the queue is full. */
  public void offer(Annotation annotation) {
    if (shuttingDown || noRoute.get()) {
      return;
    }
    if (!queue.offer(annotation)) {
      warnings.warning(
          "Phoenix feedback queue is full ("
              + (queue.size() + queue.remainingCapacity())
              + " waiting for "
              + shownBaseUrl
              + "); dropped feedback '"
              + annotation.getName()
              + "'");
      return;
    }
    enqueued.incrementAndGet();
    if (started.compareAndSet(false, true)) {
      Thread thread = new Thread(this::run, "openinference-feedback");
      thread.setDaemon(true);
      worker = thread;
      thread.start();
    }
  }

  /** Completes when everything queued before the call was sent or given up, or after the wait. */
  public CompletableResultCode flush(long timeout, TimeUnit unit) {
    long target = enqueued.get();
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (progress) {
      while (finished.get() < target && !noRoute.get()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return CompletableResultCode.ofFailure();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return CompletableResultCode.ofFailure();
        }
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  /**
   * Sends what is queued (retrying until the shutdown timeout at most), then stops the thread; the
   * result completes when it has stopped.
   */
  public CompletableResultCode shutdown() {
    if (shuttingDown) {
      return shutdownResult;
    }
    deadlineNanos = System.nanoTime() + shutdownTimeoutNanos;
    shuttingDown = true;
    Thread thread = worker;
    if (thread == null) {
      shutdownResult.succeed();
    } else {
      thread.interrupt(); // wakes a backoff sleep or an idle wait; the queue is still drained
    }
    return shutdownResult;
  }

  private void run() {
    List<Annotation> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        Annotation first;
        try {
          first = shuttingDown ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          continue; // shutdown: drain what is left
        }
        if (first == null) {
          if (shuttingDown) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        try {
          send(batch);
        } finally {
          finished.addAndGet(batch.size());
          batch.clear();
          synchronized (progress) {
            progress.notifyAll();
          }
        }
      }
    } catch (Throwable t) {
      warnings.warning("Phoenix feedback delivery stopped unexpectedly: " + t);
    } finally {
      int dropped = queue.size();
      queue.clear();
      if (dropped > 0 && !noRoute.get()) {
        warnings.warning(
            "Dropped "
                + dropped
                + " feedback record(s) not sent to "
                + shownBaseUrl
                + " before shutdown ended");
      }
      finished.addAndGet(dropped);
      synchronized (progress) {
        progress.notifyAll();
      }
      shutdownResult.succeed();
    }
  }

  private void send(List<Annotation> batch) {
    Map<Annotation.Target, StringBuilder> bodies = new EnumMap<>(Annotation.Target.class);
    Map<Annotation.Target, Integer> counts = new EnumMap<>(Annotation.Target.class);
    for (Annotation annotation : batch) {
      StringBuilder body = bodies.get(annotation.getTarget());
      if (body == null) {
        body = new StringBuilder("{\"data\":[");
        bodies.put(annotation.getTarget(), body);
        counts.put(annotation.getTarget(), 0);
      } else {
        body.append(',');
      }
      annotation.appendJson(body);
      counts.put(annotation.getTarget(), counts.get(annotation.getTarget()) + 1);
    }
    for (Map.Entry<Annotation.Target, StringBuilder> entry : bodies.entrySet()) {
      if (noRoute.get()) {
        return;
      }
      byte[] body = entry.getValue().append("]}").toString().getBytes(StandardCharsets.UTF_8);
      post(entry.getKey(), body, counts.get(entry.getKey()));
    }
  }

  private void post(Annotation.Target target, byte[] body, int count) {
    String url = baseUrl + target.path;
    long backoff = FIRST_BACKOFF_MILLIS;
    String lastFailure = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        if (!sleep(backoff)) {
          break;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
      int status;
      String answer;
      try {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try {
          connection.setRequestMethod("POST");
          connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
          connection.setReadTimeout(READ_TIMEOUT_MILLIS);
          connection.setDoOutput(true);
          connection.setRequestProperty("Content-Type", "application/json");
          for (Map.Entry<String, String> header : headers.entrySet()) {
            connection.setRequestProperty(header.getKey(), header.getValue());
          }
          connection.setFixedLengthStreamingMode(body.length);
          try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
          }
          status = connection.getResponseCode();
          answer = readQuietly(status < 400 ? quietStream(connection, false) : null, connection);
        } finally {
          connection.disconnect();
        }
      } catch (IOException | RuntimeException e) {
        lastFailure = e.toString();
        continue;
      }
      if (status >= 200 && status < 300) {
        return;
      }
      if (status == 429 || status >= 500) {
        lastFailure = "HTTP " + status;
        continue;
      }
      if (status == 404 && !isPhoenixNotFound(answer)) {
        if (noRoute.compareAndSet(false, true)) {
          onceLogger.warning(
              "Feedback is not sent to "
                  + shownBaseUrl
                  + ": it answered 404 to "
                  + target.path
                  + ", so it is not Phoenix (or not Phoenix 12+). Nothing more will be sent"
                  + " there; feedback still travels as gen_ai.evaluation.result log records to"
                  + " any OTLP logs exporter. Set otel.openinference.feedback.phoenix.enabled=false"
                  + " to stop trying, or otel.openinference.feedback.phoenix.endpoint to"
                  + " Phoenix's base URL.");
          queue.clear();
        }
        return;
      }
      warnings.warning(
          "Phoenix rejected "
              + count
              + " feedback record(s) at "
              + shownBaseUrl
              + target.path
              + ": HTTP "
              + status
              + (status == 401 || status == 403 ? " (check PHOENIX_API_KEY / the headers)" : "")
              + (answer.isEmpty() ? "" : ": " + answer));
      return;
    }
    warnings.warning(
        "Gave up sending "
            + count
            + " feedback record(s) to "
            + shownBaseUrl
            + target.path
            + " after "
            + MAX_ATTEMPTS
            + " attempts"
            + (shuttingDown ? " or the shutdown timeout" : "")
            + ": "
            + lastFailure);
  }

  /** Phoenix answers a missing span, trace or session with text naming it; a bare 404 is not. */
  private static boolean isPhoenixNotFound(String answer) {
    String lower = answer.toLowerCase(Locale.ROOT);
    return lower.contains("not found")
        && (lower.contains("span") || lower.contains("trace") || lower.contains("session"));
  }

  /** Sleeps the backoff, within the shutdown deadline; false when the deadline has passed. */
  private boolean sleep(long millis) {
    long wait = TimeUnit.MILLISECONDS.toNanos(millis);
    if (shuttingDown) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait = Math.min(wait, left);
    }
    long end = System.nanoTime() + wait;
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return !shuttingDown || System.nanoTime() < deadlineNanos;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        if (shuttingDown) {
          // Shutdown began: retry now rather than after the full backoff.
          return System.nanoTime() < deadlineNanos;
        }
      }
    }
  }

  @Nullable
  private static InputStream quietStream(HttpURLConnection connection, boolean error) {
    try {
      return error ? connection.getErrorStream() : connection.getInputStream();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The answer's first 300 characters, for a warning; drains the stream so the socket is reused.
   */
  private static String readQuietly(@Nullable InputStream ok, HttpURLConnection connection) {
    InputStream in = ok != null ? ok : quietStream(connection, true);
    if (in == null) {
      return "";
    }
    try (InputStream input = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      int n;
      while ((n = input.read(buffer)) != -1) {
        if (out.size() < 4096) {
          out.write(buffer, 0, n);
        }
      }
      String text = new String(out.toByteArray(), StandardCharsets.UTF_8).trim();
      return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    } catch (IOException e) {
      return "";
    }
  }

  private static String trimSlashes(String url) {
    String result = url.trim();
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  @Override
  public String toString() {
    return "AnnotationSender{baseUrl="
        + shownBaseUrl
        + ", headers="
        + headers.keySet()
        + ", queued="
        + queue.size()
        + (noRoute.get() ? ", stopped: no annotation route" : "")
        + "}";
  }
}
