/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake OpenAI server over real HTTP, read back with the JDK client and the JSON reader. */
class FakeOpenAiServerTest {

  private static final String SYSTEM_AND_USER =
      "{\"model\":\"gpt-4o-mini\",\"messages\":["
          + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
          + "{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"}],"
          + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
          + "\"parameters\":{\"type\":\"object\"}}}]}";

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeOpenAiServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void baseUrlIsLoopbackWithV1() {
    server = FakeOpenAiServer.create();
    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
    assertThat(server.rootUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(server.port()).isPositive();
    assertThat(server.toString()).contains(server.baseUrl());
  }

  @Test
  void chatEchoesTheLastUserMessageWithWordCountUsage() throws Exception {
    server = FakeOpenAiServer.create();
    HttpResponse<String> response = post("/chat/completions", SYSTEM_AND_USER);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    Map<String, Object> body = object(response.body());
    assertThat(body)
        .containsEntry("object", "chat.completion")
        .containsEntry("model", "gpt-4o-mini");
    assertThat((String) body.get("id")).startsWith("chatcmpl-");
    Map<String, Object> choice = first(body.get("choices"));
    assertThat(choice).containsEntry("finish_reason", "stop").containsEntry("index", 0L);
    assertThat(map(choice.get("message")))
        .containsEntry("role", "assistant")
        .containsEntry("content", "You said: What is the weather in Paris?")
        .doesNotContainKey("tool_calls");
    // "You are terse." (3) + "What is the weather in Paris?" (6); the answer has 8 words.
    assertThat(map(body.get("usage")))
        .containsEntry("prompt_tokens", 9L)
        .containsEntry("completion_tokens", 8L)
        .containsEntry("total_tokens", 17L);
  }

  @Test
  void queuedToolCallThenToolResultGetsAFinalAnswer() throws Exception {
    server =
        FakeOpenAiServer.builder()
            .enqueue(FakeOpenAiResponse.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))
            .build();

    Map<String, Object> first = object(post("/chat/completions", SYSTEM_AND_USER).body());
    Map<String, Object> choice = first(first.get("choices"));
    assertThat(choice).containsEntry("finish_reason", "tool_calls");
    Map<String, Object> message = map(choice.get("message"));
    assertThat(message).containsEntry("role", "assistant").containsEntry("content", null);
    Map<String, Object> call = first(message.get("tool_calls"));
    assertThat(call).containsEntry("id", "call_1").containsEntry("type", "function");
    assertThat(map(call.get("function")))
        .containsEntry("name", "get_weather")
        .containsEntry("arguments", "{\"city\":\"Paris\"}");

    String followUp =
        "{\"model\":\"gpt-4o-mini\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"Sunny, 21 C\"}]}";
    Map<String, Object> second = object(post("/chat/completions", followUp).body());
    Map<String, Object> finalChoice = first(second.get("choices"));
    assertThat(finalChoice).containsEntry("finish_reason", "stop");
    assertThat(map(finalChoice.get("message")))
        .containsEntry("content", "The tool returned: Sunny, 21 C");

    List<FakeOpenAiRequest> requests = server.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).getAnswer()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(requests.get(1).getMessages())
        .extracting(m -> m.get("role"))
        .containsExactly("user", "assistant", "tool");
    assertThat(requests.get(1).getMessages().get(2)).containsEntry("tool_call_id", "call_1");
    assertThat(requests.get(1).getAnswer()).isEqualTo("The tool returned: Sunny, 21 C");
  }

  @Test
  void queuedAnswersAreTakenInOrderThenTheDefaultResumes() throws Exception {
    server = FakeOpenAiServer.create();
    server.enqueue(FakeOpenAiResponse.text("one"));
    server.enqueue(FakeOpenAiResponse.text("two"));

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(
          (String)
              map(first(object(post("/chat/completions", SYSTEM_AND_USER).body()).get("choices"))
                      .get("message"))
                  .get("content"));
    }
    assertThat(answers).containsExactly("one", "two", "You said: What is the weather in Paris?");
  }

  @Test
  void contentPartsCountAsText() throws Exception {
    server = FakeOpenAiServer.create();
    String body =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "[{\"type\":\"text\",\"text\":\"Hello\"},{\"type\":\"text\",\"text\":\"there\"}]}]}";
    Map<String, Object> answer = object(post("/chat/completions", body).body());
    assertThat(map(first(answer.get("choices")).get("message")))
        .containsEntry("content", "You said: Hello there");
    assertThat(answer).containsEntry("model", "m");
  }

  @Test
  void streamingSendsDeltasFinishReasonUsageAndDone() throws Exception {
    server = FakeOpenAiServer.create();
    String body =
        "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";
    HttpResponse<String> response = post("/chat/completions", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> data = sseData(response.body());
    assertThat(data).last().isEqualTo("[DONE]");
    List<Map<String, Object>> chunks = new ArrayList<>();
    for (String d : data.subList(0, data.size() - 1)) {
      chunks.add(object(d));
    }
    StringBuilder content = new StringBuilder();
    String finishReason = null;
    for (Map<String, Object> chunk : chunks) {
      assertThat(chunk).containsEntry("object", "chat.completion.chunk");
      for (Object c : (List<?>) chunk.get("choices")) {
        Map<String, Object> delta = map(map(c).get("delta"));
        if (delta.get("content") != null) {
          content.append(delta.get("content"));
        }
        if (map(c).get("finish_reason") != null) {
          finishReason = (String) map(c).get("finish_reason");
        }
      }
    }
    assertThat(content.toString()).isEqualTo("You said: Hi there");
    assertThat(finishReason).isEqualTo("stop");
    assertThat(map(first(chunks.get(0).get("choices")).get("delta")))
        .containsEntry("role", "assistant");
    Map<String, Object> last = chunks.get(chunks.size() - 1);
    assertThat((List<?>) last.get("choices")).isEmpty();
    assertThat(map(last.get("usage")))
        .containsEntry("prompt_tokens", 2L)
        .containsEntry("completion_tokens", 4L)
        .containsEntry("total_tokens", 6L);
    assertThat(server.requests().get(0).isStreaming()).isTrue();
  }

  @Test
  void streamingWithoutIncludeUsageHasNoUsageChunk() throws Exception {
    server = FakeOpenAiServer.create();
    String body =
        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    List<String> data = sseData(post("/chat/completions", body).body());
    for (String d : data.subList(0, data.size() - 1)) {
      assertThat(object(d)).doesNotContainKey("usage");
      assertThat((List<?>) object(d).get("choices")).hasSize(1);
    }
  }

  @Test
  void streamedToolCallCarriesIdNameAndArgumentsInPieces() throws Exception {
    server = FakeOpenAiServer.create();
    server.enqueue(
        FakeOpenAiResponse.toolCall("call_9", "get_weather", "{\"city\": \"Paris\", \"days\": 2}"));
    String body =
        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    List<String> data = sseData(post("/chat/completions", body).body());

    String id = null;
    String name = null;
    StringBuilder arguments = new StringBuilder();
    String finishReason = null;
    int argumentChunks = 0;
    for (String d : data.subList(0, data.size() - 1)) {
      Map<String, Object> choice = first(object(d).get("choices"));
      if (choice.get("finish_reason") != null) {
        finishReason = (String) choice.get("finish_reason");
      }
      for (Object c : (List<?>) map(choice.get("delta")).getOrDefault("tool_calls", List.of())) {
        Map<String, Object> call = map(c);
        assertThat(call).containsEntry("index", 0L);
        if (call.get("id") != null) {
          id = (String) call.get("id");
          name = (String) map(call.get("function")).get("name");
        }
        String piece = (String) map(call.get("function")).get("arguments");
        if (!piece.isEmpty()) {
          argumentChunks++;
        }
        arguments.append(piece);
      }
    }
    assertThat(id).isEqualTo("call_9");
    assertThat(name).isEqualTo("get_weather");
    assertThat(arguments.toString()).isEqualTo("{\"city\": \"Paris\", \"days\": 2}");
    assertThat(argumentChunks).isGreaterThan(1);
    assertThat(finishReason).isEqualTo("tool_calls");
  }

  @Test
  void embeddingsAreDeterministicUnitVectorsPerInput() throws Exception {
    server = FakeOpenAiServer.create();
    String body =
        "{\"model\":\"text-embedding-3-small\",\"input\":[\"hello world\",\"bye\"],"
            + "\"encoding_format\":\"float\"}";
    Map<String, Object> first = object(post("/embeddings", body).body());
    Map<String, Object> again = object(post("/embeddings", body).body());

    assertThat(first)
        .containsEntry("object", "list")
        .containsEntry("model", "text-embedding-3-small");
    List<?> data = (List<?>) first.get("data");
    assertThat(data).hasSize(2);
    assertThat(map(data.get(1))).containsEntry("index", 1L).containsEntry("object", "embedding");
    List<?> vector = (List<?>) map(data.get(0)).get("embedding");
    assertThat(vector).hasSize(FakeOpenAiHandler.DEFAULT_DIMENSIONS);
    double norm = 0;
    for (Object x : vector) {
      norm += ((Number) x).doubleValue() * ((Number) x).doubleValue();
    }
    assertThat(norm).isBetween(0.999, 1.001);
    assertThat(map(data.get(1)).get("embedding")).isNotEqualTo(vector);
    assertThat(again.get("data")).isEqualTo(first.get("data"));
    assertThat(map(first.get("usage")))
        .containsEntry("prompt_tokens", 3L)
        .containsEntry("total_tokens", 3L)
        .doesNotContainKey("completion_tokens");
  }

  @Test
  void embeddingsHonourDimensionsAndBase64() throws Exception {
    server = FakeOpenAiServer.create();
    Map<String, Object> asFloats =
        object(post("/embeddings", "{\"model\":\"e\",\"input\":\"hi\",\"dimensions\":3}").body());
    Map<String, Object> asBase64 =
        object(
            post(
                    "/embeddings",
                    "{\"model\":\"e\",\"input\":\"hi\",\"dimensions\":3,"
                        + "\"encoding_format\":\"base64\"}")
                .body());

    List<?> floats = (List<?>) map(first(asFloats.get("data"))).get("embedding");
    assertThat(floats).hasSize(3);
    ByteBuffer decoded =
        ByteBuffer.wrap(
                Base64.getDecoder()
                    .decode((String) map(first(asBase64.get("data"))).get("embedding")))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(decoded.remaining()).isEqualTo(12);
    for (Object f : floats) {
      assertThat(decoded.getFloat()).isEqualTo(((Number) f).floatValue());
    }
  }

  @Test
  void queuedErrorIsAnsweredWithItsStatusAndOpenAiErrorBody() throws Exception {
    server = FakeOpenAiServer.create();
    server.enqueue(FakeOpenAiResponse.error(429, "Slow down"));
    HttpResponse<String> response = post("/chat/completions", SYSTEM_AND_USER);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(map(object(response.body()).get("error")))
        .containsEntry("message", "Slow down")
        .containsEntry("type", "rate_limit_error");
    assertThat(server.requests().get(0).getStatus()).isEqualTo(429);
    assertThat(post("/chat/completions", SYSTEM_AND_USER).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathWrongMethodAndBadJsonAreClientErrors() throws Exception {
    server = FakeOpenAiServer.create();
    assertThat(post("/completions", "{}").statusCode()).isEqualTo(404);
    assertThat(post("/chat/completions", "not json").statusCode()).isEqualTo(400);
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/embeddings")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(map(object(get.body()).get("error"))).containsKey("message");
    assertThat(server.requests())
        .extracting(FakeOpenAiRequest::getStatus)
        .containsExactly(404, 400, 405);
    assertThat(server.requests().get(1).getJson()).isNull();
    assertThat(server.requests().get(1).getBody()).isEqualTo("not json");
  }

  @Test
  void recordsHeadersBodyAndParsedJson() throws Exception {
    server = FakeOpenAiServer.create();
    post("/chat/completions", SYSTEM_AND_USER);

    FakeOpenAiRequest request = server.awaitRequests(1, Duration.ofSeconds(5)).get(0);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-key");
    assertThat(request.getBody()).isEqualTo(SYSTEM_AND_USER);
    assertThat(request.getModel()).isEqualTo("gpt-4o-mini");
    assertThat(request.isStreaming()).isFalse();
    assertThat(request.getMessages())
        .extracting(m -> m.get("role"))
        .containsExactly("system", "user");
    assertThat(request.getJson()).containsKey("tools");
    assertThat(request.getPromptTokens()).isEqualTo(9);
    assertThat(request.getCompletionTokens()).isEqualTo(8);
    assertThat(request.getTotalTokens()).isEqualTo(17);
  }

  @Test
  void awaitRequestsFailsWithWhatArrived() {
    server = FakeOpenAiServer.create();
    assertThatThrownBy(() -> server.awaitRequests(1, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected 1 requests");
  }

  @Test
  void resetForgetsRequestsAndQueue() throws Exception {
    server = FakeOpenAiServer.create();
    server.enqueue(FakeOpenAiResponse.text("queued"));
    post("/embeddings", "{\"model\":\"e\",\"input\":\"x\"}");
    server.reset();
    assertThat(server.requests()).isEmpty();
    Map<String, Object> answer = object(post("/chat/completions", SYSTEM_AND_USER).body());
    assertThat(map(first(answer.get("choices")).get("message")).get("content"))
        .isEqualTo("You said: What is the weather in Paris?");
  }

  @Test
  void closeStopsListeningAndIsIdempotent() {
    server = FakeOpenAiServer.create();
    server.close();
    server.close();
    assertThat(server.toString()).contains("closed");
    assertThatThrownBy(() -> post("/chat/completions", SYSTEM_AND_USER))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void badScriptsAreRejected() {
    assertThatThrownBy(() -> FakeOpenAiResponse.error(200, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeOpenAiResponse.text(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeOpenAiServer.builder().setPort(70000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeOpenAiServer.builder().enqueue(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(FakeOpenAiResponse.toolCall("c", "f", "{}").toString()).contains("f", "c");
  }

  @Test
  void miniJsonReadsWhatItWrites() {
    String json = "{\"a\":[1,2.5,-3e2,true,false,null,\"x\\\"y\\n\\u00e9\"],\"b\":{},\"c\":[]}";
    Object parsed = MiniJson.parse(json);
    assertThat(MiniJson.parse(MiniJson.write(parsed))).isEqualTo(parsed);
    assertThat(map(parsed).get("a"))
        .isEqualTo(Arrays.asList(1L, 2.5, -300.0, true, false, null, "x\"y\n\u00e9"));
    assertThat(map(parsed).get("b")).isEqualTo(Map.of());
    assertThatThrownBy(() -> MiniJson.parse("{\"a\":1,}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MiniJson.parse("[1] 2")).isInstanceOf(IllegalArgumentException.class);
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer test-key")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> sseData(String body) {
    List<String> data = new ArrayList<>();
    for (String line : body.split("\n", -1)) {
      if (line.startsWith("data: ")) {
        data.add(line.substring("data: ".length()));
      } else {
        assertThat(line).isEmpty();
      }
    }
    return data;
  }

  private static Map<String, Object> object(String json) {
    return map(MiniJson.parse(json));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> first(Object list) {
    assertThat(list).isInstanceOf(List.class);
    return map(((List<?>) list).get(0));
  }
}
