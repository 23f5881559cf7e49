/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static dev.openinference.integration.OpenAiConversation.ANSWER;
import static dev.openinference.integration.OpenAiConversation.EMBEDDING_MODEL;
import static dev.openinference.integration.OpenAiConversation.MODEL;
import static dev.openinference.integration.OpenAiConversation.QUESTION;
import static dev.openinference.integration.OpenAiConversation.SYSTEM;
import static dev.openinference.integration.OpenAiConversation.TOOL;
import static dev.openinference.integration.OpenAiConversation.TOOL_ARGUMENTS;
import static dev.openinference.integration.OpenAiConversation.TOOL_CALL_ID;
import static dev.openinference.integration.OpenAiConversation.TOOL_RESULT;
import static dev.openinference.semconv.SemanticConventions.EMBEDDING_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.LLM_SYSTEM;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static dev.openinference.semconv.SemanticConventions.llmInputMessage;
import static dev.openinference.semconv.SemanticConventions.llmOutputMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.semconv.MessageKeys;
import dev.openinference.testing.FakeOpenAiRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * What an OpenInference backend must receive for {@link OpenAiConversation}: the two chat spans and
 * the embeddings span, with session, user, kind, messages, tool call, input and output, model and
 * the token counts the fake server reported. Soft assertions, each naming the attribute and the
 * span, so a failure lists every missing or wrong attribute at once.
 */
final class OpenAiSpanExpectations {

  static final String SESSION = "s-1";
  static final String USER = "u-1";

  /**
   * Checks the conversation's spans among {@code spans}; {@code requests} are what the fake server
   * received, in order: the two chat requests, then the embeddings request.
   */
  static void assertConversation(List<SpanData> spans, List<FakeOpenAiRequest> requests) {
    List<SpanData> chats =
        spans.stream()
            .filter(s -> s.getName().equals("chat " + MODEL))
            .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
            .collect(Collectors.toList());
    List<SpanData> embeddings =
        spans.stream()
            .filter(s -> s.getName().equals("embeddings " + EMBEDDING_MODEL))
            .collect(Collectors.toList());
    assertThat(chats).as("chat spans among %s", names(spans)).hasSize(2);
    assertThat(embeddings).as("embeddings spans among %s", names(spans)).hasSize(1);
    assertThat(requests)
        .extracting(FakeOpenAiRequest::getPath)
        .containsExactly("/v1/chat/completions", "/v1/chat/completions", "/v1/embeddings");

    SoftAssertions softly = new SoftAssertions();
    toolCallTurn(softly, chats.get(0), requests.get(0));
    finalTurn(softly, chats.get(1), requests.get(1));
    embedding(softly, embeddings.get(0));
    softly.assertAll();
  }

  /** The first chat call: system and user in, a tool call out. */
  private static void toolCallTurn(
      SoftAssertions softly, SpanData span, FakeOpenAiRequest request) {
    llmSpan(softly, span, request);
    message(softly, span, llmInputMessage(0), "system", SYSTEM);
    message(softly, span, llmInputMessage(1), "user", QUESTION);
    absent(softly, span, llmInputMessage(2).role());
    has(softly, span, llmOutputMessage(0).role(), "assistant");
    toolCall(softly, span, llmOutputMessage(0));
    contains(softly, span, INPUT_VALUE, QUESTION);
    contains(softly, span, OUTPUT_VALUE, TOOL);
  }

  /** The second chat call: the history with the tool call and its result in, the answer out. */
  private static void finalTurn(SoftAssertions softly, SpanData span, FakeOpenAiRequest request) {
    llmSpan(softly, span, request);
    message(softly, span, llmInputMessage(0), "system", SYSTEM);
    message(softly, span, llmInputMessage(1), "user", QUESTION);
    has(softly, span, llmInputMessage(2).role(), "assistant");
    toolCall(softly, span, llmInputMessage(2));
    message(softly, span, llmInputMessage(3), "tool", TOOL_RESULT);
    has(softly, span, llmInputMessage(3).toolCallId(), TOOL_CALL_ID);
    absent(softly, span, llmInputMessage(4).role());
    message(softly, span, llmOutputMessage(0), "assistant", ANSWER);
    contains(softly, span, INPUT_VALUE, TOOL_RESULT);
    contains(softly, span, OUTPUT_VALUE, ANSWER);
  }

  private static void llmSpan(SoftAssertions softly, SpanData span, FakeOpenAiRequest request) {
    has(softly, span, SESSION_ID, SESSION);
    has(softly, span, USER_ID, USER);
    has(softly, span, OPENINFERENCE_SPAN_KIND, "LLM");
    has(softly, span, LLM_MODEL_NAME, MODEL);
    has(softly, span, LLM_PROVIDER, "openai");
    has(softly, span, LLM_TOKEN_COUNT_PROMPT, request.getPromptTokens());
    has(softly, span, LLM_TOKEN_COUNT_COMPLETION, request.getCompletionTokens());
    has(softly, span, LLM_TOKEN_COUNT_TOTAL, request.getTotalTokens());
  }

  private static void embedding(SoftAssertions softly, SpanData span) {
    has(softly, span, SESSION_ID, SESSION);
    has(softly, span, USER_ID, USER);
    has(softly, span, OPENINFERENCE_SPAN_KIND, "EMBEDDING");
    has(softly, span, EMBEDDING_MODEL_NAME, EMBEDDING_MODEL);
    absent(softly, span, LLM_PROVIDER);
    absent(softly, span, LLM_SYSTEM);
  }

  private static void message(
      SoftAssertions softly, SpanData span, MessageKeys message, String role, String content) {
    has(softly, span, message.role(), role);
    // Text parts arrive as message.contents (as the reference converter writes them), tool
    // results as the flat message.content.
    String flat = span.getAttributes().get(message.content());
    String text = flat != null ? flat : span.getAttributes().get(message.contents(0).text());
    softly.assertThat(text).as(describe(span, message.content())).isEqualTo(content);
  }

  private static void toolCall(SoftAssertions softly, SpanData span, MessageKeys message) {
    has(softly, span, message.toolCalls(0).id(), TOOL_CALL_ID);
    has(softly, span, message.toolCalls(0).functionName(), TOOL);
    has(softly, span, message.toolCalls(0).functionArguments(), TOOL_ARGUMENTS);
  }

  private static <T> void has(SoftAssertions softly, SpanData span, AttributeKey<T> key, T value) {
    softly.assertThat(span.getAttributes().get(key)).as(describe(span, key)).isEqualTo(value);
  }

  private static void absent(SoftAssertions softly, SpanData span, AttributeKey<?> key) {
    softly
        .assertThat(span.getAttributes().get(key))
        .as(describe(span, key) + " (expected absent)")
        .isNull();
  }

  private static void contains(
      SoftAssertions softly, SpanData span, AttributeKey<String> key, String part) {
    softly.assertThat(span.getAttributes().get(key)).as(describe(span, key)).contains(part);
  }

  private static String describe(SpanData span, AttributeKey<?> key) {
    return key.getKey() + " of span '" + span.getName() + "' " + span.getSpanId();
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).collect(Collectors.toList());
  }

  private OpenAiSpanExpectations() {}
}
