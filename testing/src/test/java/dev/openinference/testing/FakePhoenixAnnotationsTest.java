/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The receiver's fake Phoenix rejects what Phoenix's request schema rejects, and keeps the rest.
 */
class FakePhoenixAnnotationsTest {

  private static int post(OtlpReceiver receiver, String path, String body) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) new URL(receiver.getHttpEndpoint() + path).openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    int status = connection.getResponseCode();
    connection.disconnect();
    return status;
  }

  @Test
  void validBodiesOfEachRouteAreKept() throws IOException {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      assertThat(
              post(
                  receiver,
                  "/v1/span_annotations",
                  "{\"data\":[{\"span_id\":\"b7ad6b7169203331\",\"name\":\"n\","
                      + "\"annotator_kind\":\"LLM\",\"result\":{\"score\":0.5,\"label\":null},"
                      + "\"metadata\":{\"k\":[1,2]},\"identifier\":\"i\"}]}"))
          .isEqualTo(200);
      assertThat(
              post(
                  receiver,
                  "/v1/trace_annotations",
                  "{\"data\":[{\"trace_id\":\"0af7651916cd43dd8448eb211c80319c\",\"name\":\"n\","
                      + "\"annotator_kind\":\"HUMAN\",\"result\":null}]}"))
          .isEqualTo(200);
      assertThat(
              post(
                  receiver,
                  "/v1/session_annotations",
                  "{\"data\":[{\"session_id\":\"s\",\"name\":\"n\",\"annotator_kind\":\"CODE\","
                      + "\"result\":{\"explanation\":\"e\"}}]}"))
          .isEqualTo(200);
      assertThat(receiver.getAnnotationViolations()).isEmpty();
      assertThat(receiver.getAnnotations())
          .extracting(ReceivedAnnotation::getTarget)
          .containsExactly("span", "trace", "session");
      assertThat(receiver.getAnnotations().get(0).getMetadata()).containsKey("k");
    }
  }

  @Test
  void bodiesThatBreakTheSchemaAreAnswered422AndNamed() throws IOException {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      String[][] cases = {
        {"/v1/span_annotations", "[]", "body is not a JSON object"},
        {"/v1/span_annotations", "{\"items\":[]}", "'data' is missing"},
        {
          "/v1/span_annotations",
          "{\"data\":[{\"name\":\"n\",\"annotator_kind\":\"HUMAN\"}]}",
          "data[0].span_id is required"
        },
        {
          "/v1/span_annotations",
          "{\"data\":[{\"span_id\":\"B7AD6B7169203331\",\"name\":\"n\",\"annotator_kind\":\"HUMAN\"}]}",
          "span_id is not 16 lowercase hex"
        },
        {
          "/v1/trace_annotations",
          "{\"data\":[{\"trace_id\":\"0af7651916cd43dd8448eb211c80319c\",\"name\":\"n\","
              + "\"annotator_kind\":\"ROBOT\"}]}",
          "annotator_kind must be one of"
        },
        {
          "/v1/session_annotations",
          "{\"data\":[{\"session_id\":\"s\",\"name\":\"n\",\"annotator_kind\":\"HUMAN\","
              + "\"result\":{\"score\":\"high\"}}]}",
          "result.score must be a Number"
        },
        {
          "/v1/session_annotations",
          "{\"data\":[{\"session_id\":\"s\",\"name\":\"n\",\"annotator_kind\":\"HUMAN\","
              + "\"metadata\":\"x\",\"sessionid\":\"s\"}]}",
          "unknown member 'sessionid'"
        },
        {"/v1/session_annotations", "{\"data\":[", "body is not JSON"},
      };
      for (String[] bad : cases) {
        assertThat(post(receiver, bad[0], bad[1])).as(bad[1]).isEqualTo(422);
        assertThat(receiver.getAnnotationViolations())
            .as(bad[1])
            .anySatisfy(violation -> assertThat(violation).contains(bad[2]));
      }
      assertThat(receiver.getAnnotationViolations())
          .anySatisfy(v -> assertThat(v).contains("metadata must be an object or null"));
      assertThat(receiver.getAnnotations()).isEmpty();
    }
  }

  @Test
  void aCollectorLikeReceiverAnswersTheAnnotationRoutes404() throws IOException {
    try (OtlpReceiver collector = OtlpReceiver.builder().setPhoenixAnnotations(false).build()) {
      assertThat(post(collector, "/v1/session_annotations", "{\"data\":[]}")).isEqualTo(404);
      assertThat(collector.getAnnotationRequestCount()).isZero();
    }
  }
}
