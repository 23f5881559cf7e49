/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import static io.opentelemetry.api.common.AttributeKey.booleanArrayKey;
import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longArrayKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real OTLP exporters send over loopback into the receiver, which decodes what they sent. */
class OtlpReceiverExportTest {

  private static final Resource RESOURCE =
      Resource.getDefault()
          .merge(
              Resource.create(
                  Attributes.of(
                      stringKey("service.name"), "receiver-test", longKey("deployment.shard"), 7L),
                  "https://opentelemetry.io/schemas/1.24.0"));

  private static final String REMOTE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String REMOTE_PARENT_ID = "00f067aa0ba902b7";
  private static final String LINKED_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String LINKED_SPAN_ID = "b7ad6b7169203331";

  private final OtlpReceiver receiver = OtlpReceiver.create();

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @ParameterizedTest(name = "{0} compression={1}")
  @CsvSource({"HTTP, none", "HTTP, gzip", "GRPC, none", "GRPC, gzip"})
  void decodesEverySpanFieldAsTheSdkRecordedIt(
      ReceivedRequest.Transport transport, String compression) {
    InMemorySpanExporter sent = InMemorySpanExporter.create();
    SpanExporter exporter =
        exporter(transport, compression, "x-test-header", "header-value-" + transport);
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(RESOURCE)
            .addSpanProcessor(SimpleSpanProcessor.create(sent))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
    Tracer tracer =
        provider
            .tracerBuilder("dev.openinference.testing.test")
            .setInstrumentationVersion("1.2.3")
            .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
            .build();

    emitTrace(tracer);
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

    List<SpanData> received = receiver.awaitSpans(3, Duration.ofSeconds(10));
    assertThat(received).hasSize(3);

    SpanData root = byName(received, "agent-run");
    SpanData child = byName(received, "llm-call");
    SpanData failing = byName(received, "tool-call");

    assertThat(root)
        .hasName("agent-run")
        .hasKind(SpanKind.SERVER)
        .hasTraceId(REMOTE_TRACE_ID)
        .hasParentSpanId(REMOTE_PARENT_ID)
        .hasStatus(StatusData.ok())
        .hasAttributesSatisfyingExactly(
            equalTo(stringKey("session.id"), "session-1"),
            equalTo(booleanKey("flag"), true),
            equalTo(longKey("count"), 42L),
            equalTo(doubleKey("ratio"), 0.25),
            equalTo(stringArrayKey("tag.tags"), Arrays.asList("a", "b")),
            equalTo(booleanArrayKey("bools"), Arrays.asList(true, false)),
            equalTo(longArrayKey("longs"), Arrays.asList(1L, -2L, Long.MAX_VALUE)),
            equalTo(doubleArrayKey("doubles"), Arrays.asList(1.5, -0.5)),
            equalTo(stringKey("unicode"), "héllo ✓ 日本"))
        .hasLinksSatisfying(
            links ->
                assertThat(links)
                    .singleElement()
                    .satisfies(
                        link -> {
                          assertThat(link.getSpanContext().getTraceId()).isEqualTo(LINKED_TRACE_ID);
                          assertThat(link.getSpanContext().getSpanId()).isEqualTo(LINKED_SPAN_ID);
                          assertThat(link.getAttributes())
                              .isEqualTo(Attributes.of(stringKey("link.reason"), "retry"));
                        }))
        .hasInstrumentationScopeInfo(
            InstrumentationScopeInfo.builder("dev.openinference.testing.test")
                .setVersion("1.2.3")
                .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
                .build())
        .hasResourceSatisfying(
            resource ->
                resource
                    .hasSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                    .hasAttribute(stringKey("service.name"), "receiver-test")
                    .hasAttribute(longKey("deployment.shard"), 7L)
                    .hasAttribute(stringKey("telemetry.sdk.language"), "java"));
    assertThat(root.getParentSpanContext().isRemote()).isTrue();
    assertThat(root.getSpanContext().getTraceState().get("vendor")).isEqualTo("v1");
    assertThat(root.getSpanContext().getTraceState().get("other")).isEqualTo("x");
    assertThat(root.getSpanContext().isSampled()).isTrue();

    assertThat(child)
        .hasKind(SpanKind.CLIENT)
        .hasParentSpanId(root.getSpanId())
        .hasTraceId(REMOTE_TRACE_ID)
        .hasEventsSatisfyingExactly(
            event ->
                event
                    .hasName("first-token")
                    .hasAttributesSatisfyingExactly(equalTo(longKey("token.index"), 0L)));
    assertThat(child.getParentSpanContext().isRemote()).isFalse();

    assertThat(failing)
        .hasParentSpanId(root.getSpanId())
        .hasStatus(StatusData.create(StatusCode.ERROR, "tool exploded"))
        .hasEventsSatisfyingExactly(
            event ->
                event
                    .hasName("exception")
                    .hasAttributesSatisfying(
                        equalTo(stringKey("exception.type"), "java.lang.IllegalStateException"),
                        equalTo(stringKey("exception.message"), "boom")));

    // Field by field, what arrived is what the SDK recorded.
    List<SpanData> original = sent.getFinishedSpanItems();
    assertThat(original).hasSize(3);
    for (SpanData expected : original) {
      SpanData actual = byName(received, expected.getName());
      assertThat(actual.getKind()).isEqualTo(expected.getKind());
      assertThat(actual.getSpanContext()).isEqualTo(expected.getSpanContext());
      assertThat(actual.getParentSpanContext()).isEqualTo(expected.getParentSpanContext());
      assertThat(actual.getStatus()).isEqualTo(expected.getStatus());
      assertThat(actual.getStartEpochNanos()).isEqualTo(expected.getStartEpochNanos());
      assertThat(actual.getEndEpochNanos()).isEqualTo(expected.getEndEpochNanos());
      // Attributes implementations differ (AttributesMap vs. immutable), so compare as maps.
      assertThat(actual.getAttributes().asMap()).isEqualTo(expected.getAttributes().asMap());
      // Compared by field: the SDK's exception event also holds the Throwable, which stays home.
      assertThat(actual.getEvents())
          .extracting(
              EventData::getName,
              EventData::getEpochNanos,
              e -> e.getAttributes().asMap(),
              EventData::getTotalAttributeCount)
          .containsExactlyElementsOf(
              expected.getEvents().stream()
                  .map(
                      e ->
                          tuple(
                              e.getName(),
                              e.getEpochNanos(),
                              e.getAttributes().asMap(),
                              e.getTotalAttributeCount()))
                  .collect(Collectors.toList()));
      assertThat(actual.getLinks())
          .extracting(
              LinkData::getSpanContext,
              l -> l.getAttributes().asMap(),
              LinkData::getTotalAttributeCount)
          .containsExactlyElementsOf(
              expected.getLinks().stream()
                  .map(
                      l ->
                          tuple(
                              l.getSpanContext(),
                              l.getAttributes().asMap(),
                              l.getTotalAttributeCount()))
                  .collect(Collectors.toList()));
      assertThat(actual.getTotalAttributeCount()).isEqualTo(expected.getTotalAttributeCount());
      assertThat(actual.getTotalRecordedEvents()).isEqualTo(expected.getTotalRecordedEvents());
      assertThat(actual.getTotalRecordedLinks()).isEqualTo(expected.getTotalRecordedLinks());
      assertThat(actual.getInstrumentationScopeInfo())
          .isEqualTo(expected.getInstrumentationScopeInfo());
      assertThat(actual.getResource()).isEqualTo(expected.getResource());
      assertThat(actual.hasEnded()).isTrue();
    }

    List<ReceivedRequest> requests = receiver.getRequests();
    assertThat(requests).isNotEmpty();
    assertThat(requests.stream().mapToInt(ReceivedRequest::getSpanCount).sum()).isEqualTo(3);
    for (ReceivedRequest request : requests) {
      assertThat(request.getTransport()).isEqualTo(transport);
      assertThat(request.isAccepted()).isTrue();
      assertThat(request.getHeader("X-Test-Header")).isEqualTo("header-value-" + transport);
      assertThat(request.getHeaders()).containsKey("x-test-header");
      assertThat(request.getHeader("user-agent")).startsWith("OTel-OTLP-Exporter-Java/");
      assertThat(request.getResources()).containsExactly(RESOURCE);
      assertThat(request.getContentEncoding())
          .isEqualTo("gzip".equals(compression) ? "gzip" : null);
      if (transport == ReceivedRequest.Transport.HTTP) {
        assertThat(request.getPath()).isEqualTo("/v1/traces");
        assertThat(request.getContentType()).isEqualTo("application/x-protobuf");
        assertThat(request.getResponseStatus()).isEqualTo("200");
      } else {
        assertThat(request.getPath())
            .isEqualTo("/opentelemetry.proto.collector.trace.v1.TraceService/Export");
        assertThat(request.getContentType()).startsWith("application/grpc");
        assertThat(request.getResponseStatus()).isEqualTo("OK");
      }
    }
    provider.close();
  }

