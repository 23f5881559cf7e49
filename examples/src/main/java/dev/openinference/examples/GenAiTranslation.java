/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.openinference.context.OpenInference;
import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Example 6, GenAI spans as Spring AI and LangChain4j emit them. Those libraries record model calls
 * with the OpenTelemetry GenAI conventions ({@code gen_ai.operation.name}, {@code
 * gen_ai.request.model}, {@code gen_ai.usage.input_tokens}, ...), and Spring AI, through
 * Micrometer, sets them only when the span ends, too late for anything that looks at span start.
 * {@link OpenInferenceSpanExporter} translates them at export: {@code openinference.span.kind}
 * ({@code LLM}, {@code EMBEDDING}, {@code TOOL}), {@code llm.model_name}, {@code
 * llm.token_count.*}, {@code llm.invocation_parameters}, {@code tool.name}.
 *
 * <p>The spans are emitted once and exported twice, to two receivers: as emitted (the span
 * processor's stamps included), and through {@code OpenInferenceSpanExporter}. The example prints
 * each span's attributes before and what the translation added or changed.
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=GenAiTranslation
 * </pre>
 */
public final class GenAiTranslation {

  static final String SESSION = "genai-session-1";

  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    Result result = run(quiet ? Examples.nowhere() : System.out);
    if (quiet) {
      System.out.println(Examples.checkLine(SessionView.from(result.translated())));
    }
  }

  /** The same spans as emitted and as translated, in arrival order. */
  record Result(List<SpanData> raw, List<SpanData> translated) {}

  static Result run(PrintStream out) {
    Examples.disableNagleInJdkHttpServer();
    try (OtlpReceiver rawReceiver = OtlpReceiver.create();
        OtlpReceiver translatedReceiver = OtlpReceiver.create()) {
      SdkTracerProvider tracerProvider =
          SdkTracerProvider.builder()
              .addSpanProcessor(OpenInferenceSpanProcessor.create())
              .addSpanProcessor(BatchSpanProcessor.builder(otlp(rawReceiver)).build())
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OpenInferenceSpanExporter.wrap(otlp(translatedReceiver)))
                      .build())
              .build();
      try {
        Tracer tracer = tracerProvider.get("dev.openinference.examples.genai");
        try (Scope session = OpenInference.usingSession(SESSION);
            Scope user = OpenInference.usingUser("dana")) {
          springAiStyleChat(tracer);
          langChain4jStyleChat(tracer);
          embedding(tracer);
          toolCall(tracer);
        }
      } finally {
        tracerProvider.forceFlush().join(30, TimeUnit.SECONDS);
        tracerProvider.close();
      }
      Result result = new Result(rawReceiver.getSpans(), translatedReceiver.getSpans());
      print(result, out);
      return result;
    }
  }

  /**
   * Spring AI's chat model observation, through Micrometer's OTel bridge: the span starts with its
   * name only, and every attribute is set when the observation stops.
   */
  private static void springAiStyleChat(Tracer tracer) {
    Span span = tracer.spanBuilder("chat gpt-4o-mini").setSpanKind(SpanKind.CLIENT).startSpan();
    span.setAttribute(stringKey("gen_ai.operation.name"), "chat");
    span.setAttribute(stringKey("gen_ai.system"), "openai");
    span.setAttribute(stringKey("gen_ai.request.model"), "gpt-4o-mini");
    span.setAttribute(doubleKey("gen_ai.request.temperature"), 0.7);
    span.setAttribute(stringKey("gen_ai.response.model"), "gpt-4o-mini-2024-07-18");
    span.setAttribute(stringKey("gen_ai.response.id"), "chatcmpl-42");
    span.setAttribute(stringArrayKey("gen_ai.response.finish_reasons"), List.of("STOP"));
    span.setAttribute(longKey("gen_ai.usage.input_tokens"), 25L);
    span.setAttribute(longKey("gen_ai.usage.output_tokens"), 9L);
    span.setAttribute(longKey("gen_ai.usage.total_tokens"), 34L);
    span.end();
  }

  /** A LangChain4j-style chat span: the request known at start, the response set at the end. */
  private static void langChain4jStyleChat(Tracer tracer) {
    Span span =
        tracer
            .spanBuilder("chat claude-sonnet-4")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(stringKey("gen_ai.operation.name"), "chat")
            .setAttribute(stringKey("gen_ai.provider.name"), "anthropic")
            .setAttribute(stringKey("gen_ai.request.model"), "claude-sonnet-4")
            .setAttribute(longKey("gen_ai.request.max_tokens"), 512L)
            .startSpan();
    span.setAttribute(stringKey("gen_ai.response.model"), "claude-sonnet-4-20250514");
    span.setAttribute(longKey("gen_ai.usage.input_tokens"), 40L);
    span.setAttribute(longKey("gen_ai.usage.output_tokens"), 12L);
    span.end();
  }

  private static void embedding(Tracer tracer) {
    Span span =
        tracer
            .spanBuilder("embeddings text-embedding-3-small")
            .setSpanKind(SpanKind.CLIENT)
            .startSpan();
    span.setAttribute(stringKey("gen_ai.operation.name"), "embeddings");
    span.setAttribute(stringKey("gen_ai.system"), "openai");
    span.setAttribute(stringKey("gen_ai.request.model"), "text-embedding-3-small");
    span.setAttribute(longKey("gen_ai.usage.input_tokens"), 7L);
    span.end();
  }

  private static void toolCall(Tracer tracer) {
    Span span = tracer.spanBuilder("execute_tool get_weather").startSpan();
    span.setAttribute(stringKey("gen_ai.operation.name"), "execute_tool");
    span.setAttribute(stringKey("gen_ai.tool.name"), "get_weather");
    span.setAttribute(stringKey("gen_ai.tool.description"), "Current weather for a city");
    span.setAttribute(stringKey("gen_ai.tool.call.id"), "call-1");
    span.end();
  }

  private static SpanExporter otlp(OtlpReceiver receiver) {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(receiver.getHttpTracesEndpoint())
        // Its own metrics off: the default would look up (and so pin) GlobalOpenTelemetry.
        .setMeterProvider(MeterProvider.noop())
        .build();
  }

  private static void print(Result result, PrintStream out) {
    Map<String, SpanData> translatedById =
        result.translated().stream()
            .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    for (SpanData raw : result.raw()) {
      SpanData translated = translatedById.get(raw.getSpanId());
      out.println(raw.getName());
      out.println("  as emitted:");
      Map<String, Object> before = sorted(raw.getAttributes());
      before.forEach((key, value) -> out.printf("      %s = %s%n", key, value));
      out.println("  added or changed at export:");
      if (translated == null) {
        out.println("      (span not received)");
        continue;
      }
      sorted(translated.getAttributes())
          .forEach(
              (key, value) -> {
                Object old = before.get(key);
                if (old == null) {
                  out.printf("    + %s = %s%n", key, value);
                } else if (!Objects.equals(old, value)) {
                  out.printf("    ~ %s = %s  (was %s)%n", key, value, old);
                }
              });
      out.println();
    }
    out.println(SessionView.from(result.translated()).render());
  }

  private static Map<String, Object> sorted(Attributes attributes) {
    Map<String, Object> sorted = new TreeMap<>();
    attributes.forEach((AttributeKey<?> key, Object value) -> sorted.put(key.getKey(), value));
    return sorted;
  }

  private GenAiTranslation() {}
}
