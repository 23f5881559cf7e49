/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import static dev.openinference.semconv.SemanticConventions.INPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_MIME_TYPE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;

import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.micrometer.observation.Observation;
import java.util.List;
import javax.annotation.Nullable;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * A {@code ChatClient} call, kind {@code CHAIN}: the user's question as {@code input.value} and the
 * final answer as {@code output.value}, both text, so that a turn rooted at the chat client reads
 * as question and answer in a session view. The messages themselves are on the model spans below
 * it.
 */
final class ChatClientWriter implements ContextWriter {

  @Override
  public boolean supports(Observation.Context context) {
    return context instanceof ChatClientObservationContext;
  }

  @Override
  public void onStart(Observation.Context context, SpanAttributes out) {
    ChatClientObservationContext client = (ChatClientObservationContext) context;
    out.put(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.CHAIN.getValue());
    ChatClientRequest request = client.getRequest();
    String question = request == null ? null : lastUserText(request);
    if (question != null) {
      out.put(INPUT_VALUE, question);
      out.put(INPUT_MIME_TYPE, MimeType.TEXT.getValue());
    }
  }

  @Override
  public void onStop(Observation.Context context, SpanAttributes out) {
    String answer = answer(((ChatClientObservationContext) context).getResponse());
    if (answer != null) {
      out.put(OUTPUT_VALUE, answer);
      out.put(OUTPUT_MIME_TYPE, MimeType.TEXT.getValue());
    }
  }

  @Nullable
  static String lastUserText(ChatClientRequest request) {
    if (request.prompt() == null) {
      return null;
    }
    List<Message> messages = request.prompt().getInstructions();
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message message = messages.get(i);
      if (message != null && message.getMessageType() == MessageType.USER) {
        return message.getText();
      }
    }
    return null;
  }

  @Nullable
  static String answer(@Nullable ChatClientResponse response) {
    ChatResponse chat = response == null ? null : response.chatResponse();
    if (chat == null || chat.getResults() == null) {
      return null;
    }
    for (Generation generation : chat.getResults()) {
      AssistantMessage output = generation == null ? null : generation.getOutput();
      if (output != null && output.getText() != null) {
        return output.getText();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "ChatClientWriter";
  }
}
