/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.FakeOpenAiResponse;
import dev.openinference.testing.SessionView;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runnable Quarkus example: the test application (an AI service with a tool behind {@link
 * ChatResource}) answers two turns of one user's session over HTTP, against the fake OpenAI server,
 * and quarkus-opentelemetry exports to the loopback receiver; the session view is printed.
 *
 * <p>Run it with {@code mvn -B -ntp -q -Pdemo -pl instrumentation/quarkus -am verify
 * -Dtest=QuarkusChatExample}: Quarkus applications are built by Quarkus' own test and build
 * tooling, with Quarkus' OpenTelemetry and LangChain4j versions, so this example lives in this
 * module rather than in {@code examples}.
 */
@QuarkusTest
@QuarkusTestResource(value = LoopbackServers.class, restrictToAnnotatedClass = true)
class QuarkusChatExample {

  @TestHTTPResource("/chat")
  URI chat;

  @Test
  void twoTurnsOfOneSession() throws Exception {
    LoopbackServers.openAi.enqueue(FakeOpenAiResponse.toolCall("call_1", "weather", "{}"));
    String first = post("What is the weather in Paris?");
    String second = post("Thanks!");
    System.out.println("Turn 1: " + first);
    System.out.println("Turn 2: " + second);

    // Two HTTP server roots, two AI-service calls, three model calls with their HTTP client
    // spans, one tool call.
    List<SpanData> spans = LoopbackServers.receiver.awaitSpans(11, Duration.ofSeconds(20));
    String view = SessionView.from(spans).render();
    System.out.println(view);
    assertThat(view).contains("quarkus-example-session");
  }

  private String post(String message) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(chat)
            .header("X-Session-Id", "quarkus-example-session")
            .header("X-User-Id", "alice")
            .POST(HttpRequest.BodyPublishers.ofString(message))
            .timeout(Duration.ofSeconds(20))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
