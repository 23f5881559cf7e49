/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session scope opened in a Quarkus endpoint holds across the thread hops Quarkus makes, because
 * {@code ContextAttributes} lives in the OpenTelemetry {@code Context} that Quarkus carries on its
 * Vert.x duplicated context and through Mutiny.
 */
@QuarkusTest
@QuarkusTestResource(value = LoopbackServers.class, restrictToAnnotatedClass = true)
class QuarkusContextHopsTest {

  private static final AttributeKey<String> SESSION = AttributeKey.stringKey("session.id");

  @TestHTTPResource("/hops")
  URI hops;

  @BeforeEach
  void clear() {
    LoopbackServers.receiver.reset();
  }

  @Test
  void eventLoopMutinyWorkerAndReactiveRestClientSpansCarryTheSession() throws Exception {
    assertThat(get("/event-loop?session=s-event-loop")).isEqualTo("leaf");

    List<SpanData> spans = spansOfSession("s-event-loop", 5);
    assertThat(spans).extracting(SpanData::getName).contains("on-event-loop", "after-emit-on");
    assertThat(spans)
        .filteredOn(span -> span.getKind() == SpanKind.CLIENT)
        .extracting(SpanData::getName)
        .containsExactly("GET /hops/leaf");
  }

  @Test
  void blockingWorkerAndRestClientSpansCarryTheSession() throws Exception {
    assertThat(get("/blocking?session=s-blocking")).isEqualTo("leaf");

    List<SpanData> spans = spansOfSession("s-blocking", 4);
    assertThat(spans).extracting(SpanData::getName).contains("on-worker");
    assertThat(spans)
        .filteredOn(span -> span.getKind() == SpanKind.CLIENT)
        .extracting(SpanData::getName)
        .containsExactly("GET /hops/leaf");
  }

  private String get(String path) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(hops + path)).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** Waits for the request's spans (server, inner, client, leaf server) and keeps the session's. */
  private static List<SpanData> spansOfSession(String session, int requestSpans) {
    List<SpanData> spans =
        LoopbackServers.receiver.awaitSpans(requestSpans, Duration.ofSeconds(20));
    return spans.stream()
        .filter(span -> session.equals(span.getAttributes().get(SESSION)))
        .collect(Collectors.toList());
  }
}
