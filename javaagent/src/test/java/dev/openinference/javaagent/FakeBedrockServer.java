/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * A fake Bedrock Runtime on 127.0.0.1 for {@link BedrockApp}: {@code POST /model/{id}/converse},
 * {@code converse-stream}, {@code invoke} and {@code invoke-with-response-stream}, the streaming
 * ones in AWS event-stream framing (encoded by the SDK's own {@code eventstream} classes). It holds
 * the weather conversation: a request without a tool result gets the {@code get_weather} tool call,
 * one with the result gets {@link BedrockApp#ANSWER}, in the wire shape of the operation and, for
 * InvokeModel, of the model family (Anthropic Claude, Amazon Nova, Amazon Titan text, Meta Llama).
 */
final class FakeBedrockServer implements AutoCloseable {

  static final long INPUT_TOKENS = 11;
  static final long OUTPUT_TOKENS = 7;

  private final HttpServer server;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  private FakeBedrockServer(HttpServer server) {
    this.server = server;
  }

  static FakeBedrockServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeBedrockServer fake = new FakeBedrockServer(server);
    server.createContext("/", fake::handle);
    server.start();
    return fake;
  }

  /** The endpoint to override the client's with. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Each request as {@code <operation> <model id>}, in arrival order. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(readAll(exchange.getRequestBody()), UTF_8);
      String[] path = exchange.getRequestURI().getRawPath().split("/");
      if (path.length != 4 || !path[1].equals("model")) {
        send(exchange, 404, "application/json", "{\"message\":\"no such path\"}".getBytes(UTF_8));
        return;
      }
      String model = URLDecoder.decode(path[2], UTF_8);
      String operation = path[3];
      requests.add(operation + " " + model);
      boolean answer = body.contains("toolResult") || body.contains("tool_result");
      switch (operation) {
        case "converse":
          send(exchange, 200, "application/json", converse(answer).getBytes(UTF_8));
          return;
        case "converse-stream":
          send(exchange, 200, "application/vnd.amazon.eventstream", converseStream(answer));
          return;
        case "invoke":
          send(exchange, 200, "application/json", invoke(model, answer).getBytes(UTF_8));
          return;
        case "invoke-with-response-stream":
          send(
              exchange,
              200,
              "application/vnd.amazon.eventstream",
              chunks(invokeStream(model, answer)));
          return;
        default:
          send(
              exchange,
              404,
              "application/json",
              "{\"message\":\"no such operation\"}".getBytes(UTF_8));
      }
    }
  }

  private static String converse(boolean answer) {
    String content =
        answer
            ? "{\"text\":" + quote(BedrockApp.ANSWER) + "}"
            : "{\"toolUse\":{\"toolUseId\":\""
                + BedrockApp.TOOL_USE_ID
                + "\",\"name\":\""
                + BedrockApp.TOOL
                + "\",\"input\":"
                + BedrockApp.TOOL_ARGUMENTS
                + "}}";
    return "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":["
        + content
        + "]}},\"stopReason\":\""
        + (answer ? "end_turn" : "tool_use")
        + "\",\"usage\":"
        + camelUsage()
        + ",\"metrics\":{\"latencyMs\":1}}";
  }

  private static byte[] converseStream(boolean answer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    event(out, "messageStart", "{\"role\":\"assistant\"}");
    if (answer) {
      event(out, "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"It is \"}}");
      event(
          out,
          "contentBlockDelta",
          "{\"contentBlockIndex\":0,\"delta\":{\"text\":"
              + quote(BedrockApp.ANSWER.substring("It is ".length()))
              + "}}");
    } else {
      event(
          out,
          "contentBlockStart",
          "{\"contentBlockIndex\":0,\"start\":{\"toolUse\":{\"toolUseId\":\""
              + BedrockApp.TOOL_USE_ID
              + "\",\"name\":\""
              + BedrockApp.TOOL
              + "\"}}}");
      // The arguments arrive in pieces, as Bedrock streams them.
      int cut = BedrockApp.TOOL_ARGUMENTS.indexOf(':') + 1;
      for (String piece :
          List.of(
              BedrockApp.TOOL_ARGUMENTS.substring(0, cut),
              BedrockApp.TOOL_ARGUMENTS.substring(cut))) {
        event(
            out,
            "contentBlockDelta",
            "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":" + quote(piece) + "}}}");
      }
    }
    event(out, "contentBlockStop", "{\"contentBlockIndex\":0}");
    event(out, "messageStop", "{\"stopReason\":\"" + (answer ? "end_turn" : "tool_use") + "\"}");
    event(out, "metadata", "{\"usage\":" + camelUsage() + ",\"metrics\":{\"latencyMs\":1}}");
    return out.toByteArray();
  }

  private static String invoke(String model, boolean answer) {
    if (model.contains("anthropic.claude")) {
      String content =
          answer
              ? "{\"type\":\"text\",\"text\":" + quote(BedrockApp.ANSWER) + "}"
              : "{\"type\":\"tool_use\",\"id\":\""
                  + BedrockApp.TOOL_USE_ID
                  + "\",\"name\":\""
                  + BedrockApp.TOOL
                  + "\",\"input\":"
                  + BedrockApp.TOOL_ARGUMENTS
                  + "}";
      return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\","
          + "\"content\":["
          + content
          + "],\"stop_reason\":\""
          + (answer ? "end_turn" : "tool_use")
          + "\",\"usage\":{\"input_tokens\":"
          + INPUT_TOKENS
          + ",\"output_tokens\":"
          + OUTPUT_TOKENS
          + "}}";
    }
    if (model.contains("amazon.nova")) {
      return "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":["
          + (answer
              ? "{\"text\":" + quote(BedrockApp.ANSWER) + "}"
              : "{\"toolUse\":{\"toolUseId\":\""
                  + BedrockApp.TOOL_USE_ID
                  + "\",\"name\":\""
                  + BedrockApp.TOOL
                  + "\",\"input\":"
                  + BedrockApp.TOOL_ARGUMENTS
                  + "}}")
          + "]}},\"stopReason\":\""
          + (answer ? "end_turn" : "tool_use")
          + "\",\"usage\":"
          + camelUsage()
          + "}";
    }
    if (model.contains("amazon.titan")) {
      return "{\"inputTextTokenCount\":"
          + INPUT_TOKENS
          + ",\"results\":[{\"tokenCount\":"
          + OUTPUT_TOKENS
          + ",\"outputText\":"
          + quote(BedrockApp.ANSWER)
          + ",\"completionReason\":\"FINISH\"}]}";
    }
    // meta.llama
    return "{\"generation\":"
        + quote(BedrockApp.ANSWER)
        + ",\"prompt_token_count\":"
        + INPUT_TOKENS
        + ",\"generation_token_count\":"
        + OUTPUT_TOKENS
        + ",\"stop_reason\":\"stop\"}";
  }

  /** The model's own stream events, each of which goes out as one {@code chunk}. */
  private static List<String> invokeStream(String model, boolean answer) {
    List<String> events = new ArrayList<>();
    String rest = BedrockApp.ANSWER.substring("It is ".length());
    if (model.contains("anthropic.claude")) {
      events.add(
          "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
              + "\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":"
              + INPUT_TOKENS
              + ",\"output_tokens\":1}}}");
      if (answer) {
        events.add(
            "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        events.add(
            "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"It is \"}}");
        events.add(
            "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":"
                + quote(rest)
                + "}}");
      } else {
        events.add(
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                + "\"id\":\""
                + BedrockApp.TOOL_USE_ID
                + "\",\"name\":\""
                + BedrockApp.TOOL
                + "\",\"input\":{}}}");
        int cut = BedrockApp.TOOL_ARGUMENTS.indexOf(':') + 1;
        for (String piece :
            List.of(
                BedrockApp.TOOL_ARGUMENTS.substring(0, cut),
                BedrockApp.TOOL_ARGUMENTS.substring(cut))) {
          events.add(
              "{\"type\":\"content_block_delta\",\"index\":0,"
                  + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                  + quote(piece)
                  + "}}");
        }
      }
      events.add("{\"type\":\"content_block_stop\",\"index\":0}");
      events.add(
          "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
              + (answer ? "end_turn" : "tool_use")
              + "\"},\"usage\":{\"output_tokens\":"
              + OUTPUT_TOKENS
              + "}}");
      events.add("{\"type\":\"message_stop\"}");
    } else if (model.contains("amazon.nova")) {
      events.add("{\"messageStart\":{\"role\":\"assistant\"}}");
      if (answer) {
        events.add(
            "{\"contentBlockDelta\":{\"delta\":{\"text\":\"It is \"},\"contentBlockIndex\":0}}");
        events.add(
            "{\"contentBlockDelta\":{\"delta\":{\"text\":"
                + quote(rest)
                + "},\"contentBlockIndex\":0}}");
      } else {
        events.add(
            "{\"contentBlockStart\":{\"start\":{\"toolUse\":{\"toolUseId\":\""
                + BedrockApp.TOOL_USE_ID
                + "\",\"name\":\""
                + BedrockApp.TOOL
                + "\"}},\"contentBlockIndex\":0}}");
        // Nova streams a tool call's input whole, in one delta.
        events.add(
            "{\"contentBlockDelta\":{\"delta\":{\"toolUse\":{\"input\":"
                + quote(BedrockApp.TOOL_ARGUMENTS)
                + "}},\"contentBlockIndex\":0}}");
      }
      events.add("{\"contentBlockStop\":{\"contentBlockIndex\":0}}");
      events.add(
          "{\"messageStop\":{\"stopReason\":\"" + (answer ? "end_turn" : "tool_use") + "\"}}");
      events.add("{\"metadata\":{\"usage\":" + camelUsage() + "}}");
    } else {
      // amazon.titan text
      events.add(
          "{\"outputText\":\"It is \",\"index\":0,\"inputTextTokenCount\":" + INPUT_TOKENS + "}");
      events.add(
          "{\"outputText\":"
              + quote(rest)
              + ",\"index\":0,\"totalOutputTextTokenCount\":"
              + OUTPUT_TOKENS
              + ",\"completionReason\":\"FINISH\"}");
    }
    return events;
  }

  private static byte[] chunks(List<String> modelEvents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String modelEvent : modelEvents) {
      String bytes = Base64.getEncoder().encodeToString(modelEvent.getBytes(UTF_8));
      event(out, "chunk", "{\"bytes\":\"" + bytes + "\"}");
    }
    return out.toByteArray();
  }

  /** One event-stream frame: an event of {@code type} with a JSON payload. */
  private static void event(ByteArrayOutputStream out, String type, String payload) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(type));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    new Message(headers, payload.getBytes(UTF_8)).encode(out);
  }

  private static String camelUsage() {
    return "{\"inputTokens\":"
        + INPUT_TOKENS
        + ",\"outputTokens\":"
        + OUTPUT_TOKENS
        + ",\"totalTokens\":"
        + (INPUT_TOKENS + OUTPUT_TOKENS)
        + "}";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-request");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  @Override
  public String toString() {
    return "FakeBedrockServer{" + endpoint() + "}";
  }
}
