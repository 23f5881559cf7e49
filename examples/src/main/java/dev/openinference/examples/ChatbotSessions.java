/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.context.OpenInference;
import dev.openinference.context.OpenInferenceFeedback;
import dev.openinference.semconv.AnnotatorKind;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Example 1, chatbot sessions: two users hold three conversations with a support chatbot, and every
 * span of every turn (the agent, its retrieval, its tool call over HTTP and its model call, on
 * whatever thread they run) carries the conversation's {@code session.id}, the {@code user.id},
 * metadata and tags, because each turn runs inside {@code OpenInference.using*} scopes. The model
 * remembers only what the conversation's earlier turns told it: Bob gets his name back in his first
 * conversation and not in his second.
 *
 * <p>Run it (spans go to an embedded OTLP receiver, then the session view is printed):
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=ChatbotSessions
 * </pre>
 *
 * <p>{@link Demo} runs the same conversations and can send them to Phoenix instead.
 */
public final class ChatbotSessions {

  /** Runs the conversations against an embedded receiver and prints what it received. */
  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    try (LocalBackend backend = LocalBackend.start("chatbot-sessions")) {
      PrintStream out = quiet ? Examples.nowhere() : System.out;
      out.println("Spans go over OTLP/HTTP to an embedded receiver at " + backend.endpoint());
      run(backend.openTelemetry(), out);
      SessionView view = SessionView.from(backend.flush(), backend.feedback());
      out.println();
      out.println(view.render());
      if (quiet) {
        System.out.println(Examples.checkLine(view));
      }
    }
  }

  /**
   * Holds every conversation with a fresh agent, printing each exchange. These scopes, and the
   * prompt-template scope around the model call in {@link SupportAgent}, are all the OpenInference
   * context code the application has; the spans get the values from the processor.
   */
  static void run(OpenTelemetry openTelemetry, PrintStream out) {
    try (SupportAgent agent = SupportAgent.create(openTelemetry);
        Scope app = OpenInference.usingTags("support-bot");
        Scope release = OpenInference.usingMetadata(Map.of("app_version", "2.4.1"))) {
      for (Conversation conversation : Conversation.DEMO) {
        out.printf(
            "%nSession %s (%s, %s)%n",
            conversation.sessionId(), conversation.userId(), conversation.channel());
        try (Scope session = OpenInference.usingSession(conversation.sessionId());
            Scope user = OpenInference.usingUser(conversation.userId());
            Scope channel = OpenInference.usingTags(conversation.channel());
            Scope where = OpenInference.usingMetadata(Map.of("channel", conversation.channel()))) {
          int turn = 0;
          for (String question : conversation.questions()) {
            try (Scope number = OpenInference.usingMetadata(Map.of("turn", ++turn))) {
              out.printf("  %-5s > %s%n", conversation.userId(), question);
              String answer =
                  agent.answer(conversation.sessionId(), conversation.userId(), question);
              out.printf("  %-5s < %s%n", "bot", answer);
              if (conversation.equals(Conversation.DEMO.get(0)) && turn == 3) {
                // The user clicks thumbs-up on this answer: feedback on the turn, by trace id.
                OpenInferenceFeedback.forTrace(agent.lastTraceId())
                    .setName("user_feedback")
                    .setScore(1)
                    .setLabel("thumbs_up")
                    .setExplanation("found the reset link")
                    .record(openTelemetry);
                out.printf("  %-5s + thumbs-up%n", conversation.userId());
              }
            }
          }
          if (conversation.equals(Conversation.DEMO.get(0))) {
            // A verdict on the whole conversation, as a support lead's review would give it.
            OpenInferenceFeedback.forSession(conversation.sessionId())
                .setName("resolved")
                .setLabel("yes")
                .setScore(1)
                .setAnnotatorKind(AnnotatorKind.CODE)
                .record(openTelemetry);
          }
        }
      }
    }
  }

  private ChatbotSessions() {}
}
