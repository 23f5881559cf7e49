/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.exporter.OpenInferenceOtel;
import dev.openinference.exporter.OpenInferenceOtelBuilder;
import dev.openinference.testing.SessionView;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo: the {@linkplain ChatbotSessions chatbot conversations} (two users, three conversations,
 * nine turns, each an agent with a retrieval, a tool call over HTTP and a model call), with no
 * network and no API keys.
 *
 * <p>By default the spans go over real OTLP/HTTP to an embedded receiver on 127.0.0.1 and the demo
 * prints them by session: user, turns in order with input and output, span tree with kinds, token
 * totals, and a check that every span carries its session. With {@code PHOENIX_COLLECTOR_ENDPOINT}
 * (or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}) set, the
 * same run goes to that backend instead, configured from the environment like {@link
 * OpenInferenceOtel#register()} ({@code PHOENIX_API_KEY}, {@code PHOENIX_PROJECT_NAME}, {@code
 * OTEL_EXPORTER_OTLP_HEADERS}, ...), and shows up in Phoenix's Sessions tab.
 *
 * <p>From a fresh clone, one command builds what it needs and runs it:
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify
 * PHOENIX_COLLECTOR_ENDPOINT=http://localhost:6006 mvn -B -ntp -q -Pdemo -pl examples -am verify
 * </pre>
 *
 * <p>{@code -Ddemo.verbose=true} shows the SDK's INFO logging; {@code -Dexec.args=--quiet} prints
 * only the check line.
 */
public final class Demo {

  static final String PROJECT_NAME = "openinference-java-demo";

  /** Where spans go when set, in the order the exporter set-up reads them. */
  static final List<String> ENDPOINT_VARIABLES =
      List.of(
          "PHOENIX_COLLECTOR_ENDPOINT",
          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
          "OTEL_EXPORTER_OTLP_ENDPOINT");

  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    PrintStream out = quiet ? Examples.nowhere() : System.out;
    Map<String, String> environment = System.getenv();
    String variable =
        ENDPOINT_VARIABLES.stream()
            .filter(name -> !environment.getOrDefault(name, "").isBlank())
            .findFirst()
            .orElse(null);
    if (variable == null) {
      SessionView view = runLocally(out);
      if (quiet) {
        System.out.println(Examples.checkLine(view));
      }
    } else {
      if (!runAgainstBackend(System.out, variable, environment)) {
        System.exit(1);
      }
    }
  }

  /** Runs the conversations against an embedded receiver, prints and returns its session view. */
  static SessionView runLocally(PrintStream out) {
    out.println("OpenInference for Java: a support chatbot, 2 users, 3 conversations, 9 turns.");
    out.println("Each turn: agent > retrieval + account tool (HTTP on 127.0.0.1) + model call.");
    try (LocalBackend backend = LocalBackend.start(PROJECT_NAME)) {
      out.println("Spans go over OTLP/HTTP to an embedded receiver at " + backend.endpoint());
      out.println("(set PHOENIX_COLLECTOR_ENDPOINT to send them to Phoenix instead)");
      ChatbotSessions.run(backend.openTelemetry(), out);
      SessionView view = SessionView.from(backend.flush(), backend.feedback());
      out.println();
      out.println("What the receiver got, by session:");
      out.println();
      out.println(view.render());
      return view;
    }
  }

  /**
   * Runs the conversations with the SDK configured from the environment; false, after saying so on
   * stderr, when spans could not be exported.
   */
  static boolean runAgainstBackend(
      PrintStream out, String variable, Map<String, String> environment) {
    String project = firstSet(environment, "PHOENIX_PROJECT", "PHOENIX_PROJECT_NAME");
    // OpenInferenceOtel.register() reads the endpoint, API key, headers and project from the
    // environment; the demo only names its project when the environment does not.
    OpenInferenceOtelBuilder builder = OpenInferenceOtel.builder().setGlobal(true);
    if (project == null) {
      project = PROJECT_NAME;
      builder.setProjectName(project);
    }
    ExampleLogging.FailedExports failures = ExampleLogging.watchFailedExports();
    OpenTelemetrySdk sdk = builder.build();
    String endpoint = environment.get(variable);
    out.printf("Sending the demo's spans to %s (%s), project '%s'%n", endpoint, variable, project);
    try {
      ChatbotSessions.run(sdk, out);
    } finally {
      sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
      sdk.close();
      failures.close();
    }
    out.println();
    if (failures.first() != null) {
      System.err.printf(
          "The demo's spans did not all reach %s (%s): %s%n", endpoint, variable, failures.first());
      return false;
    }
    List<String> sessions = sessionIds();
    int turns = Conversation.turns(Conversation.DEMO);
    out.printf(
        "Sent %d sessions (%s), %d turns, to %s, project '%s'.%n",
        sessions.size(), String.join(", ", sessions), turns, endpoint, project);
    out.println(
        variable.startsWith("PHOENIX")
            ? "In Phoenix: Projects > " + project + " > Sessions."
            : "Look for project '" + project + "' and those session ids in your backend.");
    return true;
  }

  private static List<String> sessionIds() {
    return Conversation.DEMO.stream().map(Conversation::sessionId).toList();
  }

  private static String firstSet(Map<String, String> environment, String... names) {
    for (String name : names) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  private Demo() {}
}
