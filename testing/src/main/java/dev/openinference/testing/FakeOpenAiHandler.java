/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/** The OpenAI endpoints of a {@link FakeOpenAiServer}: routing, answers and their wire shapes. */
final class FakeOpenAiHandler implements HttpHandler {

  private static final Logger logger = Logger.getLogger(FakeOpenAiHandler.class.getName());

  static final String CHAT_PATH = "/v1/chat/completions";
  static final String EMBEDDINGS_PATH = "/v1/embeddings";
  static final String DEFAULT_MODEL = "gpt-4o-mini";
  static final int DEFAULT_DIMENSIONS = 8;
  // A fixed creation time keeps answers byte-for-byte reproducible.
  private static final long CREATED = 1700000000L;
  private static final String FINGERPRINT = "fp_fake";

  private final FakeOpenAiServer server;
  private final AtomicLong ids = new AtomicLong();

  FakeOpenAiHandler(FakeOpenAiServer server) {
    this.server = server;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      answer(exchange);
    } catch (IOException | RuntimeException e) {
      // The client went away, or the server is closing; nothing to answer.
      logger.log(Level.FINE, "Fake OpenAI exchange failed", e);
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(readAll(exchange.getRequestBody()), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Map<String, Object> json = parseObject(body);

    Reply reply;
    if (!CHAT_PATH.equals(path) && !EMBEDDINGS_PATH.equals(path)) {
      reply =
          Reply.error(
              404,
              "Unknown path "
                  + path
                  + " (this fake speaks "
                  + CHAT_PATH
                  + " and "
                  + EMBEDDINGS_PATH
                  + ")",
              "invalid_request_error");
    } else if (!"POST".equals(method)) {
      reply = Reply.error(405, path + " takes POST, not " + method, "invalid_request_error");
    } else if (json == null) {
      reply = Reply.error(400, "The body is not a JSON object: " + body, "invalid_request_error");
    } else if (CHAT_PATH.equals(path)) {
      reply = chat(json);
    } else {
      reply = embeddings(json);
    }

    server.record(
        new FakeOpenAiRequest(
            method,
            path,
            exchange.getRequestHeaders(),
            body,
            json,
            reply.status,
            reply.answer,
            reply.promptTokens,
            reply.completionTokens));

    if (reply.events != null) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (String event : reply.events) {
        out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.close();
    } else {
      byte[] bytes = reply.json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status, bytes.length);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes);
      out.close();
    }
  }

  private Reply chat(Map<String, Object> request) {
    FakeOpenAiResponse scripted = server.nextQueued();
    if (scripted != null && scripted.kind() == FakeOpenAiResponse.Kind.ERROR) {
      return Reply.error(scripted.status(), scripted.text(), errorType(scripted.status()));
    }
    List<Object> messages = list(request.get("messages"));
    long promptTokens = 0;
    for (Object m : messages) {
      Map<String, Object> message = map(m);
      promptTokens += words(text(message.get("content")));
      for (Object call : list(message.get("tool_calls"))) {
        promptTokens += words(string(map(map(call).get("function")).get("arguments")));
      }
    }
    promptTokens = Math.max(1, promptTokens);

    String content;
    String toolCallId = null;
    String functionName = null;
    if (scripted != null && scripted.kind() == FakeOpenAiResponse.Kind.TOOL_CALL) {
      content = null;
      toolCallId = scripted.toolCallId();
      functionName = scripted.functionName();
    } else if (scripted != null) {
      content = scripted.text();
    } else {
      content = defaultAnswer(messages);
    }
    String answer = content != null ? content : scripted.text();
    long completionTokens =
        Math.max(1, content != null ? words(content) : 1 + words(scripted.text()));

    String model = string(request.get("model"));
    if (model == null) {
      model = DEFAULT_MODEL;
    }
    String id = "chatcmpl-fake-" + ids.incrementAndGet();
    Map<String, Object> usage = usage(promptTokens, completionTokens, true);
    String finishReason = toolCallId != null ? "tool_calls" : "stop";

    if (Boolean.TRUE.equals(request.get("stream"))) {
      boolean includeUsage =
          Boolean.TRUE.equals(map(request.get("stream_options")).get("include_usage"));
      List<String> events = new ArrayList<>();
      Map<String, Object> first = new LinkedHashMap<>();
      first.put("role", "assistant");
      if (toolCallId != null) {
        first.put("content", null);
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", functionName);
        function.put("arguments", "");
        Map<String, Object> call = toolCall(toolCallId, function);
        call.put("index", 0);
        first.put("tool_calls", Collections.singletonList(call));
        events.add(chunk(id, model, first, null, includeUsage));
        for (String piece : pieces(scripted.text())) {
          Map<String, Object> args = new LinkedHashMap<>();
          args.put("arguments", piece);
          Map<String, Object> delta = new LinkedHashMap<>();
          Map<String, Object> part = new LinkedHashMap<>();
          part.put("index", 0);
          part.put("function", args);
          delta.put("tool_calls", Collections.singletonList(part));
          events.add(chunk(id, model, delta, null, includeUsage));
        }
      } else {
        first.put("content", "");
        events.add(chunk(id, model, first, null, includeUsage));
        for (String piece : pieces(content)) {
          events.add(
              chunk(id, model, Collections.singletonMap("content", piece), null, includeUsage));
        }
      }
      events.add(chunk(id, model, Collections.emptyMap(), finishReason, includeUsage));
      if (includeUsage) {
        Map<String, Object> last = envelope(id, "chat.completion.chunk", model);
        last.put("choices", Collections.emptyList());
        last.put("usage", usage);
        events.add(MiniJson.write(last));
      }
      return Reply.stream(events, answer, promptTokens, completionTokens);
    }

    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", content);
    message.put("refusal", null);
    if (toolCallId != null) {
      Map<String, Object> function = new LinkedHashMap<>();
      function.put("name", functionName);
      function.put("arguments", scripted.text());
      message.put("tool_calls", Collections.singletonList(toolCall(toolCallId, function)));
    }
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", finishReason);
    Map<String, Object> completion = envelope(id, "chat.completion", model);
    completion.put("choices", Collections.singletonList(choice));
    completion.put("usage", usage);
    return Reply.json(MiniJson.write(completion), answer, promptTokens, completionTokens);
  }

  private static String defaultAnswer(List<Object> messages) {
    if (!messages.isEmpty()) {
      Map<String, Object> last = map(messages.get(messages.size() - 1));
      if ("tool".equals(last.get("role"))) {
        return "The tool returned: " + text(last.get("content"));
      }
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      Map<String, Object> message = map(messages.get(i));
      if ("user".equals(message.get("role"))) {
        return "You said: " + text(message.get("content"));
      }
    }
    return "You said nothing.";
  }

  private Reply embeddings(Map<String, Object> request) {
    List<String> inputs = new ArrayList<>();
    Object input = request.get("input");
    if (input instanceof String) {
      inputs.add((String) input);
    } else if (input instanceof List) {
      List<Object> items = list(input);
      if (!items.isEmpty() && items.get(0) instanceof Number) {
        // One input given as token ids.
        inputs.add(MiniJson.write(items));
      } else {
        for (Object item : items) {
          inputs.add(item instanceof String ? (String) item : MiniJson.write(item));
        }
      }
    }
    if (inputs.isEmpty()) {
      return Reply.error(
          400, "'input' must be a string or a non-empty array", "invalid_request_error");
    }
    int dimensions = DEFAULT_DIMENSIONS;
    Object requested = request.get("dimensions");
    if (requested instanceof Number && ((Number) requested).intValue() > 0) {
      dimensions = Math.min(4096, ((Number) requested).intValue());
    }
    boolean base64 = "base64".equals(request.get("encoding_format"));
    String model = string(request.get("model"));
    if (model == null) {
      model = "text-embedding-3-small";
    }

    long tokens = 0;
    List<Object> data = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      tokens += words(inputs.get(i));
      float[] vector = vector(inputs.get(i), dimensions);
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("object", "embedding");
      item.put("index", i);
      item.put("embedding", base64 ? base64(vector) : floats(vector));
      data.add(item);
    }
    tokens = Math.max(1, tokens);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("object", "list");
    response.put("data", data);
    response.put("model", model);
    response.put("usage", usage(tokens, 0, false));
    return Reply.json(MiniJson.write(response), null, tokens, 0);
  }

  /** A unit vector derived only from the text, so the same input always embeds the same. */
  static float[] vector(String text, int dimensions) {
    float[] v = new float[dimensions];
    long seed = text.hashCode() * 0x9E3779B97F4A7C15L + 1;
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      v[i] = ((seed >>> 40) / (float) (1L << 24)) * 2f - 1f;
      norm += v[i] * v[i];
    }
    float scale = norm == 0 ? 1f : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dimensions; i++) {
      v[i] *= scale;
    }
    return v;
  }

  private static List<Object> floats(float[] vector) {
    List<Object> out = new ArrayList<>(vector.length);
    for (float f : vector) {
      out.add(f);
    }
    return out;
  }

  private static String base64(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) {
      buffer.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  private static Map<String, Object> usage(long prompt, long completion, boolean chat) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", prompt);
    if (chat) {
      usage.put("completion_tokens", completion);
    }
    usage.put("total_tokens", prompt + completion);
    return usage;
  }

  private static Map<String, Object> envelope(String id, String object, String model) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("id", id);
    envelope.put("object", object);
    envelope.put("created", CREATED);
    envelope.put("model", model);
    envelope.put("system_fingerprint", FINGERPRINT);
    return envelope;
  }

  private static String chunk(
      String id,
      String model,
      Map<String, Object> delta,
      @Nullable String finishReason,
      boolean includeUsage) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("logprobs", null);
    choice.put("finish_reason", finishReason);
    Map<String, Object> chunk = envelope(id, "chat.completion.chunk", model);
    chunk.put("choices", Collections.singletonList(choice));
    if (includeUsage) {
      // Like the real API: every chunk but the last carries "usage": null.
      chunk.put("usage", null);
    }
    return MiniJson.write(chunk);
  }

  private static Map<String, Object> toolCall(String id, Map<String, Object> function) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("id", id);
    call.put("type", "function");
    call.put("function", function);
    return call;
  }

  /** Splits a text into stream deltas at spaces, each delta keeping its leading space. */
  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        out.add(text.substring(start, i));
        start = i;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  static long words(@Nullable String text) {
    if (text == null) {
      return 0;
    }
    long count = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        count++;
      }
      inWord = !space;
    }
    return count;
  }

  /** A message content as text: a string, or the text parts of a content array joined. */
  static String text(@Nullable Object content) {
    if (content instanceof String) {
      return (String) content;
    }
    StringBuilder sb = new StringBuilder();
    for (Object part : list(content)) {
      Object text = map(part).get("text");
      if (text instanceof String) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(text);
      }
    }
    return sb.toString();
  }

  private static String errorType(int status) {
    switch (status) {
      case 401:
        return "authentication_error";
      case 403:
        return "permission_error";
      case 404:
        return "not_found_error";
      case 429:
        return "rate_limit_error";
      default:
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
  }

  @Nullable
  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseObject(String body) {
    try {
      Object parsed = MiniJson.parse(body);
      return parsed instanceof Map ? (Map<String, Object>) parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(@Nullable Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Collections.emptyMap();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(@Nullable Object value) {
    return value instanceof List ? (List<Object>) value : Collections.emptyList();
  }

  @Nullable
  private static String string(@Nullable Object value) {
    return value instanceof String ? (String) value : null;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "FakeOpenAiHandler{" + server + "}";
  }

  /** One computed answer: a JSON body or a list of SSE events, and what to record. */
  private static final class Reply {
    final int status;
    @Nullable final String json;
    @Nullable final List<String> events;
    @Nullable final String answer;
    final long promptTokens;
    final long completionTokens;

    private Reply(
        int status,
        @Nullable String json,
        @Nullable List<String> events,
        @Nullable String answer,
        long promptTokens,
        long completionTokens) {
      this.status = status;
      this.json = json;
      this.events = events;
      this.answer = answer;
      this.promptTokens = promptTokens;
      this.completionTokens = completionTokens;
    }

    static Reply json(String json, @Nullable String answer, long prompt, long completion) {
      return new Reply(200, json, null, answer, prompt, completion);
    }

    static Reply stream(List<String> events, String answer, long prompt, long completion) {
      return new Reply(200, null, events, answer, prompt, completion);
    }

    static Reply error(int status, String message, String type) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", message);
      error.put("type", type);
      error.put("param", null);
      error.put("code", null);
      return new Reply(
          status, MiniJson.write(Collections.singletonMap("error", error)), null, message, 0, 0);
    }
  }
}
