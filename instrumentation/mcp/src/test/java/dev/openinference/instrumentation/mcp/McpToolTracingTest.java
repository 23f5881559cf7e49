/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.TOOL_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.internal.CapturedLogs;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/**
 * The tool wrappers of a server, called as the SDK calls them, with {@code _meta} written by a
 * client's propagators (signed with the server's key or not) or forged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpToolTracingTest {

  private final TestTelemetry agent = TestTelemetry.withKey("tools.example");
  private final TestTelemetry toolServer = TestTelemetry.withKey();
  private final AtomicReference<Span> seenByTool = new AtomicReference<>();

  @AfterEach
  void close() {
    agent.close();
    toolServer.close();
  }

  private McpSchema.Tool tool() {
    // Tool.builder() is deprecated in 2.x, but the one way to build a Tool that 1.x shares.
    @SuppressWarnings("deprecation")
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name("weather")
            .description("Today's weather in a city")
            .inputSchema(
                McpJsonDefaults.getMapper(),
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")
            .build();
    return tool;
  }

  private McpSchema.CallToolResult forecast(McpSchema.CallToolRequest request) {
    seenByTool.set(Span.current());
    toolServer.sdk.getTracer("tool").spanBuilder("inside the tool").startSpan().end();
    return McpSchema.CallToolResult.builder()
        .addTextContent("Sunny in " + request.arguments().get("city"))
        .build();
  }

  private McpServerFeatures.SyncToolSpecification syncTool() {
    return toolServer
        .mcp()
        .wrap(
            new McpServerFeatures.SyncToolSpecification(
                tool(), (exchange, request) -> forecast(request)));
  }

  /** The {@code _meta} a wrapped client writes from inside a session, and its client span. */
  private Map<String, Object> metaFromAgent(AtomicReference<SpanData> clientSpan) {
    Map<String, Object> meta = new HashMap<>();
    try (Scope s = OpenInference.usingSession("session-9");
        Scope u = OpenInference.usingUser("user-9")) {
      Span span =
          agent
              .sdk
              .getTracer("agent")
              .spanBuilder("tools/call weather")
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute("server.address", "tools.example")
              .startSpan();
      agent
          .sdk
          .getPropagators()
          .getTextMapPropagator()
          .inject(Context.current().with(span), meta, MetaCarrier.INSTANCE);
      span.end();
    }
    clientSpan.set(agent.spans.getFinishedSpanItems().get(0));
    assertThat(meta).containsKeys("traceparent", "openinference");
    return meta;
  }

  @Test
  void aSyncToolRunsInTheCallersTraceWithTheSignedSession() {
    AtomicReference<SpanData> client = new AtomicReference<>();
    McpSchema.CallToolRequest request = request(Map.of("city", "Paris"), metaFromAgent(client));

    McpSchema.CallToolResult result = syncTool().callHandler().apply(null, request);

    assertThat(((McpSchema.TextContent) result.content().get(0)).text())
        .isEqualTo("Sunny in Paris");
    SpanData server = span("tools/call weather");
    assertThat(server)
        .hasKind(SpanKind.SERVER)
        .hasTraceId(client.get().getTraceId())
        .hasParentSpanId(client.get().getSpanId())
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
        .hasAttribute(TOOL_NAME, "weather")
        .hasAttribute(stringKey("gen_ai.operation.name"), "execute_tool")
        .hasAttribute(stringKey("mcp.method.name"), "tools/call")
        .hasAttribute(INPUT_VALUE, "{\"city\":\"Paris\"}")
        .hasAttribute(OUTPUT_VALUE, "Sunny in Paris")
        .hasAttribute(OUTPUT_MIME_TYPE, "text/plain")
        .hasAttribute(SESSION_ID, "session-9")
        .hasAttribute(USER_ID, "user-9");
    assertThat(server.getAttributes().get(TOOL_PARAMETERS)).contains("\"city\"");
    assertThat(span("inside the tool"))
        .hasParentSpanId(server.getSpanId())
        .hasAttribute(SESSION_ID, "session-9")
        .hasAttribute(USER_ID, "user-9");
    assertThat(seenByTool.get().getSpanContext().getSpanId()).isEqualTo(server.getSpanId());
  }

  @Test
  void anAsyncToolIsCurrentWhileItsMonoIsBuiltAndSubscribed() {
    AtomicReference<SpanData> client = new AtomicReference<>();
    McpServerFeatures.AsyncToolSpecification tool =
        toolServer
            .mcp()
            .wrap(
                new McpServerFeatures.AsyncToolSpecification(
                    tool(), (exchange, request) -> Mono.fromCallable(() -> forecast(request))));

    McpSchema.CallToolResult result =
        tool.callHandler()
            .apply(null, request(Map.of("city", "Oslo"), metaFromAgent(client)))
            .block(Duration.ofSeconds(10));

    assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("Sunny in Oslo");
    SpanData server = span("tools/call weather");
    assertThat(server)
        .hasParentSpanId(client.get().getSpanId())
        .hasAttribute(SESSION_ID, "session-9");
    assertThat(span("inside the tool")).hasParentSpanId(server.getSpanId());
  }

  @Test
  void whatAToolThrowsOrReportsReachesTheSdkUnchangedAndTheSpanSaysSo() {
    IllegalStateException failure = new IllegalStateException("the weather service is down");
    McpServerFeatures.SyncToolSpecification throwing =
        toolServer
            .mcp()
            .wrap(
                new McpServerFeatures.SyncToolSpecification(
                    tool(),
                    (exchange, request) -> {
                      throw failure;
                    }));
    McpServerFeatures.AsyncToolSpecification failing =
        toolServer
            .mcp()
            .wrap(
                new McpServerFeatures.AsyncToolSpecification(
                    tool(),
                    (exchange, request) ->
                        Mono.just(
                            McpSchema.CallToolResult.builder()
                                .addTextContent("no such city")
                                .isError(true)
                                .build())));

    assertThatThrownBy(() -> throwing.callHandler().apply(null, request(Map.of(), Map.of())))
        .isSameAs(failure);
    assertThat(failing.callHandler().apply(null, request(Map.of(), null)).block().isError())
        .isTrue();

    List<SpanData> spans = toolServer.spans.getFinishedSpanItems();
    assertThat(spans.get(0))
        .hasStatus(
            io.opentelemetry.sdk.trace.data.StatusData.create(
                StatusCode.ERROR, "the weather service is down"))
        .hasAttribute(stringKey("error.type"), "java.lang.IllegalStateException");
    assertThat(spans.get(0).getEvents())
        .anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    assertThat(spans.get(1))
        .hasStatus(
            io.opentelemetry.sdk.trace.data.StatusData.create(StatusCode.ERROR, "no such city"))
        .hasAttribute(stringKey("error.type"), "tool_error");
  }

  static Stream<Arguments> badMeta() {
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    return Stream.of(
        Arguments.of("traceparent is a number", Map.of("traceparent", 42)),
        Arguments.of(
            "every field a wrong type",
            Map.of(
                "traceparent",
                List.of(traceparent),
                "tracestate",
                Map.of("a", "b"),
                "baggage",
                true,
                "openinference",
                7.5)),
        Arguments.of(
            "a huge baggage",
            Map.of("traceparent", traceparent, "baggage", "k=" + "v".repeat(1_000_000))),
        Arguments.of(
            "a huge openinference field",
            Map.of("traceparent", traceparent, "openinference", "x".repeat(9_000))),
        Arguments.of(
            "unsigned openinference values",
            Map.of(
                "traceparent", traceparent, "openinference", "session.id=forged;user.id=forged")),
        Arguments.of(
            "plain session and user fields and baggage",
            Map.of(
                "traceparent", traceparent,
                "session.id", "forged",
                "user.id", "forged",
                "baggage", "session.id=forged,user.id=forged")),
        Arguments.of(
            "a garbage traceparent", Map.of("traceparent", "00-zz-zz-zz", "junk", List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badMeta")
  void badMetaNeverBreaksACallAndNeverGivesASession(String description, Map<String, Object> meta) {
    McpSchema.CallToolResult result;
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
      result = syncTool().callHandler().apply(null, request(Map.of("city", "Rome"), meta));
      // Which warnings show is rate-limited across the cases; none repeats a huge value.
      assertThat(logs.warnings()).allSatisfy(w -> assertThat(w.length()).isLessThan(2_000));
    }

    assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("Sunny in Rome");
    for (SpanData span : toolServer.spans.getFinishedSpanItems()) {
      assertThat(span.getAttributes().get(SESSION_ID)).as(span.getName()).isNull();
      assertThat(span.getAttributes().get(USER_ID)).as(span.getName()).isNull();
    }
    assertThat(span("inside the tool")).hasParentSpanId(span("tools/call weather").getSpanId());
  }

  @Test
  @Order(1)
  void fieldsOfTheWrongTypeOrSizeAreNamedInOneWarningPerCall() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("traceparent", 42);
    meta.put("tracestate", List.of("a=b"));
    meta.put("baggage", "k=" + "v".repeat(100_000));
    meta.put("openinference", Map.of("session.id", "forged"));
    List<String> warnings;
    try (CapturedLogs logs = CapturedLogs.of(MetaCarrier.class.getName())) {
      assertThat(syncTool().callHandler().apply(null, request(Map.of("city", "Rome"), meta)))
          .isNotNull();
      warnings = logs.warnings();
    }

    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("tool \"weather\"")
        .contains("params._meta.traceparent (ignored: a JSON number, not a string)")
        .contains("params._meta.baggage (ignored: 100002 characters, over 8192)")
        .contains("params._meta.openinference (ignored: a JSON object, not a string)")
        .doesNotContain("vvvv");
    assertThat(span("tools/call weather").getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void aMetaThatIsNotAJsonObjectNeverReachesAWrapperTheSdkRejectsTheRequest() {
    // The README says so: the MCP SDK's own JSON mapping refuses such a request before any tool.
    for (String meta : List.of("5", "\"traceparent\"", "[1]")) {
      assertThatThrownBy(
              () ->
                  McpJsonDefaults.getMapper()
                      .readValue(
                          "{\"name\":\"weather\",\"arguments\":{},\"_meta\":" + meta + "}",
                          McpSchema.CallToolRequest.class))
          .as(meta)
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void aValueSignedWithAnotherKeyIsIgnored() {
    try (TestTelemetry other =
        TestTelemetry.withSomeKey("a-different-key-0123456789", "tools.example")) {
      Map<String, Object> meta = new HashMap<>();
      try (Scope s = OpenInference.usingSession("session-x")) {
        Span span =
            other
                .sdk
                .getTracer("agent")
                .spanBuilder("call")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("server.address", "tools.example")
                .startSpan();
        other
            .sdk
            .getPropagators()
            .getTextMapPropagator()
            .inject(Context.current().with(span), meta, MetaCarrier.INSTANCE);
        span.end();
      }
      try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
        assertThat(syncTool().callHandler().apply(null, request(Map.of("city", "Rome"), meta)))
            .isNotNull();
        assertThat(logs.warnings()).anySatisfy(w -> assertThat(w).contains("does not verify"));
      }
    }
    assertThat(span("tools/call weather").getAttributes().get(SESSION_ID)).isNull();
    assertThat(span("tools/call weather").getParentSpanContext().isRemote()).isTrue();
  }

  @Test
  void wrappingIsIdempotentAndNullSafe() {
    McpTelemetry mcp = toolServer.mcp();
    McpServerFeatures.SyncToolSpecification wrapped = syncTool();
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference.instrumentation.mcp")) {
      assertThat(mcp.wrap(wrapped)).isSameAs(wrapped);
      assertThat(mcp.wrap((McpServerFeatures.SyncToolSpecification) null)).isNull();
      assertThat(mcp.wrap((McpServerFeatures.AsyncToolSpecification) null)).isNull();
      assertThat(mcp.wrapSyncTools(null)).isEmpty();
      assertThat(mcp.wrapAsyncTools(java.util.Arrays.asList(null, null))).isEmpty();
      assertThat(logs.warnings()).hasSize(5);
    }
    assertThat(wrapped.callHandler().toString()).contains("weather");
  }

  private static McpSchema.CallToolRequest request(
      Map<String, Object> arguments, Map<String, Object> meta) {
    return new McpSchema.CallToolRequest(
        "weather", new LinkedHashMap<>(arguments), meta == null ? null : new HashMap<>(meta));
  }

  private SpanData span(String name) {
    return toolServer.spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(name + " not in " + toolServer.spans.getFinishedSpanItems()));
  }
}
