/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_PARAMETERS;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.internal.CapturedLogs;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client transport wrapper under the real MCP client, against a scripted server. */
class McpClientTracingTest {

  private static final java.util.logging.Logger MCP_SDK_LOGS =
      McpEndToEndTest.quiet("io.modelcontextprotocol");

  private final TestTelemetry telemetry = TestTelemetry.withKey("tools.example");
  private final ScriptedTransport server = new ScriptedTransport();

  @AfterEach
  void close() {
    telemetry.close();
  }

  private McpSyncClient client(McpClientTransport transport) {
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
    client.initialize();
    return client;
  }

  @Test
  void aToolCallIsAToolSpanWhoseContextTravelsSignedInMeta() {
    McpSyncClient client = client(telemetry.mcp().wrap(server, "tools.example:8443"));
    client.listTools();
    String traceparent;
    try (Scope s = OpenInference.usingSession("session-1");
        Scope u = OpenInference.usingUser("user-1")) {
      Span agent = telemetry.sdk.getTracer("test").spanBuilder("agent").startSpan();
      try (Scope a = agent.makeCurrent()) {
        assertThat(client.callTool(call("weather", Map.of("city", "Paris"))).isError())
            .isNotEqualTo(true);
      } finally {
        agent.end();
      }
    }
    SpanData tool = span("tools/call weather");
    assertThat(tool)
        .hasKind(SpanKind.CLIENT)
        .hasParentSpanId(span("agent").getSpanId())
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
        .hasAttribute(TOOL_NAME, "weather")
        .hasAttribute(TOOL_DESCRIPTION, "Today's weather in a city")
        .hasAttribute(stringKey("gen_ai.tool.name"), "weather")
        .hasAttribute(stringKey("gen_ai.operation.name"), "execute_tool")
        .hasAttribute(stringKey("mcp.method.name"), "tools/call")
        .hasAttribute(stringKey("server.address"), "tools.example")
        .hasAttribute(longKey("server.port"), 8443L)
        .hasAttribute(stringKey("network.transport"), "tcp")
        .hasAttribute(INPUT_VALUE, "{\"city\":\"Paris\"}")
        .hasAttribute(INPUT_MIME_TYPE, "application/json")
        .hasAttribute(OUTPUT_VALUE, "Sunny")
        .hasAttribute(OUTPUT_MIME_TYPE, "text/plain")
        .hasAttribute(SESSION_ID, "session-1");
    assertThat(tool.getAttributes().get(TOOL_PARAMETERS)).contains("\"city\"");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    Map<String, Object> meta = server.lastMeta("tools/call");
    traceparent = (String) meta.get("traceparent");
    assertThat(traceparent).startsWith("00-" + tool.getTraceId() + "-" + tool.getSpanId() + "-");
    assertThat((String) meta.get("openinference"))
        .contains("session.id=session-1")
        .contains("user.id=user-1");
  }

  @Test
  void toolErrorsAndProtocolErrorsAreErrorSpans() {
    McpSyncClient client = client(telemetry.mcp().wrap(server, "tools.example"));

    assertThat(client.callTool(call("broken", Map.of())).isError()).isTrue();
    // The SDK logs the error response itself (1.x at SEVERE, 2.x at INFO).
    try (CapturedLogs sdkLogs = CapturedLogs.of("io.modelcontextprotocol")) {
      assertThatThrownBy(() -> client.callTool(call("missing", Map.of())))
          .hasMessageContaining("Unknown tool");
      assertThat(sdkLogs.toString()).isNotEmpty();
    }

    assertThat(span("tools/call broken"))
        .hasStatus(
            io.opentelemetry.sdk.trace.data.StatusData.create(StatusCode.ERROR, "no such city"))
        .hasAttribute(stringKey("error.type"), "tool_error")
        .hasAttribute(OUTPUT_VALUE, "no such city");
    assertThat(span("tools/call missing"))
        .hasStatus(
            io.opentelemetry.sdk.trace.data.StatusData.create(
                StatusCode.ERROR, "Unknown tool: missing"))
        .hasAttribute(stringKey("error.type"), "-32602")
        .hasAttribute(stringKey("rpc.response.status_code"), "-32602");
  }

  @Test
  void everyRequestIsAClientSpanAndTheCallersOwnMetaIsKept() {
    McpSyncClient client = client(telemetry.mcp().wrap(server, "tools.example"));
    Map<String, Object> own = new LinkedHashMap<>();
    own.put("progressToken", "p-1");
    own.put("traceparent", "00-not-a-trace");
    own.put("nested", Map.of("a", List.of(1, 2)));

    client.callTool(new McpSchema.CallToolRequest("weather", Map.of("city", "Oslo"), own));

    Map<String, Object> meta = server.lastMeta("tools/call");
    assertThat(meta).containsEntry("progressToken", "p-1");
    assertThat(meta).containsEntry("nested", Map.of("a", List.of(1, 2)));
    assertThat((String) meta.get("traceparent")).startsWith("00-").hasSize(55);
    assertThat(span("initialize"))
        .hasKind(SpanKind.CLIENT)
        .hasAttribute(stringKey("mcp.method.name"), "initialize");
    assertThat(server.lastMeta("initialize")).containsKey("traceparent");
  }

  @Test
  void aServerThatIsNotAllowListedGetsTheTraceContextOnly() {
    McpSyncClient client = client(telemetry.mcp().wrap(server, "elsewhere.example"));
    try (Scope s = OpenInference.usingSession("session-2")) {
      client.callTool(call("weather", Map.of("city", "Rome")));
    }

    assertThat(server.lastMeta("tools/call")).containsKey("traceparent");
    assertThat(server.lastMeta("tools/call")).doesNotContainKey("openinference");
  }

