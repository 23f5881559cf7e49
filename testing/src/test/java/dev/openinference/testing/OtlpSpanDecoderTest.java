/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What the OTel Java SDK never sends but other OTLP senders may: key-value lists, bytes, mixed
 * arrays, empty values, scope attributes, remote links. Posted as raw gzip-compressed protobuf.
 */
class OtlpSpanDecoderTest {

  private static final byte[] TRACE_ID = bytes(16, 0x11);
  private static final byte[] SPAN_ID = bytes(8, 0x22);
  private static final byte[] PARENT_ID = bytes(8, 0x33);

  @Test
  void valuesThatSpanAttributesCannotHoldAreStringified() throws Exception {
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(TRACE_ID))
            .setSpanId(ByteString.copyFrom(SPAN_ID))
            .setParentSpanId(ByteString.copyFrom(PARENT_ID))
            .setTraceState("a=1,b=2")
            .setFlags(0x01 | 0x100 | 0x200) // sampled, parent is remote
            .setName("from-elsewhere")
            .setKind(Span.SpanKind.SPAN_KIND_UNSPECIFIED)
            .setStartTimeUnixNano(1_000)
            .setEndTimeUnixNano(2_000)
            .addAttributes(
                kv(
                    "kv",
                    kvlist(
                        kv("x", str("y")), kv("n", AnyValue.newBuilder().setIntValue(3).build()))))
            .addAttributes(
                kv(
                    "raw",
                    AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3}))
                        .build()))
            .addAttributes(
                kv(
                    "mixed",
                    array(
                        str("a"),
                        AnyValue.newBuilder().setIntValue(1).build(),
                        AnyValue.newBuilder().setBoolValue(true).build())))
            .addAttributes(kv("nested", array(array(str("in")))))
            .addAttributes(kv("empty.array", array()))
            .addAttributes(kv("empty.value", AnyValue.getDefaultInstance()))
            .addAttributes(kv("quote", kvlist(kv("q", str("say \"hi\"\n")))))
            .setDroppedAttributesCount(2)
            .setDroppedEventsCount(1)
            .setDroppedLinksCount(4)
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(ByteString.copyFrom(bytes(16, 0x44)))
                    .setSpanId(ByteString.copyFrom(bytes(8, 0x55)))
                    .setTraceState("k=v")
                    .setFlags(0x01 | 0x100 | 0x200)
                    .addAttributes(kv("why", str("fan-in")))
                    .setDroppedAttributesCount(1))
            .setStatus(
                Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("bad"))
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(kv("service.name", str("py-app"))))
                    .setSchemaUrl("https://example.com/resource-schema")
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .setScope(
                                InstrumentationScope.newBuilder()
                                    .setName("openinference.instrumentation.openai")
                                    .setVersion("0.1.2")
                                    .addAttributes(kv("scope.attr", str("s"))))
                            .setSchemaUrl("https://example.com/scope-schema")
                            .addSpans(span)))
            .build();

    List<SpanData> spans;
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      HttpResponse<byte[]> response =
          postGzip(receiver.getHttpTracesEndpoint(), request.toByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      spans = receiver.getSpans();
      assertThat(receiver.getRequests())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getContentEncoding()).isEqualTo("gzip");
                assertThat(r.getSpanCount()).isEqualTo(1);
              });
    }

    assertThat(spans)
        .singleElement()
        .satisfies(
            decoded -> {
              assertThat(decoded)
                  .hasName("from-elsewhere")
                  .hasKind(SpanKind.INTERNAL)
                  .hasTraceId("11111111111111111111111111111111")
                  .hasSpanId("2222222222222222")
                  .hasParentSpanId("3333333333333333")
                  .startsAt(1_000)
                  .endsAt(2_000)
                  .hasStatus(StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, "bad"))
                  .hasTotalAttributeCount(9)
                  .hasTotalRecordedEvents(1)
                  .hasTotalRecordedLinks(5)
                  .hasAttributesSatisfyingExactly(
                      equalTo(stringKey("kv"), "{\"x\":\"y\",\"n\":3}"),
                      equalTo(stringKey("raw"), "AQID"),
                      equalTo(stringKey("mixed"), "[\"a\",1,true]"),
                      equalTo(stringKey("nested"), "[[\"in\"]]"),
                      equalTo(stringArrayKey("empty.array"), Collections.emptyList()),
                      equalTo(stringKey("empty.value"), ""),
                      equalTo(stringKey("quote"), "{\"q\":\"say \\\"hi\\\"\\n\"}"))
                  .hasResourceSatisfying(
                      r ->
                          r.hasSchemaUrl("https://example.com/resource-schema")
                              .hasAttributesSatisfyingExactly(
                                  equalTo(stringKey("service.name"), "py-app")));
              assertThat(decoded.getSpanContext().isSampled()).isTrue();
              assertThat(decoded.getSpanContext().getTraceState().asMap())
                  .containsExactly(entry("a", "1"), entry("b", "2"));
              assertThat(decoded.getParentSpanContext().isRemote()).isTrue();
              assertThat(decoded.getInstrumentationScopeInfo().getName())
                  .isEqualTo("openinference.instrumentation.openai");
              assertThat(decoded.getInstrumentationScopeInfo().getVersion()).isEqualTo("0.1.2");
              assertThat(decoded.getInstrumentationScopeInfo().getSchemaUrl())
                  .isEqualTo("https://example.com/scope-schema");
              assertThat(decoded.getInstrumentationScopeInfo().getAttributes())
                  .isEqualTo(Attributes.of(stringKey("scope.attr"), "s"));
              assertThat(decoded.getLinks())
                  .singleElement()
                  .satisfies(
                      link -> {
                        assertThat(link.getSpanContext().getTraceId())
                            .isEqualTo("44444444444444444444444444444444");
                        assertThat(link.getSpanContext().isRemote()).isTrue();
                        assertThat(link.getSpanContext().getTraceState().get("k")).isEqualTo("v");
                        assertThat(link.getTotalAttributeCount()).isEqualTo(2);
                      });
              assertThat(decoded.toString()).contains("from-elsewhere", "3333333333333333");
            });
  }

  @Test
  void spanWithoutParentHasAnInvalidParentContextAndLocalFlags() throws Exception {
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(TRACE_ID))
            .setSpanId(ByteString.copyFrom(SPAN_ID))
            .setName("root")
            .setKind(Span.SpanKind.SPAN_KIND_CONSUMER)
            .addAttributes(kv("n", AnyValue.newBuilder().setIntValue(-7).build()))
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
            .build();

    List<SpanData> spans = OtlpSpanDecoder.spans(request);

    assertThat(spans)
        .singleElement()
        .satisfies(
            decoded -> {
              assertThat(decoded)
                  .hasKind(SpanKind.CONSUMER)
                  .hasNoParent()
                  .hasAttribute(longKey("n"), -7L);
              assertThat(decoded.getSpanContext().isSampled()).isFalse();
              assertThat(decoded.getInstrumentationScopeInfo().getVersion()).isNull();
              assertThat(decoded.getResource().getSchemaUrl()).isNull();
            });
    // Equal spans decode to equal values.
    assertThat(OtlpSpanDecoder.spans(request)).isEqualTo(spans);
    assertThat(OtlpSpanDecoder.spans(request).get(0).hashCode()).isEqualTo(spans.get(0).hashCode());
  }

  @Test
  void malformedTraceStateMembersAreDropped() {
    assertThat(OtlpSpanDecoder.traceState(" a=1 , junk, =x, b=2").asMap())
        .containsExactly(entry("a", "1"), entry("b", "2"));
    assertThat(OtlpSpanDecoder.traceState("").isEmpty()).isTrue();
  }

  private static java.util.Map.Entry<String, String> entry(String k, String v) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(k, v);
  }

  private static HttpResponse<byte[]> postGzip(String url, byte[] body) throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(body);
    }
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  private static AnyValue kvlist(KeyValue... values) {
    KeyValueList.Builder list = KeyValueList.newBuilder();
    for (KeyValue kv : values) {
      list.addValues(kv);
    }
    return AnyValue.newBuilder().setKvlistValue(list).build();
  }

  private static AnyValue array(AnyValue... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (AnyValue v : values) {
      array.addValues(v);
    }
    return AnyValue.newBuilder().setArrayValue(array).build();
  }

  private static byte[] bytes(int length, int value) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
