/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.Session;
import dev.openinference.testing.SessionView;
import dev.openinference.testing.SpanNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MultiServiceSessionsTest {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  @Test
  void eachConversationIsOneSessionAcrossAllThreeServicesAndNothingReachesTheThirdParty() {
    MultiServiceSessions.Result result = MultiServiceSessions.run(Examples.nowhere());
    SessionView view = result.view;

    assertThat(view.getSessions())
        .extracting(Session::getId)
        .containsExactlyInAnyOrderElementsOf(MultiServiceSessions.CONVERSATIONS);
    // Per conversation: gateway turn and call, agent server span, two calls and its step, tool
    // server span and its step.
    assertThat(view.getSpansWithSessionCount()).isEqualTo(view.getSpanCount()).isEqualTo(16);
    for (String conversation : MultiServiceSessions.CONVERSATIONS) {
      List<SpanData> spans =
          view.getSession(conversation).getTurns().stream()
              .flatMap(t -> t.preOrder().stream())
              .map(SpanNode::getSpan)
              .collect(Collectors.toList());
      assertThat(spans).hasSize(8);
      assertThat(spans)
          .extracting(s -> s.getResource().getAttribute(SERVICE_NAME))
          .containsOnly("gateway", "agent-service", "tool-service")
          .contains("gateway", "agent-service", "tool-service");
      assertThat(spans)
          .allSatisfy(
              s -> assertThat(s.getAttributes().get(USER_ID)).isEqualTo(MultiServiceSessions.USER));
    }

    assertThat(result.thirdPartyHeaders).hasSize(2);
    for (Map<String, List<String>> headers : result.thirdPartyHeaders) {
      assertThat(headers).containsKey("traceparent").doesNotContainKey("openinference");
    }
  }
}
