/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import dev.openinference.exporter.OpenInferenceSpanExporter;
import dev.openinference.exporter.TraceConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Export-side cost of translating a chat span as the OTel GenAI instrumentation ends it with
 * content capture on: ten input messages (system, user and assistant turns, a tool call and its
 * result) in {@code gen_ai.input.messages}, one answer in {@code gen_ai.output.messages}, model,
 * provider, tokens and parameters. One span per export call.
 *
 * <ul>
 *   <li>{@code delegateOnly}: the delegate alone, the baseline;
 *   <li>{@code translateTenMessageChat}: full translation (messages, input/output values, kind,
 *       model, provider, tokens, parameters);
 *   <li>{@code translateTenMessageChatHideInputs}: the same with {@code hideInputs}.
 * </ul>
 *
 * <p>The class only uses API that existed before message translation, so the same file measures an
 * older build for a before/after comparison (see the README).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class ChatExportBenchmark {

  static final String INPUT_MESSAGES =
      "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"You are the support assistant of Acme. Answer briefly.\"}]},"
          + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"Hi, I cannot log in to my account.\"}]},"
          + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"Sorry to hear that. Do you see an error message?\"}]},"
          + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"It says my password is wrong.\"}]},"
          + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_1\","
          + "\"name\":\"lookup_account\",\"arguments\":{\"user\":\"user-4242\"}}]},"
          + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
          + "\"response\":\"account active, last login 3 days ago\"}]},"
          + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"Your account is active. Would you like to reset your password?\"}]},"
          + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Yes please.\"}]},"
          + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"I can send a reset link to your e-mail or explain the steps.\"}]},"
          + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"How do I reset my password myself?\"}]}]";

  static final String OUTPUT_MESSAGES =
      "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"Open Settings > Security and choose Reset password.\"}],"
          + "\"finish_reason\":\"stop\"}]";

  List<SpanData> chatSpan;
  ExportBenchmark.BlackholeExporter delegate;
  SpanExporter translating;
  SpanExporter masking;

  @Setup
  public void setUp(Blackhole blackhole) {
    delegate = new ExportBenchmark.BlackholeExporter();
    delegate.blackhole = blackhole;
    translating = OpenInferenceSpanExporter.wrap(delegate, TraceConfig.builder().build());
    masking =
        OpenInferenceSpanExporter.wrap(delegate, TraceConfig.builder().setHideInputs(true).build());
    chatSpan = Collections.singletonList(chatSpan());
  }

  static SpanData chatSpan() {
    KeeperSpanProcessor keeper = KeeperSpanProcessor.create();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(keeper).build()) {
      Span span = provider.get("bench").spanBuilder("chat gpt-4o").startSpan();
      span.setAttribute("session.id", Workload.SESSION_ID);
      span.setAttribute("user.id", Workload.USER_ID);
      span.setAttribute("gen_ai.operation.name", "chat");
      span.setAttribute("gen_ai.provider.name", "openai");
      span.setAttribute("gen_ai.request.model", "gpt-4o");
      span.setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06");
      span.setAttribute("gen_ai.request.temperature", 0.2);
      span.setAttribute("gen_ai.request.max_tokens", 512L);
      span.setAttribute("gen_ai.usage.input_tokens", 142L);
      span.setAttribute("gen_ai.usage.output_tokens", 17L);
      span.setAttribute("gen_ai.input.messages", INPUT_MESSAGES);
      span.setAttribute("gen_ai.output.messages", OUTPUT_MESSAGES);
      span.end();
    }
    return keeper.last().toSpanData();
  }

  @Benchmark
  public CompletableResultCode delegateOnly() {
    return delegate.export(chatSpan);
  }

  @Benchmark
  public CompletableResultCode translateTenMessageChat() {
    return translating.export(chatSpan);
  }

  @Benchmark
  public CompletableResultCode translateTenMessageChatHideInputs() {
    return masking.export(chatSpan);
  }
}