  private static void emitTrace(Tracer tracer) {
    SpanContext remoteParent =
        SpanContext.createFromRemoteParent(
            REMOTE_TRACE_ID,
            REMOTE_PARENT_ID,
            TraceFlags.getSampled(),
            TraceState.builder().put("other", "x").put("vendor", "v1").build());
    Span root =
        tracer
            .spanBuilder("agent-run")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.root().with(Span.wrap(remoteParent)))
            .addLink(
                SpanContext.create(
                    LINKED_TRACE_ID,
                    LINKED_SPAN_ID,
                    TraceFlags.getSampled(),
                    TraceState.getDefault()),
                Attributes.of(stringKey("link.reason"), "retry"))
            .setAttribute("session.id", "session-1")
            .setAttribute("flag", true)
            .setAttribute("count", 42L)
            .setAttribute("ratio", 0.25)
            .setAttribute(stringArrayKey("tag.tags"), Arrays.asList("a", "b"))
            .setAttribute(booleanArrayKey("bools"), Arrays.asList(true, false))
            .setAttribute(longArrayKey("longs"), Arrays.asList(1L, -2L, Long.MAX_VALUE))
            .setAttribute(doubleArrayKey("doubles"), Arrays.asList(1.5, -0.5))
            .setAttribute("unicode", "héllo ✓ 日本")
            .startSpan();
    Context rootContext = Context.root().with(root);
    Span child =
        tracer
            .spanBuilder("llm-call")
            .setSpanKind(SpanKind.CLIENT)
            .setParent(rootContext)
            .startSpan();
    child.addEvent("first-token", Attributes.of(longKey("token.index"), 0L));
    child.end();
    Span failing = tracer.spanBuilder("tool-call").setParent(rootContext).startSpan();
    failing.recordException(new IllegalStateException("boom"));
    failing.setStatus(StatusCode.ERROR, "tool exploded");
    failing.end();
    root.setStatus(StatusCode.OK);
    root.end();
  }

  @Test
  void exportsWithAllDefaultsOverBothTransports() {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpHttpSpanExporter.builder()
                        .setEndpoint(receiver.getHttpTracesEndpoint())
                        .build()))
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpGrpcSpanExporter.builder().setEndpoint(receiver.getGrpcEndpoint()).build()))
            .build()) {
      provider.get("test").spanBuilder("both-ways").startSpan().end();

      List<SpanData> spans = receiver.awaitSpans(2, Duration.ofSeconds(10));
      assertThat(spans).extracting(SpanData::getName).containsExactly("both-ways", "both-ways");
      assertThat(spans.get(0).getSpanContext()).isEqualTo(spans.get(1).getSpanContext());
      assertThat(receiver.getRequests())
          .extracting(ReceivedRequest::getTransport)
          .containsExactlyInAnyOrder(
              ReceivedRequest.Transport.HTTP, ReceivedRequest.Transport.GRPC);
    }
  }

  @Test
  void endpointsAreOnLoopbackWithTheirPorts() {
    assertThat(receiver.getHttpTracesEndpoint())
        .isEqualTo("http://127.0.0.1:" + receiver.getHttpPort() + "/v1/traces");
    assertThat(receiver.getHttpEndpoint()).isEqualTo("http://127.0.0.1:" + receiver.getHttpPort());
    assertThat(receiver.getGrpcEndpoint()).isEqualTo("http://127.0.0.1:" + receiver.getGrpcPort());
    assertThat(receiver.getHttpPort()).isPositive().isNotEqualTo(receiver.getGrpcPort());
    assertThat(receiver.toString()).contains(receiver.getHttpTracesEndpoint());
  }

  SpanExporter exporter(
      ReceivedRequest.Transport transport, String compression, String header, String value) {
    if (transport == ReceivedRequest.Transport.HTTP) {
      OtlpHttpSpanExporterBuilder builder =
          OtlpHttpSpanExporter.builder()
              .setEndpoint(receiver.getHttpTracesEndpoint())
              .setCompression(compression)
              .addHeader(header, value);
      return builder.build();
    }
    OtlpGrpcSpanExporterBuilder builder =
        OtlpGrpcSpanExporter.builder()
            .setEndpoint(receiver.getGrpcEndpoint())
            .setCompression(compression)
            .addHeader(header, value);
    return builder.build();
  }

  static SpanData byName(List<SpanData> spans, String name) {
    List<SpanData> matching =
        spans.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    assertThat(matching).as("spans named %s in %s", name, spans).hasSize(1);
    return matching.get(0);
  }
}
