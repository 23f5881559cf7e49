/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VARIABLES;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openinference.context.internal.ContextLimits;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimitsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @AfterEach
  void restoreDefaults() {
    ContextLimits.setCurrent(null);
    assertThat(Context.current()).isSameAs(Context.root());
  }

  private static Map<String, Object> entries(int n) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      map.put("k" + i, i);
    }
    return map;
  }

  @Test
  void metadataOverTheEntriesCapKeepsTheFirstEntriesWithOneWarningNamingTheKey() throws Exception {
    ContextLimits.setCurrent(ContextLimits.create(3, 32, 32_768, -1));
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingMetadata(entries(100_000))) {
      String json = OpenInference.getAttributesFromContext().get(METADATA);
      assertThat(json).isEqualTo("{\"k0\":0,\"k1\":1,\"k2\":2}");
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("more than 3 entries")
          .contains("otel.openinference.limits.entries")
          .contains("OTEL_OPENINFERENCE_LIMITS_ENTRIES");
    }
  }

  @Test
  void nestedScopesTogetherAreCutToTheEntriesCapInnermostDropped() {
    ContextLimits.setCurrent(ContextLimits.create(3, 32, 32_768, -1));
    try (LogCapture log = new LogCapture();
        Scope a = OpenInference.usingMetadata(Collections.singletonMap("a", 1));
        Scope b = OpenInference.usingMetadata(entries(2));
        Scope c = OpenInference.usingMetadata(Collections.singletonMap("c", 3))) {
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .isEqualTo("{\"a\":1,\"k0\":0,\"k1\":1}");
      try (Scope override = OpenInference.usingMetadata(Collections.singletonMap("a", "inner"))) {
        // An inner value for a key already in effect is kept: it adds no key.
        assertThat(OpenInference.getAttributesFromContext().get(METADATA))
            .isEqualTo("{\"a\":\"inner\",\"k0\":0,\"k1\":1}");
      }
      assertThat(log.warnings())
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("more than 3 keys")
                      .contains("otel.openinference.limits.entries"));
    }
  }

  @Test
  void infiniteIterablesAreBoundedByTheEntriesCap() throws Exception {
    ContextLimits.setCurrent(ContextLimits.create(5, 32, 32_768, -1));
    Iterable<Integer> naturals =
        () ->
            new Iterator<Integer>() {
              int n;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                return n++;
              }
            };
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingMetadata(Collections.singletonMap("n", naturals))) {
      JsonNode node = MAPPER.readTree(OpenInference.getAttributesFromContext().get(METADATA));
      assertThat(node.get("n").toString()).isEqualTo("[0,1,2,3,4]");
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("more than 5 entries")
          .contains("otel.openinference.limits.entries");
    }
  }

  @Test
  void infiniteTagCollectionsAreBounded() {
    ContextLimits.setCurrent(ContextLimits.create(4, 32, 32_768, -1));
    List<String> endless =
        new ArrayList<String>() {
          @Override
          public Iterator<String> iterator() {
            return new Iterator<String>() {
              int n;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public String next() {
                return "t" + n++;
              }
            };
          }
        };
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingTags(endless)) {
      assertThat(OpenInference.getAttributesFromContext().get(TAG_TAGS))
          .containsExactly("t0", "t1", "t2", "t3");
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("kept the first 4 tags")
          .contains("otel.openinference.limits.entries");
    }
  }

  @Test
  void tagsTogetherAreCutToTheLengthCap() {
    ContextLimits.setCurrent(ContextLimits.create(128, 32, 20, -1));
    try (LogCapture log = new LogCapture();
        Scope outer = OpenInference.usingTags("0123456789");
        Scope inner = OpenInference.usingTags("abcdefghij", "x")) {
      assertThat(OpenInference.getAttributesFromContext().get(TAG_TAGS))
          .containsExactly("0123456789", "abcdefghij");
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("20 characters")
          .contains("otel.openinference.limits.length");
    }
  }

  @Test
  void valuesNestedDeeperThanTheDepthCapAreCutWithoutRecursing() throws Exception {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < 200_000; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    ContextLimits.setCurrent(ContextLimits.create(128, 3, 32_768, -1));
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingMetadata(Collections.singletonMap("deep", root))) {
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .isEqualTo("{\"deep\":[[[\"[too deep]\"]]]}");
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("deeper than 3")
          .contains("otel.openinference.limits.depth");
    }
  }

  @Test
  void aDepthCapOfAMillionStillCannotOverflowTheStack() throws Exception {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < 200_000; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    ContextLimits.setCurrent(ContextLimits.create(128, 1_000_000, 10_000_000, -1));
    try (Scope s = OpenInference.usingMetadata(Collections.singletonMap("deep", root))) {
      String json = OpenInference.getAttributesFromContext().get(METADATA);
      assertThat(json)
          .hasSize("{\"deep\":}".length() + 2 * 200_001)
          .startsWith("{\"deep\":[[[")
          .endsWith("]]]}");
    }
  }

  @Test
  void anEntryLongerThanTheLengthCapIsDroppedWholeAndTheOthersKept() throws Exception {
    ContextLimits.setCurrent(ContextLimits.create(128, 32, 64, -1));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("small", 1);
    metadata.put("huge", new String(new char[10_000]).replace('\0', 'x'));
    metadata.put("after", 2);
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingMetadata(metadata)) {
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .isEqualTo("{\"small\":1,\"after\":2}");
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("[\"huge\"]")
          .contains("64 characters")
          .contains("otel.openinference.limits.length");
    }
  }

  @Test
  void promptTemplateVariablesHaveTheSameCaps() {
    ContextLimits.setCurrent(ContextLimits.create(2, 32, 32_768, -1));
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingPromptTemplate("t", null, entries(10))) {
      assertThat(OpenInference.getAttributesFromContext().get(LLM_PROMPT_TEMPLATE_VARIABLES))
          .isEqualTo("{\"k0\":0,\"k1\":1}");
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("prompt template variables has more than 2 entries");
    }
  }

  /**
   * The SDK cuts attribute values longer than its limit blindly. Spans stamped with metadata of
   * random sizes under {@code otel.attribute.value.length.limit=256} must all carry valid JSON.
   */
  @Test
  void metadataStaysValidJsonUnderTheSdkValueLengthLimit() throws Exception {
    ContextLimits.setCurrent(ContextLimits.create(128, 32, 32_768, 256));
    List<SpanData> spans = stampRandomMetadata(new Random(42), 100);
    for (SpanData span : spans) {
      String json = span.getAttributes().get(METADATA);
      assertThat(json).isNotNull().hasSizeLessThanOrEqualTo(256);
      assertThat(MAPPER.readTree(json).isObject()).as(json).isTrue();
      assertThat(MAPPER.readTree(json).get("turn")).as("the first entry always fits").isNotNull();
    }
  }

  @Test
  void withoutTheCapTheSdkLimitWouldBreakTheJson() {
    // The control for the test above: the same spans with the SDK limit unknown to us.
    List<SpanData> spans = stampRandomMetadata(new Random(42), 100);
    long invalid =
        spans.stream()
            .map(span -> span.getAttributes().get(METADATA))
            .filter(
                json -> {
                  try {
                    MAPPER.readTree(json);
                    return false;
                  } catch (Exception e) {
                    return true;
                  }
                })
            .count();
    assertThat(invalid).isGreaterThan(50);
  }

  private static List<SpanData> stampRandomMetadata(Random random, int count) {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(256).build())
            .addSpanProcessor(new StampingProcessor())
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    Tracer tracer = provider.get("limits-test");
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < count; i++) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("turn", i);
        int entries = 1 + random.nextInt(30);
        for (int e = 0; e < entries; e++) {
          metadata.put("key-" + e, "value-" + random.nextInt(1_000_000));
        }
        try (Scope s = OpenInference.usingMetadata(metadata)) {
          tracer.spanBuilder("span-" + i).startSpan().end();
        }
      }
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    // Closing the provider shuts the exporter down, which forgets its spans: read them first.
    provider.close();
    assertThat(spans).hasSize(count);
    return spans;
  }

  /** Stamps the context values at start, as {@code OpenInferenceSpanProcessor} does. */
  private static final class StampingProcessor implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      span.setAllAttributes(OpenInference.getAttributesFromContext(parentContext));
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
