/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.context.trace.OpenInferenceSpan;
import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.SessionView;
import dev.openinference.testing.Turn;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Turn filling as a Sessions view sees it: spans through a batch span processor (one span per
 * export, so children always leave in earlier batches than their root), the exporter, the real
 * OTLP/HTTP exporter and the loopback receiver, read back decoded.
 */
class SessionTurnsEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  private static OtlpReceiver receiver() {
    return otlp.getReceiver();
  }

  @BeforeEach
  void reset() {
    receiver().reset();
  }

  private static OpenTelemetrySdk sdk(UnaryOperator<OpenInferenceSpanExporterBuilder> configure) {
    OpenInferenceSpanExporter exporter =
        configure
            .apply(
                OpenInferenceSpanExporter.builder(
                        OtlpHttpSpanExporter.builder()
                            .setEndpoint(receiver().getHttpTracesEndpoint())
                            .build())
                    .setTraceConfig(TraceConfig.builder().build()))
            .build();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(OpenInferenceSpanProcessor.create())
                .addSpanProcessor(
                    BatchSpanProcessor.builder(exporter)
                        .setMaxExportBatchSize(1)
                        .setScheduleDelay(Duration.ofMillis(10))
                        .build())
                .build())
        .build();
  }

  private static List<SpanData> run(
      OpenTelemetrySdk sdk, int spans, Consumer<OpenTelemetrySdk> app) {
    try {
      app.accept(sdk);
      assertThat(sdk.getSdkTracerProvider().forceFlush().join(20, TimeUnit.SECONDS).isSuccess())
          .isTrue();
    } finally {
      sdk.close();
    }
    return receiver().awaitSpans(spans, WAIT);
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }

  /** An HTTP server span with a chat call under it, GenAI attributes set at its end. */
  @SuppressWarnings("try") // the scopes only need closing
  private static void httpChatTurn(
      OpenTelemetrySdk sdk, String question, String answer, Map<String, String> rootValues) {
    Tracer tracer = sdk.getTracer("http-server");
    try (Scope session = OpenInference.usingSession("conversation-7")) {
      Span server = tracer.spanBuilder("POST /chat").setSpanKind(SpanKind.SERVER).startSpan();
      rootValues.forEach((key, value) -> server.setAttribute(AttributeKey.stringKey(key), value));
      try (Scope current = server.makeCurrent()) {
        Span chat = tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).startSpan();
        chat.setAttribute("gen_ai.operation.name", "chat");
        chat.setAttribute("gen_ai.request.model", "gpt-4o");
        chat.setAttribute(
            "gen_ai.input.messages",
            "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\""
                + question
                + "\"}]}]");
        chat.setAttribute(
            "gen_ai.output.messages",
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
                + answer
                + "\"}],\"finish_reason\":\"stop\"}]");
        chat.end();
      } finally {
        server.end();
      }
    }
  }

  @Test
  void anHttpRootedChatTurnCarriesTheUsersQuestionAndTheAnswer() {
    List<SpanData> spans =
        run(
            sdk(b -> b),
            2,
            otel -> httpChatTurn(otel, "Where is my order 1042?", "It ships tomorrow.", Map.of()));

    SpanData root = named(spans, "POST /chat");
    assertThat(root.getAttributes().get(INPUT_VALUE)).isEqualTo("Where is my order 1042?");
    assertThat(root.getAttributes().get(INPUT_MIME_TYPE)).isEqualTo("text/plain");
    assertThat(root.getAttributes().get(OUTPUT_VALUE)).isEqualTo("It ships tomorrow.");
    assertThat(root.getAttributes().get(OUTPUT_MIME_TYPE)).isEqualTo("text/plain");
    assertThat(root.getAttributes().get(SESSION_ID)).isEqualTo("conversation-7");
    Turn turn = SessionView.from(spans).getSession("conversation-7").getTurns().get(0);
    assertThat(turn.getRoots()).hasSize(1);
    assertThat(turn.getRoots().get(0).getInput()).isEqualTo("Where is my order 1042?");
  }

  @Test
  @SuppressWarnings("try") // the scopes only need closing
  void anAgentRootedTurnTakesTheAgentSpansInputAndOutputNotAnInnerCalls() {
    OpenTelemetrySdk sdk = sdk(b -> b);
    OpenInferenceTracer helpers = OpenInferenceTracer.create(sdk);
    Tracer tracer = sdk.getTracer("http-server");
    List<SpanData> spans =
        run(
            sdk,
            3,
            otel -> {
              Span server =
                  tracer.spanBuilder("POST /agent").setSpanKind(SpanKind.SERVER).startSpan();
              try (Scope current = server.makeCurrent()) {
                String answer =
                    helpers
                        .agent("support-agent")
                        .setInput("Cancel my plan")
                        .call(
                            () -> {
                              try (OpenInferenceSpan llm =
                                  helpers.llm("chat").setInput("inner prompt").start()) {
                                return llm.output("inner completion") + " -> Plan cancelled.";
                              }
                            });
                assertThat(answer).isEqualTo("inner completion -> Plan cancelled.");
              } finally {
                server.end();
              }
            });

    SpanData root = named(spans, "POST /agent");
    assertThat(root.getAttributes().get(INPUT_VALUE)).isEqualTo("Cancel my plan");
    assertThat(root.getAttributes().get(INPUT_MIME_TYPE)).isEqualTo("text/plain");
    assertThat(root.getAttributes().get(OUTPUT_VALUE))
        .isEqualTo("inner completion -> Plan cancelled.");
  }

  @Test
  void anExplicitRootValueIsKeptAndTheMissingOneFilled() {
    List<SpanData> spans =
        run(
            sdk(b -> b),
            2,
            otel ->
                httpChatTurn(
                    otel,
                    "What is my balance?",
                    "42 euros.",
                    Map.of(
                        "input.value",
                        "{\"path\":\"/chat\"}",
                        "input.mime_type",
                        "application/json")));

    SpanData root = named(spans, "POST /chat");
    assertThat(root.getAttributes().get(INPUT_VALUE)).isEqualTo("{\"path\":\"/chat\"}");
    assertThat(root.getAttributes().get(INPUT_MIME_TYPE)).isEqualTo("application/json");
    assertThat(root.getAttributes().get(OUTPUT_VALUE)).isEqualTo("42 euros.");
  }

  @Test
  void filledValuesAreTakenAfterMaskingSoNothingHiddenComesBack() {
    List<SpanData> spans =
        run(
            sdk(
                b ->
                    b.setTraceConfig(
                        TraceConfig.builder().setHideInputText(true).setHideOutputs(true).build())),
            2,
            otel -> httpChatTurn(otel, "my card is 4111-1111", "noted 4111-1111", Map.of()));

    SpanData root = named(spans, "POST /chat");
    assertThat(root.getAttributes().get(INPUT_VALUE)).isEqualTo(TraceConfig.REDACTED_VALUE);
    // Hidden outputs are redacted on the span that had one, and so on the root.
    assertThat(root.getAttributes().get(OUTPUT_VALUE)).isEqualTo(TraceConfig.REDACTED_VALUE);
    assertThat(root.getAttributes().get(OUTPUT_MIME_TYPE)).isNull();
    for (SpanData span : spans) {
      span.getAttributes()
          .forEach((key, value) -> assertThat(String.valueOf(value)).doesNotContain("4111"));
    }
  }

  @Test
  void turnsCanBeTurnedOffOnTheBuilder() {
    List<SpanData> spans =
        run(
            sdk(b -> b.setTurnsEnabled(false)),
            2,
            otel -> httpChatTurn(otel, "Where is my order?", "Tomorrow.", Map.of()));

    SpanData root = named(spans, "POST /chat");
    assertThat(root.getAttributes().get(INPUT_VALUE)).isNull();
    assertThat(root.getAttributes().get(OUTPUT_VALUE)).isNull();
  }
}
