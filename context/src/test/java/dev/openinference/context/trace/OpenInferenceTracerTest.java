/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openinference.context.OpenInference;
import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenInferenceTracerTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private OpenInferenceTracer tracer;

  record Point(int x, int y) {}

  record Route(String name, List<Point> stops) {}

  /** A plain class: recorded as its toString(). */
  static final class Bean {
    @Override
    public String toString() {
      return "Bean#1";
    }
  }

  @BeforeEach
  void setUp() {
    tracer = OpenInferenceTracer.create(otel.getOpenTelemetry());
  }

  @AfterEach
  void nothingLeftCurrent() {
    org.assertj.core.api.Assertions.assertThat(Context.current()).isSameAs(Context.root());
  }

  private SpanData onlySpan() {
    List<SpanData> spans = otel.getSpans();
    org.assertj.core.api.Assertions.assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  @Test
  void callRecordsStringInputAsTextAndReturnValueAsOutput() {
    String answer = tracer.agent("support-agent").setInput("hi").call(() -> "hello");

    org.assertj.core.api.Assertions.assertThat(answer).isEqualTo("hello");
    assertThat(onlySpan())
        .hasName("support-agent")
        .hasEnded()
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
        .hasAttribute(INPUT_VALUE, "hi")
        .hasAttribute(INPUT_MIME_TYPE, "text/plain")
        .hasAttribute(OUTPUT_VALUE, "hello")
        .hasAttribute(OUTPUT_MIME_TYPE, "text/plain")
        .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset());
  }

  @Test
  void mapsListsAndRecordsAreJsonAndBeansAreText() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("city", "Paris");
    args.put("at", new Point(1, 2));
    tracer.tool("route").setInput(args).call(() -> new Route("r", Arrays.asList(new Point(3, 4))));
    tracer.chain("list").setInput(Arrays.asList(1, "two")).call(Bean::new);

    SpanData route = otel.getSpans().get(0);
    assertThat(route)
        .hasAttribute(INPUT_VALUE, "{\"city\":\"Paris\",\"at\":{\"x\":1,\"y\":2}}")
        .hasAttribute(INPUT_MIME_TYPE, "application/json")
        .hasAttribute(OUTPUT_VALUE, "{\"name\":\"r\",\"stops\":[{\"x\":3,\"y\":4}]}")
        .hasAttribute(OUTPUT_MIME_TYPE, "application/json");
    assertThat(otel.getSpans().get(1))
        .hasAttribute(INPUT_VALUE, "[1,\"two\"]")
        .hasAttribute(INPUT_MIME_TYPE, "application/json")
        .hasAttribute(OUTPUT_VALUE, "Bean#1")
        .hasAttribute(OUTPUT_MIME_TYPE, "text/plain");
  }

  @Test
  void preEncodedJsonKeepsItsMimeType() {
    tracer
        .chain("pre-encoded")
        .setInput("{\"q\":1}", MimeType.JSON)
        .run(span -> span.setOutput("{\"a\":2}", MimeType.JSON));

    assertThat(onlySpan())
        .hasAttribute(INPUT_VALUE, "{\"q\":1}")
        .hasAttribute(INPUT_MIME_TYPE, "application/json")
        .hasAttribute(OUTPUT_VALUE, "{\"a\":2}")
        .hasAttribute(OUTPUT_MIME_TYPE, "application/json");
  }

  @Test
  void tryWithResourcesMakesSpanCurrentSoChildrenNestAndEndsItOnClose() {
    String result;
    Span inside;
    try (OpenInferenceSpan span = tracer.chain("outer").setInput("q").start()) {
      inside = Span.current();
      org.assertj.core.api.Assertions.assertThat(inside).isSameAs(span.getSpan());
      tracer.llm("inner").run(() -> {});
      result = span.output("answer");
    }
    org.assertj.core.api.Assertions.assertThat(result).isEqualTo("answer");
    SpanData inner = otel.getSpans().get(0);
    SpanData outer = otel.getSpans().get(1);
    assertThat(outer).hasName("outer").hasEnded().hasAttribute(OUTPUT_VALUE, "answer");
    assertThat(inner)
        .hasName("inner")
        .hasParentSpanId(outer.getSpanId())
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM");
    org.assertj.core.api.Assertions.assertThat(inside.getSpanContext().getSpanId())
        .isEqualTo(outer.getSpanId());
  }

  @Test
  void openInferenceContextValuesAreInEffectInsideTheSpan() {
    try (Scope session = OpenInference.usingSession("s-1")) {
      String seen =
          tracer.agent("turn").call(() -> OpenInference.getAttributesFromContext().get(SESSION_ID));
      org.assertj.core.api.Assertions.assertThat(seen).isEqualTo("s-1");
    }
  }

  @Test
  void callRecordsCheckedExceptionWithErrorStatusAndRethrowsTheSameInstance() {
    IOException failure = new IOException("disk gone");

    assertThatThrownBy(
            () ->
                tracer
                    .tool("read")
                    .call(
                        () -> {
                          throw failure;
                        }))
        .isSameAs(failure);

    SpanData span = onlySpan();
    assertThat(span)
        .hasEnded()
        .hasStatus(
            io.opentelemetry.sdk.trace.data.StatusData.create(
                StatusCode.ERROR, "java.io.IOException: disk gone"))
        .hasException(failure);
    org.assertj.core.api.Assertions.assertThat(span.getAttributes().get(OUTPUT_VALUE)).isNull();
  }

  @Test
  void runRecordsUncheckedExceptionAndRethrowsIt() {
    IllegalStateException failure = new IllegalStateException("no");
    assertThatThrownBy(
            () ->
                tracer
                    .chain("step")
                    .run(
                        span -> {
                          throw failure;
                        }))
        .isSameAs(failure);
    assertThat(onlySpan()).hasException(failure);
    org.assertj.core.api.Assertions.assertThat(onlySpan().getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
  }

  @Test
  void futureOutputIsRecordedAndSpanEndedWhenTheFutureCompletes() {
    CompletableFuture<String> pending = new CompletableFuture<>();

    CompletableFuture<String> returned = tracer.agent("async-turn").call(() -> pending);

    org.assertj.core.api.Assertions.assertThat(returned).isSameAs(pending);
    org.assertj.core.api.Assertions.assertThat(otel.getSpans()).isEmpty();
    pending.complete("done later");
    assertThat(onlySpan())
        .hasEnded()
        .hasAttribute(OUTPUT_VALUE, "done later")
        .hasAttribute(OUTPUT_MIME_TYPE, "text/plain");
  }

  @Test
  void failedFutureSetsErrorWithTheUnwrappedCause() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      IllegalArgumentException failure = new IllegalArgumentException("bad");
      CompletableFuture<String> future =
          tracer
              .chain("async")
              .call(
                  () ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            throw failure;
                          },
                          pool));
      assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCause(failure);
      // whenComplete runs after dependants of the failure may already have been released.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (otel.getSpans().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(onlySpan()).hasException(failure);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tryWithResourcesWithFutureOutputEndsAtCompletionNotAtClose() {
    CompletableFuture<Integer> pending = new CompletableFuture<>();
    try (OpenInferenceSpan span = tracer.retriever("lookup").start()) {
      span.output(pending);
    }
    org.assertj.core.api.Assertions.assertThat(otel.getSpans()).isEmpty();
    pending.complete(42);
    assertThat(onlySpan()).hasAttribute(OUTPUT_VALUE, "42");
  }

  @Test
  void lambdaIsHandedTheCurrentSpan() {
    tracer
        .llm("chat")
        .call(
            span -> {
              org.assertj.core.api.Assertions.assertThat(Span.current()).isSameAs(span.getSpan());
              org.assertj.core.api.Assertions.assertThat(span.getKind())
                  .isEqualTo(OpenInferenceSpanKind.LLM);
              return "ok";
            });
    assertThat(onlySpan()).hasAttribute(OUTPUT_VALUE, "ok");
  }

  @Test
  void setNoParentStartsARootAndSetParentUsesTheGivenContext() {
    try (OpenInferenceSpan outer = tracer.chain("outer").start()) {
      tracer.chain("root").setNoParent().run(() -> {});
      tracer.chain("detached").setParent(Context.root()).run(() -> {});
    }
    assertThat(otel.getSpans().get(0)).hasName("root").hasParentSpanId(SpanId.INVALID);
    assertThat(otel.getSpans().get(1)).hasName("detached").hasParentSpanId(SpanId.INVALID);
  }

  @Test
  void globalTracerLooksUpGlobalOpenTelemetryAtStart() {
    OpenInferenceTracer.global().chain("via-global").run(() -> {});
    assertThat(onlySpan())
        .hasName("via-global")
        .hasInstrumentationScopeInfo(
            io.opentelemetry.sdk.common.InstrumentationScopeInfo.create(
                OpenInferenceTracer.INSTRUMENTATION_NAME));
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void worksOnVirtualThreads() throws Exception {
    // Compiled for 17: reach the Java 21 executor reflectively.
    ExecutorService virtual =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    try {
      String answer =
          virtual
              .submit(
                  () -> {
                    try (Scope session = OpenInference.usingSession("v-1")) {
                      return tracer
                          .agent("on-virtual")
                          .call(
                              () ->
                                  tracer
                                      .llm("child")
                                      .call(
                                          () ->
                                              OpenInference.getAttributesFromContext()
                                                  .get(SESSION_ID)));
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      org.assertj.core.api.Assertions.assertThat(answer).isEqualTo("v-1");
    } finally {
      virtual.shutdown();
    }
    SpanData child = otel.getSpans().get(0);
    SpanData agent = otel.getSpans().get(1);
    assertThat(child).hasParentSpanId(agent.getSpanId()).hasAttribute(OUTPUT_VALUE, "v-1");
  }

  @Test
  void virtualThreadsAreAvailableToTheTestOnlyFromJava21() {
    // Documents why worksOnVirtualThreads may be skipped: it needs a Java 21 runtime.
    boolean hasVirtual =
        Arrays.stream(Executors.class.getMethods())
            .anyMatch(m -> m.getName().equals("newVirtualThreadPerTaskExecutor"));
    org.assertj.core.api.Assertions.assertThat(hasVirtual)
        .isEqualTo(Runtime.version().feature() >= 21);
  }

  private static final class SpanId {
    static final String INVALID = io.opentelemetry.api.trace.SpanId.getInvalid();
  }
}
