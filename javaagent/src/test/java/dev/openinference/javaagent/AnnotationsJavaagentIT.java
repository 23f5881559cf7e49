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
 * loopback {@link OtlpReceiver}. With the extension each annotated call is one OpenInference span,
 * whichever layers (proxies, interceptors, the advice) see it; with the agent alone only the proxy
 * and the interceptor apply the annotations.
 */
class AnnotationsJavaagentIT {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The annotated calls the app makes: agent, tool, retriever, model, failing chain, async; a call
   * through OpenInferenceAnnotations.proxy, a countdown from 2 through it that calls itself, one
   * through a JDK proxy of an annotated interface, two through Spring AOP class proxies, one
   * through a Spring interface proxy; and for public interfaces, one through a JDK proxy with its
   * own handler, one through OpenInferenceAnnotations.proxy, one through a Spring interface proxy.
   */
  private static final int ANNOTATED_SPANS = 17;

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

    /** The spans named {@code name} whose input is {@code input}. */
    List<SpanData> spans(String name, String input) {
      return spans.stream()
          .filter(s -> s.getName().equals(name))
          .filter(s -> input.equals(s.getAttributes().get(INPUT_VALUE)))
          .collect(Collectors.toList());
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
      // The default span name is SimpleClassName.methodName; tool.name is the method's name.
      SpanData tool = run.span("SupportDesk.lookUp");
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
      List<SpanData> searches = run.spans("knowledge-search", AnnotatedApp.QUESTION);
      org.assertj.core.api.Assertions.assertThat(searches).hasSize(1);
      assertThat(searches.get(0))
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
    void callThroughTheAnnotationsProxyIsOneSpan() {
      // The agent's advice on the proxy class, the proxy's handler and the advice on the target
      // all see this call; one of them records it.
      List<SpanData> searches = run.spans("knowledge-search", "via proxy");
      org.assertj.core.api.Assertions.assertThat(searches).as(run.output).hasSize(1);
      assertThat(searches.get(0))
          .hasNoParent()
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "RETRIEVER")
          .hasAttribute(OUTPUT_VALUE, "[\"Orders ship within two days.\"]")
          .hasStatusSatisfying(status -> status.hasCode(StatusCode.UNSET));
    }

    @Test
    void recursiveSelfCallsBehindTheProxyEachGetTheirSpan() {
      SpanData outer = single(run.spans("countdown", "2"));
      SpanData middle = single(run.spans("countdown", "1"));
      SpanData inner = single(run.spans("countdown", "0"));
      assertThat(outer).hasNoParent().hasAttribute(OUTPUT_VALUE, "0");
      assertThat(middle).hasParentSpanId(outer.getSpanId());
      assertThat(inner).hasParentSpanId(middle.getSpanId());
    }

    @Test
    void jdkProxyOfAnAnnotatedInterfaceIsTraced() {
      // As an AI service of LangChain4j is: an interface nobody implements but a proxy.
      assertThat(run.span("greeter-service"))
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
          .hasAttribute(INPUT_VALUE, "bob")
          .hasAttribute(OUTPUT_VALUE, "hello bob")
          .hasAttribute(SESSION_ID, AnnotatedApp.SESSION);
    }

    @Test
    void jdkProxyOfAPublicAnnotatedInterfaceIsOneSpanPerCall() {
      // Its class is in a dynamic module jdk.proxyN, which the agent ignores by default.
      org.assertj.core.api.Assertions.assertThat(run.stdout)
          .as(run.output)
          .anySatisfy(
              line ->
                  org.assertj.core.api.Assertions.assertThat(line)
                      .startsWith(AnnotatedApp.PROXY_CLASS + "jdk.proxy"));
      assertThat(run.span("public-greeter-service"))
          .hasNoParent()
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
          .hasAttribute(INPUT_VALUE, "alice")
          .hasAttribute(OUTPUT_VALUE, "hi alice")
          .hasAttribute(SESSION_ID, AnnotatedApp.SESSION);
    }

