/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import static dev.openinference.semconv.SemanticConventions.AGENT_NAME;
import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openinference.context.trace.OpenInferenceTracer;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenInferenceAnnotationsTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private final DefaultAssistant target = new DefaultAssistant();
  private final Assistant assistant =
      OpenInferenceAnnotations.proxy(
          Assistant.class, target, OpenInferenceTracer.create(otel.getOpenTelemetry()));

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Context.current()).isSameAs(Context.root());
  }

  private SpanData onlySpan() {
    assertThat(otel.getSpans()).hasSize(1);
    return otel.getSpans().get(0);
  }

  @Test
  void agentMethodBecomesAgentSpanWithItsArgumentAsInputAndReturnValueAsOutput() {
    assertThat(assistant.answer("where is my order?")).isEqualTo("answer to where is my order?");

    SpanData span = onlySpan();
    assertThat(span)
        .hasName("support-agent")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
        .hasAttribute(AGENT_NAME, "support-agent")
        .hasAttribute(INPUT_VALUE, "where is my order?")
        .hasAttribute(INPUT_MIME_TYPE, "text/plain")
        .hasAttribute(OUTPUT_VALUE, "answer to where is my order?")
        .hasAttribute(OUTPUT_MIME_TYPE, "text/plain");
    // The span was current inside the method.
    assertThat(target.currentInAnswer.getSpanContext().getSpanId()).isEqualTo(span.getSpanId());
  }

  @Test
  void severalParametersBecomeAJsonObjectByNameWithoutExcludedOnes() {
    assistant.lookUp("o-1", 3, "sk-secret");

    SpanData span = onlySpan();
    assertThat(span)
        .hasName("Assistant.lookUp")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
        .hasAttribute(TOOL_NAME, "lookUp")
        .hasAttribute(TOOL_DESCRIPTION, "Looks up an order")
        .hasAttribute(INPUT_VALUE, "{\"orderId\":\"o-1\",\"limit\":3}")
        .hasAttribute(INPUT_MIME_TYPE, "application/json")
        .hasAttribute(OUTPUT_VALUE, "{\"id\":\"o-1\",\"status\":\"shipped\"}")
        .hasAttribute(OUTPUT_MIME_TYPE, "application/json");
    assertThat(span.getAttributes().toString()).doesNotContain("sk-secret");
  }

  @Test
  void checkedExceptionSetsErrorAndReachesTheCallerUnwrapped() {
    assertThatThrownBy(() -> assistant.complete(List.of("hi")))
        .isInstanceOf(IOException.class)
        .hasMessage("model unreachable");

    SpanData span = onlySpan();
    assertThat(span)
        .hasName("Assistant.complete")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM")
        .hasAttribute(INPUT_VALUE, "[\"hi\"]");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
  }

  @Test
  void futureResultEndsTheSpanWhenItCompletes() {
    CompletableFuture<String> result = assistant.later("q");
    assertThat(otel.getSpans()).isEmpty();
    target.pending.complete("a");
    assertThat(result).isCompletedWithValue("a");
    assertThat(onlySpan()).hasName("Assistant.later").hasAttribute(OUTPUT_VALUE, "a");
  }

  @Test
  void tracedTakesAnyKind() {
    assistant.search("refunds");
    assertThat(onlySpan())
        .hasName("search-docs")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "RETRIEVER")
        .hasAttribute(OUTPUT_VALUE, "[\"doc-1\",\"doc-2\"]");
  }

  @Test
  void unannotatedMethodsAndObjectMethodsPassThroughWithoutSpans() {
    assertThat(assistant.plain("x")).isEqualTo("x");
    assertThat(assistant.equals(assistant)).isTrue();
    assertThat(assistant.hashCode()).isEqualTo(target.hashCode());
    assertThat(assistant.toString()).startsWith("OpenInferenceAnnotations.proxy(");
    assertThat(otel.getSpans()).isEmpty();
  }

  @Test
  void annotationOnTheImplementationClassIsFoundToo() {
    @SuppressWarnings("unchecked")
    Function<String, String> function =
        OpenInferenceAnnotations.proxy(
            Function.class,
            new Function<String, String>() {
              @Override
              @Chain(name = "on-the-class")
              public String apply(String value) {
                return value + "!";
              }
            },
            OpenInferenceTracer.create(otel.getOpenTelemetry()));

    assertThat(function.apply("hey")).isEqualTo("hey!");
    assertThat(onlySpan()).hasName("on-the-class").hasAttribute(INPUT_VALUE, "hey");
  }

  @Test
  void badArgumentsReturnTheTargetUnwrappedWithAWarning() {
    Logger logger = Logger.getLogger(OpenInferenceAnnotations.class.getName());
    java.util.List<String> warnings = new java.util.ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.setUseParentHandlers(false);
    logger.addHandler(capture);
    try {
      Object notAnInterface = OpenInferenceAnnotations.proxy(DefaultAssistant.class, target);
      assertThat(notAnInterface).isSameAs(target);
      assertThat(OpenInferenceAnnotations.proxy(Assistant.class, null)).isNull();
    } finally {
      logger.removeHandler(capture);
      logger.setUseParentHandlers(true);
    }
    assertThat(warnings)
        .hasSize(2)
        .allSatisfy(w -> assertThat(w).startsWith("OpenInferenceAnnotations.proxy: cannot wrap"));
  }
}
