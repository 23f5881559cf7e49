/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Example 5, one session per process: a batch job whose whole run is one session, named from the
 * environment, {@code OTEL_OPENINFERENCE_SESSION_ID=run-42} (or {@code
 * -Dotel.openinference.session.id=run-42}). The SDK comes from OTel's {@link
 * AutoConfiguredOpenTelemetrySdk}, which finds the OpenInference span processor on the class path;
 * the job's code has no OpenInference scope at all.
 *
 * <pre>
 * OTEL_OPENINFERENCE_SESSION_ID=run-42 mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=ProcessLevelSession
 * </pre>
 *
 * <p>{@code OTEL_OPENINFERENCE_USER_ID}, {@code OTEL_OPENINFERENCE_TAGS} and {@code
 * OTEL_OPENINFERENCE_METADATA} work the same way. Without a session id in the environment the
 * example names the run {@value #FALLBACK_SESSION} itself, through the same configuration.
 */
public final class ProcessLevelSession {

  static final String FALLBACK_SESSION = "run-local";

  private static final List<String> DOCUMENTS =
      List.of(
          "Quarterly revenue grew 12 percent. Costs were flat and margins improved.",
          "The new onboarding flow cut sign-up time in half. Support tickets fell by a third.",
          "Two outages in March were traced to a misconfigured load balancer. Both are fixed.");

  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    SessionView view = run(quiet ? Examples.nowhere() : System.out, Map.of());
    if (quiet) {
      System.out.println(Examples.checkLine(view));
    }
  }

  /**
   * Runs the job with an autoconfigured SDK exporting to an embedded receiver. {@code defaults} are
   * configuration defaults, below system properties and the environment.
   */
  static SessionView run(PrintStream out, Map<String, String> defaults) {
    Examples.disableNagleInJdkHttpServer();
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      Map<String, String> configuration = new HashMap<>();
      configuration.put("otel.service.name", "nightly-summaries");
      configuration.put("otel.metrics.exporter", "none");
      configuration.put("otel.logs.exporter", "none");
      configuration.put("otel.openinference.session.id", FALLBACK_SESSION);
      configuration.putAll(defaults);
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> configuration)
              // The embedded receiver, whatever OTEL_EXPORTER_OTLP_* says.
              .addPropertiesCustomizer(
                  config ->
                      Map.of(
                          "otel.traces.exporter", "otlp",
                          "otel.exporter.otlp.traces.protocol", "http/protobuf",
                          "otel.exporter.otlp.traces.endpoint", receiver.getHttpTracesEndpoint()))
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      // The order autoconfigure reads them in: system property, environment, defaults.
      String source =
          System.getProperty("otel.openinference.session.id") != null
              ? "-Dotel.openinference.session.id"
              : System.getenv("OTEL_OPENINFERENCE_SESSION_ID") != null
                  ? "OTEL_OPENINFERENCE_SESSION_ID"
                  : defaults.containsKey("otel.openinference.session.id")
                      ? "the caller's defaults"
                      : "the example's fallback (set OTEL_OPENINFERENCE_SESSION_ID to name it)";
      out.println("Batch job; session id from " + source);
      try {
        runJob(sdk, out);
      } finally {
        sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
        sdk.close();
      }
      SessionView view = SessionView.from(receiver.getSpans());
      out.println();
      out.println(view.render());
      return view;
    }
  }

  /** The job: plain OTel code, one trace per document, no OpenInference scope anywhere. */
  private static void runJob(OpenTelemetry openTelemetry, PrintStream out) {
    Tracer tracer = openTelemetry.getTracer("dev.openinference.examples.batch");
    TracedChatModel model = TracedChatModel.create(openTelemetry);
    for (int i = 0; i < DOCUMENTS.size(); i++) {
      Span span = tracer.spanBuilder("summarize document " + (i + 1)).startSpan();
      try (Scope current = span.makeCurrent()) {
        String summary =
            model
                .complete(
                    List.of(
                        ChatMessage.system("You write one-line summaries."),
                        ChatMessage.user(FakeChatModel.SUMMARIZE + " " + DOCUMENTS.get(i))))
                .text();
        out.println("  document " + (i + 1) + ": " + summary);
      } finally {
        span.end();
      }
    }
  }

  private ProcessLevelSession() {}
}