    @Test
    void publicInterfaceBehindTheAnnotationsProxyOrASpringProxyIsOneSpanPerCall() {
      // The advice on the jdk.proxyN class, the handler and the advice on the target see the call.
      for (String input : List.of("public via proxy", "public via spring proxy")) {
        List<SpanData> searches = run.spans("public-knowledge-search", input);
        org.assertj.core.api.Assertions.assertThat(searches)
            .as("%s in %s", input, run.names())
            .hasSize(1);
        assertThat(searches.get(0))
            .hasAttribute(OPENINFERENCE_SPAN_KIND, "RETRIEVER")
            .hasAttribute(OUTPUT_VALUE, "[\"Public orders ship within two days.\"]");
      }
      org.assertj.core.api.Assertions.assertThat(run.names())
          .filteredOn("public-knowledge-search"::equals)
          .hasSize(2);
    }

    @Test
    void springAopClassProxiesMakeOneSpanPerCall() {
      // With OpenInference's interceptor, and with another advice only (as @Transactional).
      for (String text : List.of("hola", "adios")) {
        List<SpanData> translations = run.spans("translate", text);
        org.assertj.core.api.Assertions.assertThat(translations)
            .as("%s in %s", text, run.names())
            .hasSize(1);
        assertThat(translations.get(0))
            .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN")
            .hasAttribute(OUTPUT_VALUE, "translated: " + text);
      }
      org.assertj.core.api.Assertions.assertThat(run.names())
          .filteredOn("translate"::equals)
          .hasSize(2);
    }

    @Test
    void springInterfaceProxyWithAnotherAdviceMakesOneSpan() {
      // The advice on the JDK proxy class and on the class behind the interface see one call.
      List<SpanData> searches = run.spans("knowledge-search", "via spring interface proxy");
      org.assertj.core.api.Assertions.assertThat(searches).as(run.output).hasSize(1);
      assertThat(searches.get(0)).hasAttribute(OPENINFERENCE_SPAN_KIND, "RETRIEVER");
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
      run = AnnotationsJavaagentIT.run(false, 4);
    }

    @Test
    void appRunsUnchangedAndOnlyTheProxyAndTheInterceptorMakeSpans() {
      org.assertj.core.api.Assertions.assertThat(run.exitCode).as(run.output).isZero();
      org.assertj.core.api.Assertions.assertThat(run.answer())
          .as(run.output)
          .isEqualTo(AnnotatedApp.ANSWER);
      // Through the agent's OTel API bridge; nothing applies the annotations to plain classes.
      org.assertj.core.api.Assertions.assertThat(run.spans)
          .as(run.output)
          .extracting(span -> span.getName() + " " + span.getAttributes().get(INPUT_VALUE))
          .containsExactlyInAnyOrder(
              "knowledge-search via proxy",
              "countdown 2",
              "translate hola",
              "public-knowledge-search public via proxy");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ExtensionWithAnnotationsTurnedOff {

    private Run run;

    @BeforeAll
    void runApp() throws Exception {
      run =
          AnnotationsJavaagentIT.run(
              List.of("-Dotel.instrumentation.openinference-annotations.enabled=false"), true, 4);
    }

    @Test
    void onlyTheProxyAndTheInterceptorMakeSpans() {
      org.assertj.core.api.Assertions.assertThat(run.exitCode).as(run.output).isZero();
      org.assertj.core.api.Assertions.assertThat(run.spans)
          .as(run.output)
          .extracting(span -> span.getName() + " " + span.getAttributes().get(INPUT_VALUE))
          .containsExactlyInAnyOrder(
              "knowledge-search via proxy",
              "countdown 2",
              "translate hola",
              "public-knowledge-search public via proxy");
      // The rest of the extension still works: the scope's session reaches the spans.
      org.assertj.core.api.Assertions.assertThat(run.spans)
          .allSatisfy(span -> assertThat(span).hasAttribute(SESSION_ID, AnnotatedApp.SESSION));
    }
  }

  private static SpanData single(List<SpanData> spans) {
    org.assertj.core.api.Assertions.assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static Run run(boolean extension, int expectedSpans) throws Exception {
    return run(List.of(), extension, expectedSpans);
  }

  private static Run run(List<String> extraJvmArgs, boolean extension, int expectedSpans)
      throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.create();
        ChildJvm child =
            ChildJvm.start(
                concat(jvmArgs(receiver, extension), extraJvmArgs),
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

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
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
