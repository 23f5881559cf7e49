/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport standing in for a tool server: every message goes through JSON as on the wire,
 * is recorded, and is answered at once (initialize, tools/list, and tools/call of {@code weather},
 * {@code broken} (a tool error) and anything else (a JSON-RPC error)).
 */
final class ScriptedTransport implements McpClientTransport {

  private static final TypeRef<Map<String, Object>> MAP = new TypeRef<Map<String, Object>>() {};

  final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
  private final McpJsonMapper json = McpJsonDefaults.getMapper();
  private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    this.handler = handler;
    return Mono.empty();
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(
        () -> {
          Map<String, Object> wire;
          try {
            wire = json.readValue(json.writeValueAsString(message), MAP);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          sent.add(wire);
          if (message instanceof McpSchema.JSONRPCRequest request) {
            reply(request, wire);
          }
        });
  }

  @SuppressWarnings("unchecked")
  private void reply(McpSchema.JSONRPCRequest request, Map<String, Object> wire) {
    Map<String, Object> params = (Map<String, Object>) wire.get("params");
    Object result = null;
    McpSchema.JSONRPCResponse.JSONRPCError error = null;
    switch (request.method()) {
      case "initialize" ->
          result =
              Map.of(
                  "protocolVersion", params.get("protocolVersion"),
                  "capabilities", Map.of("tools", Map.of()),
                  "serverInfo", Map.of("name", "scripted", "version", "1"));
      case "tools/list" ->
          result =
              Map.of(
                  "tools",
                  List.of(
                      Map.of(
                          "name", "weather",
                          "description", "Today's weather in a city",
                          "inputSchema",
                              Map.of(
                                  "type",
                                  "object",
                                  "properties",
                                  Map.of("city", Map.of("type", "string"))))));
      case "tools/call" -> {
        Object name = params.get("name");
        if ("weather".equals(name)) {
          result =
              Map.of("content", List.of(Map.of("type", "text", "text", "Sunny")), "isError", false);
        } else if ("silent".equals(name)) {
          return; // never answers
        } else if ("broken".equals(name)) {
          result =
              Map.of(
                  "content",
                  List.of(Map.of("type", "text", "text", "no such city")),
                  "isError",
                  true);
        } else {
          error = new McpSchema.JSONRPCResponse.JSONRPCError(-32602, "Unknown tool: " + name, null);
        }
      }
      default -> result = Map.of();
    }
    McpSchema.JSONRPCResponse response =
        new McpSchema.JSONRPCResponse("2.0", request.id(), result, error);
    handler.apply(Mono.just(response)).subscribe();
  }

  /** The {@code params._meta} of the last request sent with {@code method}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> lastMeta(String method) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (method.equals(sent.get(i).get("method"))) {
        Map<String, Object> params = (Map<String, Object>) sent.get(i).get("params");
        Object meta = params == null ? null : params.get("_meta");
        return meta == null ? Map.of() : (Map<String, Object>) meta;
      }
    }
    throw new AssertionError("no " + method + " request in " + sent);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.empty();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return json.convertValue(data, typeRef);
  }

  @Override
  public String toString() {
    return "ScriptedTransport";
  }
}
