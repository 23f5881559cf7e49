/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.ReceivedRequest;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the README's "Sending to other backends" snippet against the loopback OTLP receiver, one
 * backend after another, and checks the README shows exactly this code.
 */
class ReadmeOtherBackendsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @Test
  @SuppressWarnings("try") // the scopes only need closing
  void eachBackendReceivesItsOwnKeysAndCredentials() {
    String langfuseEndpoint = otlp.getHttpTracesEndpoint();
    String langsmithEndpoint = otlp.getHttpTracesEndpoint();
    String collectorEndpoint = otlp.getHttpTracesEndpoint();
    String publicKey = "pk-lf-test";
    String secretKey = "sk-lf-test";
    String langsmithApiKey = "lsv2-test";
    // README:begin
    // Langfuse (https://cloud.langfuse.com/api/public/otel/v1/traces): Basic auth with the key pair.
    String keyPair = publicKey + ":" + secretKey;
    OpenTelemetrySdk langfuse = OpenInferenceOtel.builder()
        .setEndpoint(langfuseEndpoint)
        .addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(keyPair.getBytes(UTF_8)))
        .setAliases("langfuse")
        .build();

    // LangSmith (https://api.smith.langchain.com/otel/v1/traces): API key and project headers.
    OpenTelemetrySdk langsmith = OpenInferenceOtel.builder()
        .setEndpoint(langsmithEndpoint)
        .addHeader("x-api-key", langsmithApiKey)
        .addHeader("Langsmith-Project", "support-bot")
        .setAliases("langsmith")
        .build();

    // A backend that follows the OTel GenAI conventions, behind any OTLP endpoint.
    OpenTelemetrySdk genai = OpenInferenceOtel.builder()
        .setEndpoint(collectorEndpoint)
        .setAliases("genai")
        .build();
    // README:end

    // Not closed here: their shutdown hooks close them at exit, and a second close would log.
    SpanData toLangfuse = sendOneTurn(langfuse);
    assertThat(toLangfuse)
        .hasAttributesSatisfying(
            equalTo(stringKey("langfuse.session.id"), "conversation-42"),
            equalTo(stringKey("langfuse.user.id"), "alice"),
            equalTo(stringArrayKey("langfuse.trace.tags"), Arrays.asList("support")),
            equalTo(stringKey("langfuse.trace.metadata.channel"), "web"));
    assertThat(onlyRequest().getHeader("authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("pk-lf-test:sk-lf-test".getBytes(UTF_8)));
    otlp.getReceiver().reset();

    SpanData toLangsmith = sendOneTurn(langsmith);
    assertThat(toLangsmith)
        .hasAttributesSatisfying(
            equalTo(stringKey("langsmith.metadata.thread_id"), "conversation-42"),
            equalTo(stringKey("langsmith.metadata.channel"), "web"),
            equalTo(stringKey("langsmith.span.tags"), "support"));
    assertThat(toLangsmith.getAttributes().get(stringKey("langfuse.session.id"))).isNull();
    ReceivedRequest request = onlyRequest();
    assertThat(request.getHeader("x-api-key")).isEqualTo("lsv2-test");
    assertThat(request.getHeader("langsmith-project")).isEqualTo("support-bot");
    otlp.getReceiver().reset();

    SpanData toGenAi = sendOneTurn(genai);
    assertThat(toGenAi)
        .hasAttribute(GEN_AI_CONVERSATION_ID, "conversation-42")
        .hasAttribute(SESSION_ID, "conversation-42");
    assertThat(toGenAi.getAttributes().get(stringKey("langsmith.metadata.thread_id"))).isNull();
  }

  @SuppressWarnings("try")
  private static SpanData sendOneTurn(OpenTelemetrySdk sdk) {
    try (Scope s = OpenInference.usingSession("conversation-42");
        Scope u = OpenInference.usingUser("alice");
        Scope t = OpenInference.usingTags("support");
        Scope m = OpenInference.usingMetadata(Collections.singletonMap("channel", "web"))) {
      sdk.getTracer("chat").spanBuilder("turn").startSpan().end();
    }
    assertThat(sdk.getSdkTracerProvider().forceFlush().join(20, TimeUnit.SECONDS).isSuccess())
        .isTrue();
    List<SpanData> spans = otlp.awaitSpans(1, WAIT);
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static ReceivedRequest onlyRequest() {
    List<ReceivedRequest> requests = otlp.getRequests();
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @Test
  void readmeShowsThisTestsSnippetVerbatim() throws Exception {
    List<String> lines =
        Files.readAllLines(
            Paths.get("src/test/java/dev/openinference/exporter/ReadmeOtherBackendsTest.java"), UTF_8);
    int begin = indexOf(lines, "// README:begin", 0);
    int end = indexOf(lines, "// README:end", begin);
    String indent = "    ";
    String fromTest =
        lines.subList(begin + 1, end).stream()
            .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
            .collect(Collectors.joining("\n"));

    List<String> readme = Files.readAllLines(Paths.get("../README.md"), UTF_8);
    int marker = indexOf(readme, "ReadmeOtherBackendsTest.java", 0);
    int fenceEnd = indexOf(readme, "```", marker + 2);
    String fromReadme = String.join("\n", readme.subList(marker + 2, fenceEnd));

    assertThat(fromReadme).isEqualTo(fromTest);
  }

  private static int indexOf(List<String> lines, String needle, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).contains(needle) && (!needle.equals("```") || lines.get(i).trim().equals("```"))) {
        return i;
      }
    }
    throw new AssertionError("no line containing " + needle);
  }
}
