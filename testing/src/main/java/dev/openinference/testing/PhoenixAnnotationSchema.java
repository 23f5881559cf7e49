/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Phoenix's request schemas for {@code POST /v1/span_annotations}, {@code /v1/trace_annotations}
 * and {@code /v1/session_annotations}, as its OpenAPI document publishes them ({@code
 * AnnotateSpansRequestBody} and friends, read from {@code @arizeai/phoenix-client} 6.14's generated
 * types):
 *
 * <ul>
 *   <li>the body is an object {@code {"data": [...]}}, {@code data} required;
 *   <li>each element requires {@code name} (string), {@code annotator_kind} ({@code "LLM"}, {@code
 *       "CODE"} or {@code "HUMAN"}) and the route's id, {@code span_id}, {@code trace_id} or {@code
 *       session_id} (string); {@code result} is an {@code AnnotationResult} or null, {@code
 *       metadata} an object or null, {@code identifier} a string;
 *   <li>{@code AnnotationResult} has {@code label} (string or null), {@code score} (number or null)
 *       and {@code explanation} (string or null), all optional.
 * </ul>
 *
 * <p>Stricter than Phoenix in two ways that catch client bugs: members the schema does not name are
 * violations (Phoenix would silently ignore a misspelt field), and span and trace ids must be
 * OpenTelemetry hex ids (16 and 32 lowercase hex digits), which the schema's descriptions ask for.
 */
final class PhoenixAnnotationSchema {

  static final String SPANS = "/v1/span_annotations";
  static final String TRACES = "/v1/trace_annotations";
  static final String SESSIONS = "/v1/session_annotations";

  private static final Set<String> KINDS = new HashSet<>(Arrays.asList("LLM", "CODE", "HUMAN"));
  private static final Set<String> RESULT_MEMBERS =
      new HashSet<>(Arrays.asList("label", "score", "explanation"));
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  /** Returns the id member of a route, or null when the path is not an annotation route. */
  @Nullable
  static String idField(String path) {
    switch (path) {
      case SPANS:
        return "span_id";
      case TRACES:
        return "trace_id";
      case SESSIONS:
        return "session_id";
      default:
        return null;
    }
  }

  /** Returns the violations of {@code body} against the route's schema; empty when it is valid. */
  static List<String> violations(String path, @Nullable Object body) {
    List<String> problems = new ArrayList<>();
    String idField = idField(path);
    if (idField == null) {
      problems.add("not an annotation route: " + path);
      return problems;
    }
    if (!(body instanceof Map)) {
      problems.add("body is not a JSON object");
      return problems;
    }
    Map<?, ?> root = (Map<?, ?>) body;
    for (Object key : root.keySet()) {
      if (!"data".equals(key)) {
        problems.add("unknown member '" + key + "' in the body");
      }
    }
    Object data = root.get("data");
    if (!(data instanceof List)) {
      problems.add("'data' is " + (data == null ? "missing" : "not an array"));
      return problems;
    }
    List<?> items = (List<?>) data;
    for (int i = 0; i < items.size(); i++) {
      item(path, idField, i, items.get(i), problems);
    }
    return problems;
  }

  private static void item(
      String path, String idField, int index, @Nullable Object value, List<String> problems) {
    String at = "data[" + index + "]";
    if (!(value instanceof Map)) {
      problems.add(at + " is not an object");
      return;
    }
    Map<?, ?> item = (Map<?, ?>) value;
    Set<String> allowed =
        new HashSet<>(
            Arrays.asList("name", "annotator_kind", "result", "metadata", "identifier", idField));
    for (Object key : item.keySet()) {
      if (!allowed.contains(key)) {
        problems.add(at + ": unknown member '" + key + "'");
      }
    }
    if (!(item.get("name") instanceof String)) {
      problems.add(at + ".name is required and must be a string");
    }
    Object kind = item.get("annotator_kind");
    if (!(kind instanceof String) || !KINDS.contains(kind)) {
      problems.add(at + ".annotator_kind must be one of LLM, CODE, HUMAN, not " + kind);
    }
    Object id = item.get(idField);
    if (!(id instanceof String)) {
      problems.add(at + "." + idField + " is required and must be a string");
    } else if (path.equals(SPANS) && !SPAN_ID.matcher((String) id).matches()) {
      problems.add(at + ".span_id is not 16 lowercase hex digits: " + id);
    } else if (path.equals(TRACES) && !TRACE_ID.matcher((String) id).matches()) {
      problems.add(at + ".trace_id is not 32 lowercase hex digits: " + id);
    }
    if (item.containsKey("result") && item.get("result") != null) {
      Object result = item.get("result");
      if (!(result instanceof Map)) {
        problems.add(at + ".result must be an object or null");
      } else {
        Map<?, ?> fields = (Map<?, ?>) result;
        for (Object key : fields.keySet()) {
          if (!RESULT_MEMBERS.contains(key)) {
            problems.add(at + ".result: unknown member '" + key + "'");
          }
        }
        nullableOf(fields, "label", String.class, at + ".result", problems);
        nullableOf(fields, "score", Number.class, at + ".result", problems);
        nullableOf(fields, "explanation", String.class, at + ".result", problems);
      }
    }
    if (item.containsKey("metadata")
        && item.get("metadata") != null
        && !(item.get("metadata") instanceof Map)) {
      problems.add(at + ".metadata must be an object or null");
    }
    if (item.containsKey("identifier") && !(item.get("identifier") instanceof String)) {
      problems.add(at + ".identifier must be a string");
    }
  }

  private static void nullableOf(
      Map<?, ?> fields, String key, Class<?> type, String at, List<String> problems) {
    Object value = fields.get(key);
    if (value != null && !type.isInstance(value)) {
      problems.add(at + "." + key + " must be a " + type.getSimpleName() + " or null");
    }
  }

  private PhoenixAnnotationSchema() {}
}
