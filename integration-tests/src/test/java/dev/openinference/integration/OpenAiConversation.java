/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.openinference.testing.FakeOpenAiResponse;
import java.util.Map;

/**
 * The conversation the OpenAI end-to-end tests hold with the official client: a system and a user
 * message, a tool call answered with a tool result, the final answer; then one embeddings call.
 */
final class OpenAiConversation {

  static final String MODEL = "gpt-4o-mini";
  static final String EMBEDDING_MODEL = "text-embedding-3-small";
  static final String SYSTEM = "You are a weather bot.";
  static final String QUESTION = "What is the weather in Paris?";
  static final String TOOL = "get_weather";
  static final String TOOL_CALL_ID = "call_1";
  static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";
  static final String TOOL_RESULT = "Sunny, 21 C";

  /** What the fake server answers after the tool message. */
  static final String ANSWER = "The tool returned: " + TOOL_RESULT;

  static final String EMBEDDING_INPUT = "hello world";

  /** The fake server's scripted answer to the first chat request. */
  static FakeOpenAiResponse toolCallResponse() {
    return FakeOpenAiResponse.toolCall(TOOL_CALL_ID, TOOL, TOOL_ARGUMENTS);
  }

  /** Holds the conversation; returns the final answer. */
  static String run(OpenAIClient client) {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model(MODEL)
            .addSystemMessage(SYSTEM)
            .addUserMessage(QUESTION)
            .addFunctionTool(weatherTool());
    ChatCompletionMessage toolCall =
        client.chat().completions().create(params.build()).choices().get(0).message();
    ChatCompletionMessageFunctionToolCall call = toolCall.toolCalls().get().get(0).asFunction();
    params
        .addMessage(toolCall)
        .addMessage(
            ChatCompletionToolMessageParam.builder()
                .toolCallId(call.id())
                .content(TOOL_RESULT)
                .build());
    ChatCompletion last = client.chat().completions().create(params.build());
    client
        .embeddings()
        .create(
            EmbeddingCreateParams.builder().model(EMBEDDING_MODEL).input(EMBEDDING_INPUT).build());
    return last.choices().get(0).message().content().orElse("");
  }

  private static FunctionDefinition weatherTool() {
    return FunctionDefinition.builder()
        .name(TOOL)
        .description("The weather of a city")
        .parameters(
            FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .build())
        .build();
  }

  private OpenAiConversation() {}
}
