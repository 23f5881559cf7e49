/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import dev.openinference.context.OpenInference;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * The app {@link BedrockJavaagentIT} starts under the agent: the AWS SDK's Bedrock Runtime clients,
 * not wrapped by anything, against the fake Bedrock endpoint it is given, inside an OpenInference
 * session and user scope. It holds the weather conversation (a tool call, then the answer to the
 * tool result) once per operation and tool-capable model family: Converse (sync client,
 * URLConnection), ConverseStream (async client, Netty), InvokeModel and
 * InvokeModelWithResponseStream for Anthropic Claude and Amazon Nova; then one text call each for
 * Amazon Titan (both InvokeModel operations) and Meta Llama (InvokeModel).
 */
public final class BedrockApp {

  static final String SESSION = "s-bedrock";
  static final String USER = "u-bedrock";
  static final String CLAUDE = "anthropic.claude-3-5-haiku-20241022-v1:0";
  static final String NOVA = "amazon.nova-micro-v1:0";
  static final String TITAN = "amazon.titan-text-express-v1";
  static final String LLAMA = "meta.llama3-8b-instruct-v1:0";
  static final String SYSTEM = "You are a weather bot.";
  static final String QUESTION = "What is the weather in Paris?";
  static final String TOOL = "get_weather";
  static final String TOOL_USE_ID = "tooluse_1";
  static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";
  static final String TOOL_RESULT = "Sunny, 21 C";
  static final String ANSWER = "It is sunny in Paris.";
  static final int MAX_TOKENS = 256;
  static final double TEMPERATURE = 0.5;
  static final String DONE = "OPENINFERENCE-BEDROCK-APP-DONE ";

