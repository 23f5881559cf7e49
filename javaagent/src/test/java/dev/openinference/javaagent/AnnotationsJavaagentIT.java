/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static dev.openinference.semconv.SemanticConventions.AGENT_NAME;
import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;

import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link AnnotatedApp}, plain classes with annotated methods and no SDK, in a child JVM under the
 * real OpenTelemetry javaagent with the extension jar this module builds; the spans arrive at a
 * loopback {@link OtlpReceiver}. With the extension each annotated call is its OpenInference span;
 * with the agent alone nothing applies the annotations.
 */
class AnnotationsJavaagentIT {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  /** The annotated calls the app makes: agent, tool, retriever, model, failing chain, async. */
  private static final int ANNOTATED_SPANS = 6;

  /** One run of the app: its exit code, output and the spans that arrived. */
  private static final class Run {
    final int exitCode;
    final String output;
    final List<String> stdout;
    final List<SpanData> spans;

    Run(int exitCode, String output, List<String> stdout, List<SpanData> spans) {
      this.exitCode = exitCode;
      this.output = output;
      this.stdout = stdout;
      this.spans = spans;
    }

    SpanData span(String name) {
      List<SpanData> named =
          spans.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
      org.assertj.core.api.Assertions.assertThat(named)
          .as("spans named %s among %s\n%s", name, names(), output)
          .hasSize(1);
      return named.get(0);
    }

    List<String> names() {
      return spans.stream().map(SpanData::getName).collect(Collectors.toList());
    }

