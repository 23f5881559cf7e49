/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.openinference.context.internal.JsonEncoder;
import dev.openinference.semconv.MimeType;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The OTel MCP semantic conventions' attribute names (incubating, so spelt here rather than taken
 * from {@code opentelemetry-semconv-incubating}), and the JSON rendering of MCP values.
 */
final class McpAttributes {

  static final AttributeKey<String> MCP_METHOD_NAME = stringKey("mcp.method.name");
  static final AttributeKey<String> MCP_SESSION_ID = stringKey("mcp.session.id");
  static final AttributeKey<String> JSONRPC_REQUEST_ID = stringKey("jsonrpc.request.id");
  static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");
  static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");
  static final AttributeKey<String> NETWORK_TRANSPORT = stringKey("network.transport");
  static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE =
      stringKey("rpc.response.status_code");

  static final String TOOLS_CALL = "tools/call";
  static final String TOOLS_LIST = "tools/list";
  static final String EXECUTE_TOOL = "execute_tool";

  /** {@code error.type} of a tool result with {@code isError: true}. */
  static final String TOOL_ERROR = "tool_error";

  private McpAttributes() {}

  /**
   * Returns {@code value} as JSON, written by the SDK's own JSON mapper (records and maps alike),
   * else by OpenInference's bounded encoder; never throws.
   */
  static String toJson(@Nullable Object value) {
    if (value != null) {
      try {
        return McpJsonDefaults.getMapper().writeValueAsString(value);
      } catch (Throwable t) {
        // No JSON mapper on the class path, or a value it cannot write: the bounded encoder.
      }
    }
    return JsonEncoder.toJson(value);
  }

  /**
   * Returns the text of a tool result whose content is text only and which has no structured
   * content (what a reader of the session wants to see), else null (the caller shows the JSON).
   * Accepts the SDK's records (server side) and the plain JSON maps a client receives.
   */
  @Nullable
  static String textOf(@Nullable Object content, @Nullable Object structuredContent) {
    if (structuredContent != null || !(content instanceof List) || ((List<?>) content).isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Object item : (List<?>) content) {
      String part;
      if (item instanceof McpSchema.TextContent) {
        part = ((McpSchema.TextContent) item).text();
      } else if (item instanceof Map && "text".equals(((Map<?, ?>) item).get("type"))) {
        Object value = ((Map<?, ?>) item).get("text");
        part = value instanceof String ? (String) value : null;
      } else {
        part = null;
      }
      if (part == null) {
        return null;
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(part);
    }
    return text.toString();
  }

  /** The MIME type of {@link #toJson} or plain text output. */
  static String mimeType(boolean json) {
    return json ? MimeType.JSON.getValue() : MimeType.TEXT.getValue();
  }
}