  private static final String TOOL_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}";

  public static void main(String[] args) {
    try {
      int calls = run(URI.create(args[0]));
      System.out.println(DONE + calls);
      System.out.flush();
      // Also runs the agent's shutdown hook, which flushes pending spans.
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static int run(URI endpoint) {
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake-secret"));
    int calls = 0;
    try (BedrockRuntimeClient sync =
            BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        BedrockRuntimeAsyncClient async =
            BedrockRuntimeAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                // Bedrock's default is HTTP/2 by ALPN, which needs TLS; the fake speaks HTTP/1.1.
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build())
                .build();
        Scope session = OpenInference.usingSession(SESSION);
        Scope user = OpenInference.usingUser(USER)) {
      calls += converse(sync);
      calls += converseStream(async);
      for (String model : List.of(CLAUDE, NOVA)) {
        calls += invokeModel(sync, async, model, false);
        calls += invokeModel(sync, async, model, true);
      }
      expect(ANSWER, text(TITAN, sync.invokeModel(invoke(TITAN, titanBody())).body()), TITAN);
      expect(ANSWER, streamedText(async, TITAN, titanBody()), TITAN + " streamed");
      JsonNode llama = parse(sync.invokeModel(invoke(LLAMA, llamaBody())).body());
      expect(ANSWER, llama.field("generation").map(JsonNode::text).orElse(null), LLAMA);
      return calls + 3;
    }
  }

  private static int converse(BedrockRuntimeClient client) {
    Message question = userText();
    ConverseRequest.Builder request =
        ConverseRequest.builder()
            .modelId(NOVA)
            .system(SystemContentBlock.fromText(SYSTEM))
            .toolConfig(toolConfiguration())
            .inferenceConfig(inferenceConfiguration())
            .messages(question);
    Message assistant = client.converse(request.build()).output().message();
    ToolUseBlock toolUse = assistant.content().get(0).toolUse();
    checkToolCall(toolUse.toolUseId(), toolUse.name(), "Converse");
    Message answer =
        client
            .converse(
                request.messages(question, assistant, toolResult(toolUse.toolUseId())).build())
            .output()
            .message();
    expect(ANSWER, answer.content().get(0).text(), "Converse");
    return 2;
  }

  private static int converseStream(BedrockRuntimeAsyncClient client) {
    Message question = userText();
    ConverseStreamRequest.Builder request =
        ConverseStreamRequest.builder()
            .modelId(NOVA)
            .system(SystemContentBlock.fromText(SYSTEM))
            .toolConfig(toolConfiguration())
            .inferenceConfig(inferenceConfiguration())
            .messages(question);
    Streamed first = new Streamed();
    client.converseStream(request.build(), first.converseHandler()).join();
    checkToolCall(first.toolUseId, first.toolName, "ConverseStream");
    Message assistant =
        Message.builder()
            .role(ConversationRole.ASSISTANT)
            .content(
                ContentBlock.fromToolUse(
                    ToolUseBlock.builder()
                        .toolUseId(first.toolUseId)
                        .name(first.toolName)
                        .input(document(JsonNode.parser().parse(first.arguments.toString())))
                        .build()))
            .build();
    Streamed second = new Streamed();
    client
        .converseStream(
            request.messages(question, assistant, toolResult(first.toolUseId)).build(),
            second.converseHandler())
        .join();
    expect(ANSWER, second.text.toString(), "ConverseStream");
    return 2;
  }

  /**
   * The tool round trip through InvokeModel or InvokeModelWithResponseStream, in the family's body.
   */
  private static int invokeModel(
      BedrockRuntimeClient sync, BedrockRuntimeAsyncClient async, String model, boolean stream) {
    boolean claude = model.equals(CLAUDE);
    String question =
        claude
            ? "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + QUESTION + "\"}]}"
            : "{\"role\":\"user\",\"content\":[{\"text\":\"" + QUESTION + "\"}]}";
    String label = model + (stream ? " streamed" : "");
    String[] call;
    if (stream) {
      Streamed first = new Streamed();
      streamInvoke(async, model, modelBody(model, question), first);
      call = new String[] {first.toolUseId, first.toolName};
    } else {
      JsonNode response = parse(sync.invokeModel(invoke(model, modelBody(model, question))).body());
      call = toolCall(response, claude);
    }
    checkToolCall(call[0], call[1], label);
    String history =
        claude
            ? question
                + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\""
                + call[0]
                + "\",\"name\":\""
                + call[1]
                + "\",\"input\":"
                + TOOL_ARGUMENTS
                + "}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\""
                + call[0]
                + "\",\"content\":\""
                + TOOL_RESULT
                + "\"}]}"
            : question
                + ",{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\""
                + call[0]
                + "\",\"name\":\""
                + call[1]
                + "\",\"input\":"
                + TOOL_ARGUMENTS
                + "}}]},{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\""
                + call[0]
                + "\",\"content\":[{\"json\":{\"weather\":\""
                + TOOL_RESULT
                + "\"}}]}}]}";
    String answer;
    if (stream) {
      answer = streamedText(async, model, modelBody(model, history));
    } else {
      answer = text(model, sync.invokeModel(invoke(model, modelBody(model, history))).body());
    }
    expect(ANSWER, answer, label);
    return 2;
  }

  private static String modelBody(String model, String messages) {
    if (model.equals(CLAUDE)) {
      return "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":"
          + MAX_TOKENS
          + ",\"temperature\":"
          + TEMPERATURE
          + ",\"system\":\""
          + SYSTEM
          + "\",\"tools\":[{\"name\":\""
          + TOOL
          + "\",\"description\":\"The weather of a city\",\"input_schema\":"
          + TOOL_SCHEMA
          + "}],\"messages\":["
          + messages
          + "]}";
    }
    return "{\"schemaVersion\":\"messages-v1\",\"system\":[{\"text\":\""
        + SYSTEM
        + "\"}],\"inferenceConfig\":{\"max_new_tokens\":"
        + MAX_TOKENS
        + ",\"temperature\":"
        + TEMPERATURE
        + "},\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\""
        + TOOL
        + "\",\"description\":\"The weather of a city\",\"inputSchema\":{\"json\":"
        + TOOL_SCHEMA
        + "}}}]},\"messages\":["
        + messages
        + "]}";
  }

  private static String titanBody() {
    return "{\"inputText\":\""
        + QUESTION
        + "\",\"textGenerationConfig\":{\"maxTokenCount\":"
        + MAX_TOKENS
        + ",\"temperature\":"
        + TEMPERATURE
        + "}}";
  }

  private static String llamaBody() {
    return "{\"prompt\":\""
        + QUESTION
        + "\",\"max_gen_len\":"
        + MAX_TOKENS
        + ",\"temperature\":"
        + TEMPERATURE
        + "}";
  }

  private static InvokeModelRequest invoke(String model, String body) {
    return InvokeModelRequest.builder()
        .modelId(model)
        .contentType("application/json")
        .accept("application/json")
        .body(SdkBytes.fromUtf8String(body))
        .build();
  }

  private static void streamInvoke(
      BedrockRuntimeAsyncClient client, String model, String body, Streamed into) {
    client
        .invokeModelWithResponseStream(
            InvokeModelWithResponseStreamRequest.builder()
                .modelId(model)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromUtf8String(body))
                .build(),
            into.invokeHandler())
        .join();
  }

  private static String streamedText(BedrockRuntimeAsyncClient client, String model, String body) {
    Streamed streamed = new Streamed();
    streamInvoke(client, model, body, streamed);
    return streamed.text.toString();
  }

  /** The tool call's id and name in an InvokeModel response body. */
  private static String[] toolCall(JsonNode response, boolean claude) {
    List<JsonNode> content =
        claude
            ? response.field("content").map(JsonNode::asArray).orElse(List.of())
            : response
                .field("output")
                .flatMap(o -> o.field("message"))
                .flatMap(m -> m.field("content"))
                .map(JsonNode::asArray)
                .orElse(List.of());
    for (JsonNode block : content) {
      if (claude && block.field("type").map(JsonNode::text).orElse("").equals("tool_use")) {
        return new String[] {text(block, "id"), text(block, "name")};
      }
      if (!claude && block.field("toolUse").isPresent()) {
        JsonNode toolUse = block.field("toolUse").get();
        return new String[] {text(toolUse, "toolUseId"), text(toolUse, "name")};
      }
    }
    return new String[] {null, null};
  }

  /** The answer's text in an InvokeModel response body of {@code model}'s family. */
  private static String text(String model, SdkBytes body) {
    JsonNode response = parse(body);
    if (model.equals(TITAN)) {
      return response
          .field("results")
          .flatMap(r -> r.index(0))
          .map(r -> text(r, "outputText"))
          .orElse(null);
    }
    List<JsonNode> content =
        model.equals(CLAUDE)
            ? response.field("content").map(JsonNode::asArray).orElse(List.of())
            : response
                .field("output")
                .flatMap(o -> o.field("message"))
                .flatMap(m -> m.field("content"))
                .map(JsonNode::asArray)
                .orElse(List.of());
    StringBuilder text = new StringBuilder();
    content.forEach(block -> block.field("text").ifPresent(t -> text.append(t.text())));
    return text.toString();
  }

  private static String text(JsonNode node, String field) {
    return node.field(field).map(JsonNode::text).orElse(null);
  }

  private static JsonNode parse(SdkBytes body) {
    return JsonNode.parser().parse(body.asUtf8String());
  }

  private static Message userText() {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(ContentBlock.fromText(QUESTION))
        .build();
  }

  private static Message toolResult(String toolUseId) {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(
            ContentBlock.fromToolResult(
                ToolResultBlock.builder()
                    .toolUseId(toolUseId)
                    .content(ToolResultContentBlock.fromText(TOOL_RESULT))
                    .build()))
        .build();
  }

  private static ToolConfiguration toolConfiguration() {
    return ToolConfiguration.builder()
        .tools(
            Tool.fromToolSpec(
                ToolSpecification.builder()
                    .name(TOOL)
                    .description("The weather of a city")
                    .inputSchema(
                        ToolInputSchema.fromJson(document(JsonNode.parser().parse(TOOL_SCHEMA))))
                    .build()))
        .build();
  }

  private static InferenceConfiguration inferenceConfiguration() {
    return InferenceConfiguration.builder()
        .maxTokens(MAX_TOKENS)
        .temperature((float) TEMPERATURE)
        .build();
  }

  /** A parsed JSON value as an SDK document (objects, arrays, strings, numbers, booleans). */
  private static Document document(JsonNode node) {
    if (node.isObject()) {
      Map<String, Document> members = new LinkedHashMap<>();
      node.asObject().forEach((key, value) -> members.put(key, document(value)));
      return Document.fromMap(members);
    }
    if (node.isArray()) {
      List<Document> elements = new ArrayList<>();
      node.asArray().forEach(element -> elements.add(document(element)));
      return Document.fromList(elements);
    }
    if (node.isNumber()) {
      return Document.fromNumber(node.asNumber());
    }
    if (node.isBoolean()) {
      return Document.fromBoolean(node.asBoolean());
    }
    return node.isNull() ? Document.fromNull() : Document.fromString(node.text());
  }

  private static void checkToolCall(String id, String name, String label) {
    if (!TOOL_USE_ID.equals(id) || !TOOL.equals(name)) {
      throw new IllegalStateException(label + ": unexpected tool call " + id + " " + name);
    }
  }

  private static void expect(String expected, String actual, String label) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          label + ": expected '" + expected + "', got '" + actual + "'");
    }
  }

  /** What a stream delivered: the text, or the tool call with its arguments. */
  private static final class Streamed {
    final StringBuilder text = new StringBuilder();
    final StringBuilder arguments = new StringBuilder();
    String toolUseId;
    String toolName;

    ConverseStreamResponseHandler converseHandler() {
      return ConverseStreamResponseHandler.builder()
          .subscriber(
              ConverseStreamResponseHandler.Visitor.builder()
                  .onContentBlockStart(
                      event -> {
                        if (event.start().toolUse() != null) {
                          toolUseId = event.start().toolUse().toolUseId();
                          toolName = event.start().toolUse().name();
                        }
                      })
                  .onContentBlockDelta(
                      event -> {
                        if (event.delta().text() != null) {
                          text.append(event.delta().text());
                        }
                        if (event.delta().toolUse() != null) {
                          arguments.append(event.delta().toolUse().input());
                        }
                      })
                  .build())
          .build();
    }

    InvokeModelWithResponseStreamResponseHandler invokeHandler() {
      Consumer<JsonNode> onEvent = this::modelEvent;
      return InvokeModelWithResponseStreamResponseHandler.builder()
          .subscriber(
              InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                  .onChunk(
                      part -> onEvent.accept(JsonNode.parser().parse(part.bytes().asUtf8String())))
                  .build())
          .build();
    }

    // Claude's, Nova's and Titan's stream events, told apart by their members.
    private void modelEvent(JsonNode event) {
      String type = text(event, "type");
      if ("content_block_start".equals(type)) {
        event
            .field("content_block")
            .filter(block -> "tool_use".equals(text(block, "type")))
            .ifPresent(
                block -> {
                  toolUseId = text(block, "id");
                  toolName = text(block, "name");
                });
      } else if ("content_block_delta".equals(type)) {
        event
            .field("delta")
            .ifPresent(
                delta -> {
                  delta.field("text").ifPresent(t -> text.append(t.text()));
                  delta.field("partial_json").ifPresent(j -> arguments.append(j.text()));
                });
      } else if (event.field("contentBlockStart").isPresent()) {
        event
            .field("contentBlockStart")
            .flatMap(s -> s.field("start"))
            .flatMap(s -> s.field("toolUse"))
            .ifPresent(
                toolUse -> {
                  toolUseId = text(toolUse, "toolUseId");
                  toolName = text(toolUse, "name");
                });
      } else if (event.field("contentBlockDelta").isPresent()) {
        event
            .field("contentBlockDelta")
            .flatMap(d -> d.field("delta"))
            .ifPresent(
                delta -> {
                  delta.field("text").ifPresent(t -> text.append(t.text()));
                  delta
                      .field("toolUse")
                      .flatMap(t -> t.field("input"))
                      .ifPresent(i -> arguments.append(i.text()));
                });
      } else if (event.field("outputText").isPresent()) {
        text.append(text(event, "outputText"));
      }
    }
  }

  private BedrockApp() {}
}
