/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static dev.openinference.semconv.SemanticConventions.AGENT_NAME;
import static dev.openinference.semconv.SemanticConventions.retrievalDocument;

import dev.openinference.context.OpenInference;
import dev.openinference.context.OpenInferenceFeedback;
import dev.openinference.context.trace.OpenInferenceSpan;
import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.semconv.DocumentKeys;
import dev.openinference.semconv.MimeType;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A support chatbot's agent, traced with the OpenInference span helpers ({@link
 * OpenInferenceTracer}). Each {@link #answer} is one turn: an AGENT span around a retrieval
 * (RETRIEVER) and an account lookup (TOOL, an HTTP call to {@link AccountToolService}) that run in
 * parallel on a thread pool, then a call to the chat model (LLM) on another pool thread.
 *
 * <p>The agent knows nothing of sessions or users beyond the conversation id it keeps its memory
 * under: the caller's {@code OpenInference.using*} scopes put them on every span, including those
 * started on pool threads, because the context travels with the tasks ({@link
 * Context#taskWrapping}, {@link Context#wrapSupplier}).
 */
final class SupportAgent implements AutoCloseable {

  static final String AGENT = "support-agent";
  static final String PROMPT_TEMPLATE =
      "You are a support assistant for Acme Notes. Answer from these help-center articles:\n"
          + "{articles}\nThe customer's account: {account}";
  static final String PROMPT_TEMPLATE_VERSION = "v3";

  private static final String TOOL = "account_lookup";
  private static final String TOOL_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"user_id\":{\"type\":\"string\"}},"
          + "\"required\":[\"user_id\"]}";

  private final Tracer tracer;
  private final OpenInferenceTracer helpers;
  private final TextMapPropagator propagator;
  private final KnowledgeBase knowledgeBase = KnowledgeBase.create();
  private final TracedChatModel model;
  private volatile String lastTraceId;
  private final AccountToolService accountService;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService pool;
  // Every task submitted here runs in the context current at submit time.
  private final ExecutorService contextPool;
  private final Map<String, List<ChatMessage>> memory = new ConcurrentHashMap<>();

  private SupportAgent(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.openinference.examples.support-agent");
    this.helpers = OpenInferenceTracer.create(openTelemetry);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.model = TracedChatModel.create(openTelemetry);
    this.accountService = AccountToolService.start(openTelemetry);
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "agent-worker-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.contextPool = Context.taskWrapping(pool);
  }

  /** The trace id of the last turn {@link #answer} ran, or null before the first. */
  String lastTraceId() {
    return lastTraceId;
  }

  /** Starts the agent and its account service. */
  static SupportAgent create(OpenTelemetry openTelemetry) {
    return new SupportAgent(openTelemetry);
  }

  /**
   * Answers {@code question}, the next turn of conversation {@code conversationId}, asked by {@code
   * userId}. The conversation's earlier turns go to the model with it.
   */
  String answer(String conversationId, String userId, String question) {
    // The lambda form of the span helpers: the question is the input, the returned answer the
    // output, and an exception sets status ERROR and is rethrown.
    return helpers
        .agent(AGENT)
        .setAttribute(AGENT_NAME, AGENT)
        .setInput(question)
        .call(
            () -> {
              // The turn's trace id, kept with the answer so feedback on it can come later.
              lastTraceId = OpenInferenceFeedback.currentTraceId();
              Future<List<KnowledgeBase.Hit>> articles =
                  contextPool.submit(() -> retrieve(question));
              Future<String> account =
                  contextPool.submit(() -> lookUpAccount(conversationId, userId));

              String articleText =
                  await(articles).stream()
                      .map(hit -> hit.article().promptLine())
                      .collect(Collectors.joining("\n"));
              String accountJson = await(account);
              List<ChatMessage> history =
                  memory.computeIfAbsent(conversationId, id -> new ArrayList<>());
              List<ChatMessage> messages = new ArrayList<>();
              messages.add(
                  ChatMessage.system(
                      PROMPT_TEMPLATE
                          .replace("{articles}", articleText.isEmpty() ? "(none)" : articleText)
                          .replace("{account}", accountJson)));
              messages.addAll(history);
              messages.add(ChatMessage.user(question));

              FakeChatModel.Completion completion;
              try (Scope template =
                  OpenInference.usingPromptTemplate(
                      PROMPT_TEMPLATE,
                      PROMPT_TEMPLATE_VERSION,
                      Map.of("articles", articleText, "account", accountJson))) {
                completion =
                    CompletableFuture.supplyAsync(
                            Context.current().wrapSupplier(() -> model.complete(messages)), pool)
                        .join();
              }
              history.add(ChatMessage.user(question));
              history.add(ChatMessage.assistant(completion.text()));
              return completion.text();
            });
  }

  private List<KnowledgeBase.Hit> retrieve(String query) {
    // The try-with-resources form: the span is current in the block and ends with it.
    try (OpenInferenceSpan span = helpers.retriever("retrieve").setInput(query).start()) {
      List<KnowledgeBase.Hit> hits = knowledgeBase.search(query, 2);
      for (int i = 0; i < hits.size(); i++) {
        KnowledgeBase.Hit hit = hits.get(i);
        DocumentKeys document = retrievalDocument(i);
        span.setAttribute(document.id(), hit.article().id());
        span.setAttribute(document.content(), hit.article().content());
        span.setAttribute(document.score(), hit.score());
        span.setAttribute(document.metadata(), Json.object(Map.of("title", hit.article().title())));
      }
      return hits;
    }
  }

  private String lookUpAccount(String conversationId, String userId) {
    String arguments = Json.object(Map.of("user_id", userId));
    try (OpenInferenceSpan span = helpers.tool(TOOL).setInput(arguments, MimeType.JSON).start()) {
      span.setTool(TOOL, "Looks up the customer's account and plan", TOOL_SCHEMA);
      // close() cannot see an exception leaving the block, so it is recorded here.
      try {
        String result = post(accountService.uri(), conversationId, arguments);
        span.setOutput(result, MimeType.JSON);
        return result;
      } catch (RuntimeException e) {
        span.recordException(e);
        throw e;
      }
    }
  }

  /** POSTs JSON with a CLIENT span, the W3C trace context and the session id as headers. */
  private String post(URI uri, String conversationId, String json) {
    Span span =
        tracer
            .spanBuilder("POST")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(AttributeKey.stringKey("http.request.method"), "POST")
            .setAttribute(AttributeKey.stringKey("url.full"), uri.toString())
            .startSpan();
    try (Scope current = span.makeCurrent()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              // Deliberate, part of the service's API: see AccountToolService.
              .header(AccountToolService.SESSION_HEADER, conversationId)
              .POST(HttpRequest.BodyPublishers.ofString(json));
      propagator.inject(Context.current(), request, HttpRequest.Builder::header);
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      span.setAttribute(AttributeKey.longKey("http.response.status_code"), response.statusCode());
      if (response.statusCode() >= 400) {
        span.setStatus(StatusCode.ERROR);
      }
      return response.body();
    } catch (IOException e) {
      span.setStatus(StatusCode.ERROR, e.getMessage());
      throw new IllegalStateException("account service unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      span.end();
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out", e);
    }
  }

  /** Stops the pool and the account service; their spans have all ended when this returns. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    accountService.close();
  }

  @Override
  public String toString() {
    return "SupportAgent{model=" + FakeChatModel.MODEL_NAME + ", " + accountService + "}";
  }
}