    String answer() {
      return stdout.stream()
          .filter(line -> line.startsWith(AnnotatedApp.DONE))
          .map(line -> line.substring(AnnotatedApp.DONE.length()))
          .findFirst()
          .orElse(null);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithExtension {

    private Run run;

    @BeforeAll
    void runApp() throws Exception {
      run = AnnotationsJavaagentIT.run(true, ANNOTATED_SPANS);
    }

    @Test
    void appExitsCleanlyWithItsAnswer() {
      org.assertj.core.api.Assertions.assertThat(run.exitCode).as(run.output).isZero();
      org.assertj.core.api.Assertions.assertThat(run.answer())
          .as(run.output)
          .isEqualTo(AnnotatedApp.ANSWER);
      org.assertj.core.api.Assertions.assertThat(run.output)
          .doesNotContain("WARN", "SEVERE", "Exception in");
      org.assertj.core.api.Assertions.assertThat(run.names())
          .as(run.output)
          .hasSize(ANNOTATED_SPANS);
    }

    @Test
    void agentMethodIsTheRootAgentSpanWithQuestionAndAnswer() {
      assertThat(run.span("support-desk"))
          .hasNoParent()
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
          .hasAttribute(AGENT_NAME, "support-desk")
          .hasAttribute(INPUT_VALUE, AnnotatedApp.QUESTION)
          .hasAttribute(INPUT_MIME_TYPE, "text/plain")
          .hasAttribute(OUTPUT_VALUE, AnnotatedApp.ANSWER)
          .hasAttribute(OUTPUT_MIME_TYPE, "text/plain")
          .hasAttribute(SESSION_ID, AnnotatedApp.SESSION)
          .hasAttribute(USER_ID, AnnotatedApp.USER);
    }

    @Test
    void privateSelfCallIsAToolSpanUnderTheAgentWithoutTheExcludedSecret() {
      SpanData agent = run.span("support-desk");
      SpanData tool = run.span("lookUp");
      assertThat(tool)
          .hasParentSpanId(agent.getSpanId())
          .hasTraceId(agent.getTraceId())
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
          .hasAttribute(TOOL_NAME, "lookUp")
          .hasAttribute(TOOL_DESCRIPTION, "Looks up the status of an order")
          // One parameter left after the exclusion: its value as it is.
          .hasAttribute(INPUT_VALUE, AnnotatedApp.ORDER)
          .hasAttribute(OUTPUT_VALUE, AnnotatedApp.STATUS)
          .hasAttribute(SESSION_ID, AnnotatedApp.SESSION);
      for (SpanData span : run.spans) {
        span.getAttributes()
            .forEach(
                (key, value) ->
                    org.assertj.core.api.Assertions.assertThat(String.valueOf(value))
                        .as("%s of %s", key, span.getName())
                        .doesNotContain(AnnotatedApp.API_KEY));
      }
    }

    @Test
    void annotationOnAnInterfaceMethodAppliesToItsImplementation() {
      assertThat(run.span("knowledge-search"))
          .hasParentSpanId(run.span("support-desk").getSpanId())
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "RETRIEVER")
          .hasAttribute(INPUT_VALUE, AnnotatedApp.QUESTION)
          .hasAttribute(OUTPUT_VALUE, "[\"Orders ship within two days.\"]")
          .hasAttribute(OUTPUT_MIME_TYPE, "application/json");
    }

    @Test
    void severalParametersBecomeAJsonObjectByName() {
      // The test classes are compiled with -parameters, as a Spring Boot app is.
      assertThat(run.span("fake-model"))
          .hasParentSpanId(run.span("support-desk").getSpanId())
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM")
          .hasAttribute(
              INPUT_VALUE,
              "{\"question\":\"" + AnnotatedApp.QUESTION + "\",\"facts\":\"shipped 1\"}")
          .hasAttribute(INPUT_MIME_TYPE, "application/json")
          .hasAttribute(OUTPUT_VALUE, AnnotatedApp.ANSWER);
    }

    @Test
    void exceptionSetsStatusErrorAndIsRecorded() {
      SpanData failed = run.span("SupportDesk.escalate");
      assertThat(failed)
          .hasNoParent()
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN")
          .hasAttribute(INPUT_VALUE, "customer is angry")
          .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
          .hasAttribute(SESSION_ID, AnnotatedApp.SESSION);
      org.assertj.core.api.Assertions.assertThat(failed.getAttributes().get(OUTPUT_VALUE)).isNull();
      List<EventData> events = failed.getEvents();
      org.assertj.core.api.Assertions.assertThat(events)
          .anySatisfy(
              event ->
                  org.assertj.core.api.Assertions.assertThat(
                          event.getAttributes().get(AttributeKey.stringKey("exception.message")))
                      .isEqualTo(AnnotatedApp.FAILURE));
    }

    @Test
    void futureResultIsTheOutputWhenItCompletes() {
      assertThat(run.span("async-follow-up"))
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN")
          .hasAttribute(OUTPUT_VALUE, "follow-up: " + AnnotatedApp.QUESTION)
          .hasStatusSatisfying(status -> status.hasCode(StatusCode.UNSET));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AgentWithoutExtension {

    private Run run;

    @BeforeAll
    void runApp() throws Exception {
      run = AnnotationsJavaagentIT.run(false, 0);
    }

    @Test
    void appRunsUnchangedAndNoAnnotationMakesASpan() {
      org.assertj.core.api.Assertions.assertThat(run.exitCode).as(run.output).isZero();
      org.assertj.core.api.Assertions.assertThat(run.answer())
          .as(run.output)
          .isEqualTo(AnnotatedApp.ANSWER);
      org.assertj.core.api.Assertions.assertThat(run.spans).as(run.output).isEmpty();
    }
  }

  private static Run run(boolean extension, int expectedSpans) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        ChildJvm child =
            ChildJvm.start(
                jvmArgs(receiver, extension),
                Map.of(),
                requiredProperty("openinference.it.annotations.classpath"),
                AnnotatedApp.class.getName(),
                List.of())) {
      try {
        int exitCode = child.awaitExit(EXIT_TIMEOUT);
        if (expectedSpans > 0) {
          // The agent's shutdown hook flushed the batch processor before the child exited.
          receiver.awaitSpans(expectedSpans, SPAN_TIMEOUT);
        }
        return new Run(exitCode, child.describe(), child.getStdout(), receiver.getSpans());
      } catch (Exception | AssertionError e) {
        throw new AssertionError(e + "\n" + child.describe(), e);
      }
    }
  }

  private static List<String> jvmArgs(OtlpReceiver receiver, boolean extension) {
    List<String> args = new ArrayList<>();
    args.add("-Dio.opentelemetry.context.enableStrictContext=true");
    args.add("-javaagent:" + existingFile("openinference.it.agent"));
    if (extension) {
      args.add("-Dotel.javaagent.extensions=" + existingFile("openinference.it.extension"));
    }
    args.add("-Dotel.service.name=openinference-annotations-javaagent-it");
    args.add("-Dotel.traces.exporter=otlp");
    args.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    args.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.getHttpTracesEndpoint());
    args.add("-Dotel.metrics.exporter=none");
    args.add("-Dotel.logs.exporter=none");
    args.add("-Dotel.bsp.schedule.delay=100");
    return args;
  }

  private static String requiredProperty(String key) {
    String value = System.getProperty(key);
    org.assertj.core.api.Assertions.assertThat(value)
        .as("system property %s (set by the failsafe configuration)", key)
        .isNotBlank();
    return value;
  }

  private static String existingFile(String key) {
    Path path = Paths.get(requiredProperty(key));
    org.assertj.core.api.Assertions.assertThat(Files.isRegularFile(path))
        .as("%s=%s exists", key, path)
        .isTrue();
    return path.toAbsolutePath().toString();
  }
}