  @Test
  void aServerWithoutAnAddressGetsNoOpenInferenceValuesAndThePropagatorSaysWhy() {
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
      McpSyncClient client = client(telemetry.mcp().wrap(server));
      try (Scope s = OpenInference.usingSession("session-3")) {
        client.callTool(call("weather", Map.of("city", "Lima")));
      }

      assertThat(server.lastMeta("tools/call")).containsKey("traceparent");
      assertThat(server.lastMeta("tools/call")).doesNotContainKey("openinference");
      assertThat(logs.warnings())
          .anySatisfy(w -> assertThat(w).contains("destination").contains("is unknown"));
    }
    assertThat(span("tools/call weather").getAttributes().get(stringKey("server.address")))
        .isNull();
  }

  @Test
  void theAsyncClientCarriesTheContextCurrentWhereItIsSubscribed() {
    McpAsyncClient client =
        McpClient.async(telemetry.mcp().wrap(server, "tools.example"))
            .requestTimeout(Duration.ofSeconds(10))
            .build();
    client.initialize().block(Duration.ofSeconds(10));
    try (Scope s = OpenInference.usingSession("session-4")) {
      client.callTool(call("weather", Map.of("city", "Kyiv"))).block(Duration.ofSeconds(10));
    }

    assertThat(span("tools/call weather")).hasAttribute(SESSION_ID, "session-4");
    assertThat((String) server.lastMeta("tools/call").get("openinference"))
        .contains("session.id=session-4");
  }

  @Test
  void aRequestThatNeverGetsAResponseEndsAsUnansweredOnceItIsTooOld() {
    TracingClientTransport transport =
        new TracingClientTransport(
            telemetry.mcp(), server, ServerAddress.of(server, "tools.example"), 0, 0);
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(1)).build();
    client.initialize();
    try (CapturedLogs sdkLogs = CapturedLogs.of("io.modelcontextprotocol")) {
      assertThatThrownBy(() -> client.callTool(call("silent", Map.of())))
          .hasStackTraceContaining("Timeout");
      assertThat(sdkLogs.toString()).isNotEmpty();
    }
    assertThat(telemetry.spans.getFinishedSpanItems())
        .noneMatch(s -> s.getName().equals("tools/call silent"));

    client.callTool(call("weather", Map.of("city", "Bern")));

    assertThat(span("tools/call silent"))
        .hasStatus(
            io.opentelemetry.sdk.trace.data.StatusData.create(
                StatusCode.ERROR, "no response within 0 s"));
    assertThat(span("tools/call weather")).hasAttribute(OUTPUT_VALUE, "Sunny");
  }

  @Test
  void onAnotherThreadAnAsyncClientCarriesTheContextGivenInItsReactorContext() {
    McpAsyncClient client =
        McpClient.async(telemetry.mcp().wrap(server, "tools.example"))
            .requestTimeout(Duration.ofSeconds(10))
            .build();
    client.initialize().block(Duration.ofSeconds(10));
    reactor.core.publisher.Mono<McpSchema.CallToolResult> lost;
    reactor.core.publisher.Mono<McpSchema.CallToolResult> carried;
    try (Scope s = OpenInference.usingSession("session-5")) {
      lost =
          client
              .callTool(call("weather", Map.of("city", "Lost")))
              .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
      carried =
          client
              .callTool(call("weather", Map.of("city", "Carried")))
              .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
              .contextWrite(McpTelemetry.withContext(io.opentelemetry.context.Context.current()));
    }
    lost.block(Duration.ofSeconds(10));
    carried.block(Duration.ofSeconds(10));

    List<SpanData> calls =
        telemetry.spans.getFinishedSpanItems().stream()
            .filter(span -> span.getName().equals("tools/call weather"))
            .toList();
    assertThat(calls).hasSize(2);
    assertThat(calls)
        .filteredOn(span -> span.getAttributes().get(INPUT_VALUE).contains("Carried"))
        .singleElement()
        .satisfies(span -> assertThat(span).hasAttribute(SESSION_ID, "session-5"));
    assertThat(calls)
        .filteredOn(span -> span.getAttributes().get(INPUT_VALUE).contains("Lost"))
        .singleElement()
        .satisfies(span -> assertThat(span.getAttributes().get(SESSION_ID)).isNull());
  }

  @Test
  void wrappingIsIdempotentAndNullSafe() {
    McpTelemetry mcp = telemetry.mcp();
    McpClientTransport wrapped = mcp.wrap(server);
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference.instrumentation.mcp")) {
      assertThat(mcp.wrap(wrapped)).isSameAs(wrapped);
      assertThat(mcp.wrap((McpClientTransport) null)).isNull();
      assertThat(mcp.wrap(server, "not a host!")).isNotNull();
      assertThat(logs.warnings())
          .anySatisfy(w -> assertThat(w).contains("null transport"))
          .anySatisfy(w -> assertThat(w).contains("not a host, host:port or URL"));
    }
    assertThat(wrapped.toString()).contains("ScriptedTransport");
    assertThat(mcp.toString()).startsWith("McpTelemetry{");
    assertThat(MCP_SDK_LOGS.getLevel()).isNotNull();
  }

  // The two-argument constructor is deprecated in 2.x, but the only one 1.x and 2.x share.
  @SuppressWarnings("deprecation")
  private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
    return new McpSchema.CallToolRequest(tool, arguments);
  }

  private SpanData span(String name) {
    return telemetry.spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(name + " not in " + telemetry.spans.getFinishedSpanItems()));
  }
}
