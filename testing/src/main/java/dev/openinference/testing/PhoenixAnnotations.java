/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * The fake Phoenix's annotation routes: each body is checked against {@link
 * PhoenixAnnotationSchema}; a valid one is kept and answered {@code 200 {"data": []}} (what Phoenix
 * answers when it inserts asynchronously), an invalid one is answered {@code 422} and its
 * violations are kept.
 */
final class PhoenixAnnotations {

  private final Object lock = new Object();
  private final List<ReceivedAnnotation> annotations = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private int requests;
  private int failuresLeft;
  private int failureStatus;

  /** An answer: status and JSON body. */
  static final class Answer {
    final int status;
    final byte[] body;

    Answer(int status, String body) {
      this.status = status;
      this.body = body.getBytes(StandardCharsets.UTF_8);
    }
  }

  Answer handle(String path, String method, Map<String, List<String>> headers, byte[] body) {
    synchronized (lock) {
      requests++;
      if (failuresLeft > 0) {
        failuresLeft--;
        return new Answer(failureStatus, "{\"detail\":\"failure injected\"}");
      }
    }
    if (!"POST".equals(method)) {
      return new Answer(405, "{\"detail\":\"Method Not Allowed\"}");
    }
    Object json;
    try {
      json = MiniJson.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return reject(Collections.singletonList("body is not JSON: " + e.getMessage()));
    }
    List<String> problems = PhoenixAnnotationSchema.violations(path, json);
    if (!problems.isEmpty()) {
      return reject(problems);
    }
    List<String> authorization = headers.get("authorization");
    String auth = authorization == null || authorization.isEmpty() ? null : authorization.get(0);
    String idField = PhoenixAnnotationSchema.idField(path);
    String target = idField.substring(0, idField.indexOf('_'));
    List<ReceivedAnnotation> accepted = new ArrayList<>();
    for (Object element : (List<?>) ((Map<?, ?>) json).get("data")) {
      Map<?, ?> item = (Map<?, ?>) element;
      Map<?, ?> result = item.get("result") instanceof Map ? (Map<?, ?>) item.get("result") : null;
      Object score = result == null ? null : result.get("score");
      accepted.add(
          new ReceivedAnnotation(
              target,
              (String) item.get(idField),
              (String) item.get("name"),
              (String) item.get("annotator_kind"),
              result == null ? null : (String) result.get("label"),
              score == null ? null : ((Number) score).doubleValue(),
              result == null ? null : (String) result.get("explanation"),
              metadata(item.get("metadata")),
              (String) item.get("identifier"),
              auth));
    }
    synchronized (lock) {
      annotations.addAll(accepted);
      lock.notifyAll();
    }
    return new Answer(200, "{\"data\":[]}");
  }

  @SuppressWarnings("unchecked")
  @Nullable
  private static Map<String, Object> metadata(@Nullable Object value) {
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  private Answer reject(List<String> problems) {
    synchronized (lock) {
      violations.addAll(problems);
      lock.notifyAll();
    }
    return new Answer(422, "{\"detail\":" + MiniJson.write(problems) + "}");
  }

  List<ReceivedAnnotation> getAnnotations() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(annotations));
    }
  }

  List<String> getViolations() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(violations));
    }
  }

  int getRequestCount() {
    synchronized (lock) {
      return requests;
    }
  }

  void failNext(int times, int status) {
    synchronized (lock) {
      failuresLeft = times;
      failureStatus = status;
    }
  }

  List<ReceivedAnnotation> await(int minCount, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (annotations.size() < minCount) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "Expected at least "
                  + minCount
                  + " annotation(s) within "
                  + timeout
                  + ", got "
                  + annotations
                  + "; schema violations: "
                  + violations
                  + "; requests: "
                  + requests);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted while waiting for annotations", e);
        }
      }
      return Collections.unmodifiableList(new ArrayList<>(annotations));
    }
  }

  void reset() {
    synchronized (lock) {
      annotations.clear();
      violations.clear();
      requests = 0;
      failuresLeft = 0;
    }
  }
}
