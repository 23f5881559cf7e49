/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One request a {@link FakeOpenAiServer} received, and what it answered: method, path, headers, the
 * raw body, the body parsed as JSON, the answer's status, text and token counts. Immutable.
 */
public final class FakeOpenAiRequest {

  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final String body;
  @Nullable private final Map<String, Object> json;
  private final int status;
  @Nullable private final String answer;
  private final long promptTokens;
  private final long completionTokens;

  FakeOpenAiRequest(
      String method,
      String path,
      Map<String, List<String>> headers,
      String body,
      @Nullable Map<String, Object> json,
      int status,
      @Nullable String answer,
      long promptTokens,
      long completionTokens) {
    this.method = method;
    this.path = path;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      copy.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .addAll(e.getValue());
    }
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body;
    this.json = json;
    this.status = status;
    this.answer = answer;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
  }

  /**
   * The HTTP method, {@code POST} for the endpoints the server speaks.
   *
   * @return the method as received, for example {@code "POST"}
   */
  public String getMethod() {
    return method;
  }

  /**
   * The request path, for example {@code /v1/chat/completions}.
   *
   * @return the path without the query string
   */
  public String getPath() {
    return path;
  }

  /**
   * The request headers, names lower-cased.
   *
   * @return an unmodifiable map from lower-case name to the values in arrival order
   */
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  /**
   * The first value of a header (any case), or null.
   *
   * @param name the header name, in any case; must not be null
   * @return the first value, or null when the header is absent
   */
  @Nullable
  public String getHeader(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The request body as received (UTF-8).
   *
   * @return the body text, empty when there was none
   */
  public String getBody() {
    return body;
  }

  /**
   * The body parsed as a JSON object: nested {@code Map}, {@code List}, {@code String}, {@code
   * Long}, {@code Double}, {@code Boolean} and null; or null if the body is not a JSON object.
   *
   * @return an unmodifiable map of the body's members, or null
   */
  @Nullable
  public Map<String, Object> getJson() {
    return json;
  }

  /**
   * The {@code model} of the body, or null.
   *
   * @return the requested model name, or null when the body has none
   */
  @Nullable
  public String getModel() {
    Object model = json == null ? null : json.get("model");
    return model instanceof String ? (String) model : null;
  }

  /**
   * Whether the body asked for a streamed answer ({@code "stream": true}).
   *
   * @return {@code true} when the client asked for server-sent events
   */
  public boolean isStreaming() {
    return json != null && Boolean.TRUE.equals(json.get("stream"));
  }

  /**
   * The {@code messages} of a chat request, each a JSON object as a map; empty for other requests.
   *
   * @return an unmodifiable list of the messages in request order, never null
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> getMessages() {
    Object messages = json == null ? null : json.get("messages");
    if (!(messages instanceof List)) {
      return Collections.emptyList();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object m : (List<Object>) messages) {
      if (m instanceof Map) {
        out.add((Map<String, Object>) m);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The HTTP status the server answered.
   *
   * @return the status code, for example 200 or 429
   */
  public int getStatus() {
    return status;
  }

  /**
   * What the server answered in words: the assistant content, the arguments of a tool call, or the
   * error message; null for embeddings.
   *
   * @return the answered text, or null
   */
  @Nullable
  public String getAnswer() {
    return answer;
  }

  /**
   * The {@code usage.prompt_tokens} the server reported (0 for an error).
   *
   * @return the reported prompt token count
   */
  public long getPromptTokens() {
    return promptTokens;
  }

  /**
   * The {@code usage.completion_tokens} the server reported (0 for embeddings and errors).
   *
   * @return the reported completion token count
   */
  public long getCompletionTokens() {
    return completionTokens;
  }

  /**
   * The {@code usage.total_tokens} the server reported.
   *
   * @return the reported total token count, prompt plus completion
   */
  public long getTotalTokens() {
    return promptTokens + completionTokens;
  }

  @Override
  public String toString() {
    return "FakeOpenAiRequest{"
        + method
        + " "
        + path
        + " -> "
        + status
        + ", body="
        + body
        + ", answer="
        + answer
        + "}";
  }
}
