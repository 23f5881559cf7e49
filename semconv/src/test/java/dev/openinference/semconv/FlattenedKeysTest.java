/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

import static dev.openinference.semconv.SemanticConventions.annotation;
import static dev.openinference.semconv.SemanticConventions.embedding;
import static dev.openinference.semconv.SemanticConventions.evaluation;
import static dev.openinference.semconv.SemanticConventions.llmChoiceText;
import static dev.openinference.semconv.SemanticConventions.llmInputMessage;
import static dev.openinference.semconv.SemanticConventions.llmOutputMessage;
import static dev.openinference.semconv.SemanticConventions.llmPromptText;
import static dev.openinference.semconv.SemanticConventions.llmTool;
import static dev.openinference.semconv.SemanticConventions.rerankerInputDocument;
import static dev.openinference.semconv.SemanticConventions.rerankerOutputDocument;
import static dev.openinference.semconv.SemanticConventions.retrievalDocument;
import static dev.openinference.semconv.SemanticConventions.sessionAnnotation;
import static dev.openinference.semconv.SemanticConventions.sessionEvaluation;
import static dev.openinference.semconv.SemanticConventions.traceAnnotation;
import static dev.openinference.semconv.SemanticConventions.traceEvaluation;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class FlattenedKeysTest {

  @Test
  void messageKeysFollowTheSpecPattern() {
    assertKey(llmInputMessage(0).role(), "llm.input_messages.0.message.role", AttributeType.STRING);
    assertKey(llmInputMessage(3).content(), "llm.input_messages.3.message.content");
    assertKey(llmInputMessage(1).name(), "llm.input_messages.1.message.name");
    assertKey(llmInputMessage(2).toolCallId(), "llm.input_messages.2.message.tool_call_id");
    assertKey(
        llmInputMessage(0).functionCallName(), "llm.input_messages.0.message.function_call_name");
    assertKey(
        llmOutputMessage(0).functionCallArgumentsJson(),
        "llm.output_messages.0.message.function_call_arguments_json");
    assertKey(llmOutputMessage(10).role(), "llm.output_messages.10.message.role");
  }

  @Test
  void contentPartKeysNestUnderMessageContents() {
    MessageContentKeys part = llmInputMessage(0).contents(1);
    String p = "llm.input_messages.0.message.contents.1.";
    assertThat(part.prefix()).isEqualTo("llm.input_messages.0.message.contents.1");
    assertKey(part.type(), p + "message_content.type");
    assertKey(part.text(), p + "message_content.text");
    assertKey(part.imageUrl(), p + "message_content.image.image.url");
    assertKey(part.audioUrl(), p + "message_content.audio.audio.url");
    assertKey(part.audioMimeType(), p + "message_content.audio.audio.mime_type");
    assertKey(part.audioTranscript(), p + "message_content.audio.audio.transcript");
    assertKey(part.videoUrl(), p + "message_content.video.video.url");
    assertKey(part.id(), p + "message_content.id");
    assertKey(part.signature(), p + "message_content.signature");
    assertKey(part.data(), p + "message_content.data");
    assertKey(part.encryptedContent(), p + "message_content.encrypted_content");
    assertKey(part.toolCall().id(), p + "tool_call.id");
    assertKey(part.toolCall().functionName(), p + "tool_call.function.name");
  }

  @Test
  void toolCallKeysNestUnderMessageToolCalls() {
    ToolCallKeys call = llmOutputMessage(0).toolCalls(2);
    String p = "llm.output_messages.0.message.tool_calls.2.tool_call.";
    assertKey(call.id(), p + "id");
    assertKey(call.functionName(), p + "function.name");
    assertKey(call.functionArguments(), p + "function.arguments");
    assertKey(call.reasoningSignature(), p + "reasoning_signature");
  }

  @Test
  void toolDocumentEmbeddingAndCompletionKeysFollowTheSpecPattern() {
    assertKey(llmTool(0).jsonSchema(), "llm.tools.0.tool.json_schema");
    assertKey(llmTool(1).name(), "llm.tools.1.tool.name");
    assertKey(llmTool(1).description(), "llm.tools.1.tool.description");

    assertKey(retrievalDocument(4).content(), "retrieval.documents.4.document.content");
    assertKey(retrievalDocument(4).id(), "retrieval.documents.4.document.id");
    assertKey(retrievalDocument(4).metadata(), "retrieval.documents.4.document.metadata");
    assertKey(
        retrievalDocument(4).score(), "retrieval.documents.4.document.score", AttributeType.DOUBLE);
    assertKey(rerankerInputDocument(0).id(), "reranker.input_documents.0.document.id");
    assertKey(rerankerOutputDocument(2).score(), "reranker.output_documents.2.document.score");

    assertKey(embedding(0).text(), "embedding.embeddings.0.embedding.text");
    assertKey(
        embedding(0).vector(),
        "embedding.embeddings.0.embedding.vector",
        AttributeType.DOUBLE_ARRAY);

    assertKey(llmPromptText(0), "llm.prompts.0.prompt.text");
    assertKey(llmChoiceText(1), "llm.choices.1.completion.text");
  }

  @Test
  void feedbackKeysUseTheirOwnTerminology() {
    assertKey(annotation(0).name(), "annotations.0.annotation.name");
    assertKey(annotation(0).score(), "annotations.0.annotation.score", AttributeType.DOUBLE);
    assertKey(evaluation(1).label(), "evaluations.1.evaluation.label");
    assertKey(traceAnnotation(0).explanation(), "trace.annotations.0.annotation.explanation");
    assertKey(traceEvaluation(0).annotatorKind(), "trace.evaluations.0.evaluation.annotator_kind");
    assertKey(sessionAnnotation(2).identifier(), "session.annotations.2.annotation.identifier");
    assertKey(sessionEvaluation(0).metadata(), "session.evaluations.0.evaluation.metadata");
  }

  @Test
  void flattenedKeysMatchThePatternsTheMaskingCodeUses() {
    String imageUrl =
        SemanticConventions.MESSAGE_CONTENT_IMAGE + "." + SemanticConventions.IMAGE_URL.getKey();
    assertThat(llmInputMessage(0).contents(0).imageUrl().getKey())
        .startsWith(SemanticConventions.LLM_INPUT_MESSAGES + ".")
        .endsWith("." + imageUrl);
    assertThat(llmOutputMessage(0).content().getKey())
        .startsWith(SemanticConventions.LLM_OUTPUT_MESSAGES + ".")
        .endsWith("." + SemanticConventions.MESSAGE_CONTENT.getKey());
    assertThat(embedding(7).vector().getKey())
        .startsWith(SemanticConventions.EMBEDDING_EMBEDDINGS + ".")
        .endsWith("." + SemanticConventions.EMBEDDING_VECTOR.getKey());
  }

  @Test
  void keysOfTheSameElementAreEqual() {
    assertThat(llmInputMessage(1).role()).isEqualTo(llmInputMessage(1).role());
    assertThat(llmInputMessage(1)).isEqualTo(llmInputMessage(1)).isNotEqualTo(llmInputMessage(2));
    assertThat(llmInputMessage(1)).isNotEqualTo(llmOutputMessage(1));
    assertThat(llmInputMessage(1).hashCode()).isEqualTo(llmInputMessage(1).hashCode());
    assertThat(annotation(0)).isNotEqualTo(evaluation(0));
    assertThat(retrievalDocument(0)).hasToString("DocumentKeys{prefix=retrieval.documents.0}");
  }

  @Test
  void negativeIndexGivesInvalidKeysWithEmptyNames() {
    java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger("dev.openinference.semconv");
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            warnings.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.setUseParentHandlers(false);
    logger.addHandler(capture);
    try {
      negativeIndexChecks();
    } finally {
      logger.removeHandler(capture);
      logger.setUseParentHandlers(true);
    }
    // Rate-limited: the first call of the JVM warns, later ones may not.
    assertThat(warnings).allSatisfy(w -> assertThat(w).startsWith("Negative index "));
  }

  private static void negativeIndexChecks() {
    assertThat(llmInputMessage(-1).isValid()).isFalse();
    assertThat(llmInputMessage(-1).prefix()).isEmpty();
    assertThat(llmInputMessage(-1).role().getKey()).isEmpty();
    assertThat(llmInputMessage(-1).role().getType()).isEqualTo(AttributeType.STRING);
    // A negative index deeper in the path invalidates only that branch.
    assertThat(llmInputMessage(0).contents(-2).isValid()).isFalse();
    assertThat(llmInputMessage(0).contents(-2).imageUrl().getKey()).isEmpty();
    assertThat(llmInputMessage(-1).contents(0).text().getKey()).isEmpty();
    assertThat(llmOutputMessage(0).toolCalls(-1).id().getKey()).isEmpty();
    assertThat(llmOutputMessage(-5).toolCalls(0).id().getKey()).isEmpty();
    assertThat(llmInputMessage(0).isValid()).isTrue();
    assertThat(embedding(-1).vector().getType()).isEqualTo(AttributeType.DOUBLE_ARRAY);
    assertThat(retrievalDocument(Integer.MIN_VALUE).score().getKey()).isEmpty();
    assertThat(llmTool(-1).name().getKey()).isEmpty();
    assertThat(llmPromptText(-1).getKey()).isEmpty();
    assertThat(llmChoiceText(-1).getKey()).isEmpty();
    assertThat(annotation(-1).name().getKey()).isEmpty();
  }

  @Test
  void valueUnderANegativeIndexIsDroppedAndTheSpanStillExported() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    try (provider) {
      Span span = provider.get("test").spanBuilder("chat").startSpan();
      span.setAttribute(llmInputMessage(-1).role(), "user");
      span.setAttribute(llmInputMessage(0).contents(-1).text(), "hello");
      span.setAttribute(llmInputMessage(0).role(), "system");
      span.end();
      // Inside the try: shutting the provider down clears the in-memory exporter.
      assertThat(exporter.getFinishedSpanItems()).hasSize(1);
      assertThat(exporter.getFinishedSpanItems().get(0))
          .hasAttributes(Attributes.of(llmInputMessage(0).role(), "system"));
    }
    assertThat(Attributes.builder().put(llmInputMessage(-3).content(), "x").build().isEmpty())
        .isTrue();
  }

  @Test
  void negativeIndexWarningsAreRateLimitedAndNameTheIndex() {
    Logger logger = Logger.getLogger(SemanticConventions.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      for (int i = 1; i <= 20; i++) {
        llmOutputMessage(-i).role();
      }
    } finally {
      logger.removeHandler(handler);
    }
    // The first warning of the JVM may have been spent by another test; never more than one.
    assertThat(records).hasSizeLessThanOrEqualTo(1);
    for (LogRecord r : records) {
      assertThat(Arrays.asList(r.getParameters())).contains("llm.output_messages");
    }
  }

  private static void assertKey(AttributeKey<?> key, String name) {
    assertThat(key.getKey()).isEqualTo(name);
  }

  private static void assertKey(AttributeKey<?> key, String name, AttributeType type) {
    assertThat(key.getKey()).isEqualTo(name);
    assertThat(key.getType()).isEqualTo(type);
  }
}
