/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.exporter.OpenInferenceOtel;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * The README's "Annotations" section: its dependency line names this module, each of its Java
 * snippets appears verbatim (up to whitespace) below, and the two ways of applying the annotations
 * without the agent send their spans through {@link OpenInferenceOtel} over OTLP/HTTP to a loopback
 * {@link OtlpReceiver}, where they are decoded and checked.
 */
class ReadmeAnnotationsTest {

  private static final Path README = Path.of("../../README.md");
  private static final Path THIS_SOURCE =
      Path.of(
          "src/test/java/dev/openinference/instrumentation/annotations/ReadmeAnnotationsTest.java");
  private static final String QUESTION = "Where is order o-42?";
  private static final String ANSWER = "Order o-42 is shipped";
  private static final String API_KEY = "sk-readme-secret";

  /** The order service the tool calls. */
  interface Orders {
    String status(String orderId, String apiKey);
  }

  /** The interface the proxy form needs. */
  public interface SupportDesk {
    String answer(String question);
  }

  /** The README's annotated class. */
  public static class SupportAgent implements SupportDesk {
    private final String apiKey = API_KEY;
    private final Orders orders = (orderId, key) -> key.equals(API_KEY) ? "shipped" : "unknown";

    // README snippet 1, verbatim:
    @Agent(name = "support-agent")
    public String answer(String question) {
      return "Order o-42 is " + lookUp("o-42", apiKey);
    }

    @Tool(description = "Looks up the status of an order")
    String lookUp(String orderId, @ExcludeFromInput String apiKey) {
      return orders.status(orderId, apiKey);
    }
  }

  private OtlpReceiver receiver;
  private OpenTelemetrySdk openTelemetry;

  @BeforeEach
  void startBackend() {
    GlobalOpenTelemetry.resetForTest();
    receiver = OtlpReceiver.create();
    openTelemetry =
        OpenInferenceOtel.builder()
            .setProjectName("readme-annotations")
            .setEndpoint(receiver.getHttpTracesEndpoint())
            .setGlobal(true)
            .build();
  }

  @AfterEach
  void stopBackend() {
    openTelemetry.close();
    receiver.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void dependencyLineNamesThisModule() throws IOException {
    List<String> xml = blocks("xml");
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    Matcher artifactId =
        Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
    assertThat(artifactId.find()).isTrue();

    assertThat(xml).singleElement().asString()
        .contains("<groupId>dev.openinference</groupId>")
        .contains("<artifactId>" + artifactId.group(1) + "</artifactId>");
  }

  @Test
  void everyJavaSnippetIsInThisTestVerbatim() throws IOException {
    String source = normalize(Files.readString(THIS_SOURCE, StandardCharsets.UTF_8));
    List<String> java = blocks("java");

    assertThat(java).hasSize(3);
    for (String snippet : java) {
      assertThat(source).as("README snippet%n%s", snippet).contains(normalize(snippet));
    }
  }

  @Test
  @SuppressWarnings("try") // the scope only needs closing
  void proxyLineMakesTheAnnotatedMethodAnAgentSpanOverOtlp() {
    String answer;
    try (Scope session = OpenInference.usingSession("readme-session")) {
      SupportDesk desk = OpenInferenceAnnotations.proxy(
          SupportDesk.class, new SupportAgent(), OpenInferenceTracer.create(openTelemetry));
      answer = desk.answer(QUESTION);
    }

    assertThat(answer).isEqualTo(ANSWER);
    // The proxy sees only the call through it; lookUp is a call the object makes on itself.
    assertThat(exported())
        .singleElement()
        .satisfies(span -> assertAgentSpan(span));
  }

  @Test
  @SuppressWarnings("try") // the scope only needs closing
  void springAdvisorMakesTheAnnotatedMethodAnAgentSpanOverOtlp() {
    Advisor advisor = new DefaultPointcutAdvisor(
        new AnnotationMatchingPointcut(null, Agent.class, true),
        OpenInferenceMethodInterceptor.create());
    ProxyFactory factory = new ProxyFactory(new SupportAgent());
    factory.setProxyTargetClass(true);
    factory.addAdvisor(advisor);
    SupportAgent agent = (SupportAgent) factory.getProxy();

    String answer;
    try (Scope session = OpenInference.usingSession("readme-session")) {
      answer = agent.answer(QUESTION);
    }

    assertThat(answer).isEqualTo(ANSWER);
    assertThat(exported())
        .singleElement()
        .satisfies(span -> assertAgentSpan(span));
  }

  private static void assertAgentSpan(SpanData span) {
    assertThat(span)
        .hasName("support-agent")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
        .hasAttribute(INPUT_VALUE, QUESTION)
        .hasAttribute(OUTPUT_VALUE, ANSWER)
        .hasAttribute(SESSION_ID, "readme-session");
  }

  private List<SpanData> exported() {
    openTelemetry.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    return receiver.awaitSpans(1, Duration.ofSeconds(30));
  }

  /** The code blocks of the given language in the README's "## Annotations" section. */
  private static List<String> blocks(String language) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## Annotations\n");
    assertThat(start).as("README has an Annotations section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Matcher matcher =
        Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(section);
    List<String> blocks = new ArrayList<>();
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  private static String normalize(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
