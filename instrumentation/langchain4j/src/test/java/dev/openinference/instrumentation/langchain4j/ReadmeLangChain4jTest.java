/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.FakeOpenAiResponse;
import dev.openinference.testing.FakeOpenAiServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "LangChain4j" section: its dependency line names this module, and each of its Java
 * snippets appears verbatim (up to whitespace) in a test method below that runs it.
 */
class ReadmeLangChain4jTest {

  private static final Path README = Path.of("../../README.md");
  private static final Path THIS_SOURCE =
      Path.of(
          "src/test/java/dev/openinference/instrumentation/langchain4j/ReadmeLangChain4jTest.java");

  interface Assistant {
    String chat(String message);
  }

  static final class OrderTools {
    @Tool("Looks up the shipping status of an order")
    String orderStatus(@P(name = "orderId", value = "the order number") String orderId) {
      return "order " + orderId + " shipped";
    }
  }

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  private final FakeOpenAiServer openAi = FakeOpenAiServer.create();

  @AfterEach
  void close() {
    openTelemetry.close();
    openAi.close();
  }

  @Test
  void dependencyLineNamesThisModule() throws IOException {
    List<String> xml = blocks("xml");
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    String artifactId = firstGroup("</parent>\\s*<artifactId>([^<]+)</artifactId>", pom);

    assertThat(xml).hasSize(1);
    assertThat(firstGroup("<groupId>([^<]+)</groupId>", xml.get(0)))
        .isEqualTo("dev.openinference");
    assertThat(firstGroup("<artifactId>([^<]+)</artifactId>", xml.get(0))).isEqualTo(artifactId);
  }

  @Test
  void everyJavaSnippetIsInThisTestVerbatim() throws IOException {
    String source = normalize(Files.readString(THIS_SOURCE, StandardCharsets.UTF_8));
    List<String> java = blocks("java");

    assertThat(java).hasSize(2);
    for (String snippet : java) {
      assertThat(source).as("README snippet%n%s", snippet).contains(normalize(snippet));
    }
  }

  @Test
  void listenerLineMakesEachModelCallAnLlmSpan() {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(openAi.baseUrl())
            .apiKey("readme")
            .modelName("gpt-4o-mini")
            .listeners(List.of(OpenInferenceChatModelListener.create(openTelemetry)))
            .build();

    model.chat("Hello README");

    assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            span ->
                assertThat(span)
                    .hasAttribute(SemanticConventions.OPENINFERENCE_SPAN_KIND, "LLM")
                    .hasAttribute(SemanticConventions.OUTPUT_VALUE, "You said: Hello README"));
  }

  @Test
  void aiServiceSnippetMakesTheCallAnAgentSpanAndTheToolAToolSpan() {
    openAi.enqueue(FakeOpenAiResponse.toolCall("call_r", "orderStatus", "{\"orderId\":\"7\"}"));
    OpenAiChatModel model =
        OpenAiChatModel.builder().baseUrl(openAi.baseUrl()).apiKey("readme").build();

    Assistant assistant = OpenInferenceAiServices.create(openTelemetry).trace(Assistant.class,
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .tools(OpenInferenceTools.create(openTelemetry).wrap(new OrderTools()))
            .build());
    String answer = assistant.chat("Where is order 7?");

    assertThat(answer).isEqualTo("The tool returned: order 7 shipped");
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans)
        .extracting(span -> span.getAttributes().get(SemanticConventions.OPENINFERENCE_SPAN_KIND))
        .containsExactlyInAnyOrder("AGENT", "TOOL");
  }

  /** The code blocks of the given language in the README's "## LangChain4j" section. */
  private static List<String> blocks(String language) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## LangChain4j\n");
    assertThat(start).as("README has a LangChain4j section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Matcher matcher = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(section);
    List<String> blocks = new ArrayList<>();
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  private static String firstGroup(String regex, String text) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s in%n%s", regex, text).isTrue();
    return matcher.group(1);
  }

  private static String normalize(String code) {
    return code.replaceAll("\\s+", " ").trim();
  }
}
