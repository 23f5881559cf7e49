/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * An in-process LangChain4j {@link ChatModel} that answers from a script, so unit tests run the
 * real listener plumbing of {@code ChatModel.chat} without a server.
 */
final class ScriptedChatModel implements ChatModel {

  private final List<ChatModelListener> listeners;
  private final ModelProvider provider;
  private final ChatRequestParameters defaults;
  private final Deque<Function<ChatRequest, ChatResponse>> answers = new ArrayDeque<>();
  final List<ChatRequest> requests = new ArrayList<>();

  ScriptedChatModel(
      ModelProvider provider, ChatRequestParameters defaults, ChatModelListener... listeners) {
    this.provider = provider;
    this.defaults = defaults;
    this.listeners = List.of(listeners);
  }

  ScriptedChatModel then(Function<ChatRequest, ChatResponse> answer) {
    answers.add(answer);
    return this;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    return answers.remove().apply(request);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return defaults;
  }

  @Override
  public List<ChatModelListener> listeners() {
    return listeners;
  }

  @Override
  public ModelProvider provider() {
    return provider;
  }
}
