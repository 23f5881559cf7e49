/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.trace;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SpanHelpersBadInputTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private final OpenInferenceTracer tracer = OpenInferenceTracer.create(otel.getOpenTelemetry());

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void nullNameAndKindFallBackWithWarnings() {
    try (TracerWarnings warnings = new TracerWarnings()) {
      tracer.spanBuilder(null, null).run(() -> {});
      tracer.agent("  ").run(() -> {});

      assertThat(otel.getSpans().get(0))
          .hasName("CHAIN")
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
      assertThat(otel.getSpans().get(1))
          .hasName("AGENT")
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT");
      assertThat(warnings.messages())
          .containsExactly(
              "OpenInferenceTracer.spanBuilder: null span kind for span null; using CHAIN.",
              "OpenInferenceTracer.spanBuilder: null span name; using CHAIN.",
              "OpenInferenceTracer.spanBuilder: blank \"  \" span name; using AGENT.");
    }
  }

  @Test
  void nullWorkIsIgnoredWithoutASpan() {
    try (TracerWarnings warnings = new TracerWarnings()) {
      assertThat(tracer.chain("c").call((CheckedCallable<Object, RuntimeException>) null)).isNull();
      tracer.chain("r").run((CheckedRunnable<RuntimeException>) null);
      assertThat(otel.getSpans()).isEmpty();
      assertThat(warnings.messages())
          .containsExactly(
              "OpenInferenceSpanBuilder.call: ignored null work for span \"c\"",
              "OpenInferenceSpanBuilder.run: ignored null work for span \"r\"");
    }
  }

  @Test
  void nullTracerOrOpenTelemetryFallsBackToGlobal() {
    try (TracerWarnings warnings = new TracerWarnings()) {
      OpenInferenceTracer.create((Tracer) null).chain("a").run(() -> {});
      OpenInferenceTracer.create((OpenTelemetry) null).chain("b").run(() -> {});
      // OpenTelemetryExtension installs its SDK as the global.
      assertThat(otel.getSpans()).extracting(SpanData::getName).containsExactly("a", "b");
      assertThat(warnings.messages())
          .containsExactly(
              "OpenInferenceTracer.create: null Tracer; spans go to GlobalOpenTelemetry.",
              "OpenInferenceTracer.create: null OpenTelemetry; spans go to GlobalOpenTelemetry.");
    }
  }

  @Test
  void badSetterArgumentsAreDroppedAndTheSpanIsStillExported() {
    try (TracerWarnings warnings = new TracerWarnings()) {
      tracer
          .llm("chat")
          .setInput(null)
          .setAttribute(null, "v")
          .setParent(null)
          .setSpanKind(null)
          .run(
              span ->
                  span.setInput(null)
                      .setOutput(null)
                      .setModelName(null)
                      .setTool(null, null, null)
                      .addInputMessage(null)
                      .addInputMessages(Arrays.asList(Message.user("ok"), null))
                      .addOutputMessages(null)
                      .setInvocationParameters(null)
                      .recordException(null)
                      .setTokenCounts(-1, 3));

      SpanData span = otel.getSpans().get(0);
      assertThat(span)
          .hasEnded()
          .hasAttribute(LLM_TOKEN_COUNT_COMPLETION, 3L)
          .hasAttribute(
              io.opentelemetry.api.common.AttributeKey.stringKey(
                  "llm.input_messages.0.message.content"),
              "ok");
      assertThat(span.getAttributes().get(LLM_TOKEN_COUNT_PROMPT)).isNull();
      assertThat(span.getAttributes().get(LLM_TOKEN_COUNT_TOTAL)).isNull();
      assertThat(span.getAttributes().get(INPUT_VALUE)).isNull();
      // The rate limit (5 a minute) cut the rest; spanSetterWarningsNameWhatWasDropped shows them.
      List<String> messages = warnings.messages();
      assertThat(messages).hasSize(5);
      assertThat(messages.subList(0, 4))
          .containsExactly(
              "OpenInferenceSpanBuilder.setInput: ignored a null input for span \"chat\"",
              "OpenInferenceSpanBuilder.setAttribute: ignored a null key (value \"v\") for span"
                  + " \"chat\"",
              "OpenInferenceSpanBuilder.setParent: ignored a null parent for span \"chat\"; the"
                  + " current context is the parent.",
              "OpenInferenceSpanBuilder.setSpanKind: ignored a null kind for span \"chat\"");
      assertThat(messages.get(4))
          .matches(
              "OpenInferenceSpan\\.setInput: ignored a null input\\. \\(further warnings"
                  + " suppressed for \\d+ s\\)");
    }
  }

  @Test
  void spanSetterWarningsNameWhatWasDropped() {
    try (TracerWarnings warnings = new TracerWarnings()) {
      tracer
          .llm("chat")
          .run(
              span ->
                  span.setModelName(null)
                      .addInputMessage(null)
                      .setTokenCounts(-1, 3)
                      .setTool(null, "d", null));
      assertThat(warnings.messages())
          .containsExactly(
              "OpenInferenceSpan.setModelName: ignored a null value; llm.model_name is not set.",
              "OpenInferenceSpan.addInputMessage: ignored a null message.",
              "OpenInferenceSpan.setTokenCounts: dropped negative token count(s) (prompt -1,"
                  + " completion 3); the other count is kept, no total is set.",
              "OpenInferenceSpan.setTool: null tool name (description \"d\"); tool.name is not"
                  + " set.");
    }
  }

  @Test
  void valuesJsonCannotHoldAreMadeToFit() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add("a");
    cyclic.add(cyclic);
    Object unprintable =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };
    tracer.chain("odd").setInput(cyclic).call(() -> unprintable);
    tracer.chain("cyclic-map").setInput(Map.of("self", cyclic)).run(() -> {});

    assertThat(otel.getSpans().get(0))
        .hasAttribute(INPUT_VALUE, "[\"a\",\"[cycle]\"]")
        .hasAttribute(
            OUTPUT_VALUE,
            "[unprintable "
                + unprintable.getClass().getName()
                + ": java.lang.IllegalStateException: boom]");
    assertThat(otel.getSpans().get(1)).hasAttribute(INPUT_VALUE, "{\"self\":[\"a\",\"[cycle]\"]}");
  }

  @Test
  void closingTwiceOrOnAnotherThreadNeverThrows() throws Exception {
    try (TracerWarnings warnings = new TracerWarnings()) {
      OpenInferenceSpan span = tracer.chain("shared").start();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread other =
          new Thread(
              () -> {
                try {
                  span.close();
                } catch (Throwable t) {
                  thrown.set(t);
                }
              },
              "other-thread");
      other.start();
      other.join();
      assertThat(thrown.get()).isNull();
      assertThat(otel.getSpans()).hasSize(1);
      // The owner can still leave the scope; closing again ends nothing twice.
      span.close();
      span.close();
      assertThat(otel.getSpans()).hasSize(1);
      assertThat(warnings.messages())
          .singleElement()
          .asString()
          .contains("was started on thread \"main\" and closed on \"other-thread\"");
    }
  }
}
