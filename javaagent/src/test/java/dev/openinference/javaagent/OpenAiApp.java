/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.openinference.context.OpenInference;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * The app {@link OpenAiJavaagentIT} starts under the agent: the official OpenAI client, not wrapped
 * by anything, holding one conversation with a tool round-trip and one embeddings call against the
 * base URL it is given, inside an OpenInference session and user scope.
 */
public final class OpenAiApp {

  static final String SESSION = "s-1";
  static final String USER = "u-1";
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
  static final String DONE = "OPENINFERENCE-OPENAI-APP-DONE ";

  public static void main(String[] args) {
    try {
      String answer = run(args[0]);
      System.out.println(DONE + answer);
      System.out.flush();
      // Also runs the agent's shutdown hook, which flushes pending spans.
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static String run(String baseUrl) {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("test").build();
    try (Scope session = OpenInference.usingSession(SESSION);
        Scope user = OpenInference.usingUser(USER)) {
      ChatCompletionCreateParams.Builder params =
          ChatCompletionCreateParams.builder()
              .model(MODEL)
              .addSystemMessage(SYSTEM)
              .addUserMessage(QUESTION)
              .addFunctionTool(weatherTool());
      ChatCompletionMessage toolCall =
          client.chat().completions().create(params.build()).choices().get(0).message();
      ChatCompletionMessageFunctionToolCall call = toolCall.toolCalls().get().get(0).asFunction();
      if (!TOOL.equals(call.function().name())) {
        throw new IllegalStateException("Unexpected tool call " + call);
      }
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
              EmbeddingCreateParams.builder()
                  .model(EMBEDDING_MODEL)
                  .input(EMBEDDING_INPUT)
                  .build());
      return last.choices().get(0).message().content().orElse("");
    } finally {
      client.close();
    }
  }

  static FunctionDefinition weatherTool() {
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

  private OpenAiApp() {}
}
