/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an {@link OtlpReceiver} has received and how it is told to answer; shared by its transports.
 */
final class ReceiverState {

  private final Object lock = new Object();
  private final List<SpanData> spans = new ArrayList<>();
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private final List<ReceivedLogRecord> logRecords = new ArrayList<>();
  final PhoenixAnnotations annotations = new PhoenixAnnotations();
  volatile boolean phoenixAnnotations = true;
  private int failuresLeft;
  private int failureStatus;
  private long responseDelayNanos;
  private int inFlight;

  /** Records an answered request, and its spans if it was accepted; wakes up waiters. */
  void record(ReceivedRequest request, List<SpanData> acceptedSpans) {
    synchronized (lock) {
      requests.add(request);
      spans.addAll(acceptedSpans);
      lock.notifyAll();
    }
  }

  /** The HTTP status to fail the next request with, or 0 to accept it. */
  int takeFailure() {
    synchronized (lock) {
      if (failuresLeft <= 0) {
        return 0;
      }
      failuresLeft--;
      return failureStatus;
    }
  }

  void failNext(int times, int httpStatus) {
    synchronized (lock) {
      failuresLeft = times;
      failureStatus = httpStatus;
    }
  }

  void setResponseDelay(Duration delay) {
    synchronized (lock) {
      responseDelayNanos = delay.toNanos();
    }
  }

  /**
   * Waits the configured response delay.
   *
   * @return false if interrupted (the receiver is closing): do not answer
   */
  boolean awaitResponseDelay() {
    long nanos;
    synchronized (lock) {
      nanos = responseDelayNanos;
      if (nanos <= 0) {
        return true;
      }
      inFlight++;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      synchronized (lock) {
        inFlight--;
      }
    }
  }

  /** How many requests are waiting out the response delay right now. */
  int delayedRequests() {
    synchronized (lock) {
      return inFlight;
    }
  }

  List<SpanData> getSpans() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(spans));
    }
  }

  List<ReceivedRequest> getRequests() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(requests));
    }
  }

  List<SpanData> awaitSpans(int minCount, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (spans.size() < minCount) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "Expected at least "
                  + minCount
                  + " span(s) within "
                  + timeout
                  + " but received "
                  + describeLocked());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(
              "Interrupted while waiting for "
                  + minCount
                  + " span(s); received "
                  + describeLocked(),
              e);
        }
      }
      return Collections.unmodifiableList(new ArrayList<>(spans));
    }
  }

  private String describeLocked() {
    StringBuilder sb = new StringBuilder();
    sb.append(spans.size()).append(" span(s)");
    if (!spans.isEmpty()) {
      sb.append(' ');
      List<String> names = new ArrayList<>();
      for (SpanData span : spans) {
        names.add(span.getName());
      }
      sb.append(names);
    }
    sb.append(" in ").append(requests.size()).append(" request(s)");
    if (!requests.isEmpty()) {
      List<String> answers = new ArrayList<>();
      for (ReceivedRequest request : requests) {
        answers.add(
            request.getTransport()
                + " "
                + request.getResponseStatus()
                + " ("
                + request.getSpanCount()
                + " span(s))");
      }
      sb.append(' ').append(answers);
    }
    return sb.toString();
  }

  void recordLogs(List<ReceivedLogRecord> records) {
    synchronized (lock) {
      logRecords.addAll(records);
      lock.notifyAll();
    }
  }

  List<ReceivedLogRecord> getLogRecords() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(logRecords));
    }
  }

  List<ReceivedLogRecord> awaitLogRecords(int minCount, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (logRecords.size() < minCount) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "Expected at least "
                  + minCount
                  + " log record(s) within "
                  + timeout
                  + " but received "
                  + logRecords);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted while waiting for log records", e);
        }
      }
      return Collections.unmodifiableList(new ArrayList<>(logRecords));
    }
  }

  void reset() {
    annotations.reset();
    synchronized (lock) {
      logRecords.clear();
      spans.clear();
      requests.clear();
      failuresLeft = 0;
      failureStatus = 0;
      responseDelayNanos = 0;
    }
  }

  int spanCount() {
    synchronized (lock) {
      return spans.size();
    }
  }

  int requestCount() {
    synchronized (lock) {
      return requests.size();
    }
  }
}
