/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * A deterministic stand-in for the OpenAI REST API on the loopback interface, for tests of LLM
 * clients and their instrumentation (the official {@code openai-java} client, Spring AI's and
 * LangChain4j's OpenAI clients). It speaks:
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}, plain JSON or, with {@code "stream": true}, server-sent
 *       events ending in {@code data: [DONE]}, with a usage chunk when {@code stream_options} has
 *       {@code include_usage: true};
 *   <li>{@code POST /v1/embeddings}, one deterministic unit vector per input ({@code float} or
 *       {@code base64} encoding, {@code dimensions} honoured, 8 by default).
 * </ul>
 *
 * <p>A chat request takes the next {@linkplain #enqueue(FakeOpenAiResponse) queued} answer (a text,
 * a tool call or an error); with none queued it answers {@code "You said: <last user message>"},
 * or, when the last message has the {@code tool} role, {@code "The tool returned: <tool message
 * content>"}. Token counts are whitespace-separated words: prompt tokens count the words of every
 * message's content (and of tool call arguments), completion tokens the words of the answer (for a
 * tool call, the function name and arguments); each is at least 1.
 *
 * <pre>{@code
 * try (FakeOpenAiServer openAi = FakeOpenAiServer.builder()
 *     .enqueue(FakeOpenAiResponse.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))
 *     .build()) {
 *   OpenAIClient client = OpenAIOkHttpClient.builder()
 *       .baseUrl(openAi.baseUrl()).apiKey("test").build();
 *   ...
 *   assertThat(openAi.requests().get(1).getMessages()).last().extracting(m -> m.get("role"))
 *       .isEqualTo("tool");
 * }
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final Deque<FakeOpenAiResponse> queue;
  private final List<FakeOpenAiRequest> requests = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final int port;

  /**
   * Starts a server on 127.0.0.1 with an ephemeral port and nothing queued.
   *
   * @return the running server; close it when done
   */
  public static FakeOpenAiServer create() {
    return builder().build();
  }

  /**
   * A builder to choose the port and queue answers; {@link FakeOpenAiServerBuilder#build()} starts
   * it.
   *
   * @return a new builder
   */
  public static FakeOpenAiServerBuilder builder() {
    return new FakeOpenAiServerBuilder();
  }

  static FakeOpenAiServer start(int port, List<FakeOpenAiResponse> queued) {
    ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads());
    try {
      // Not InetAddress.getLoopbackAddress(): that can be ::1, and baseUrl() promises 127.0.0.1.
      InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
      HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
      FakeOpenAiServer fake = new FakeOpenAiServer(server, executor, queued);
      server.createContext("/", new FakeOpenAiHandler(fake));
      server.setExecutor(executor);
      server.start();
      return fake;
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw new IllegalStateException("Could not start the fake OpenAI server: " + e, e);
    }
  }

  private FakeOpenAiServer(
      HttpServer server, ExecutorService executor, List<FakeOpenAiResponse> queued) {
    this.server = server;
    this.executor = executor;
    this.queue = new ArrayDeque<>(queued);
    this.port = server.getAddress().getPort();
  }

  /**
   * The API base URL, {@code http://127.0.0.1:<port>/v1}: what the official client's {@code
   * baseUrl}, LangChain4j's {@code baseUrl} and {@code OPENAI_BASE_URL} take.
   *
   * @return the base URL, without a trailing slash
   */
  public String baseUrl() {
    return rootUrl() + "/v1";
  }

  /**
   * The server root, {@code http://127.0.0.1:<port>}: what Spring AI's {@code
   * spring.ai.openai.base-url} takes (it appends {@code /v1/chat/completions} itself).
   *
   * @return the root URL, without a trailing slash
   */
  public String rootUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The port on 127.0.0.1.
   *
   * @return the TCP port the server listens on
   */
  public int port() {
    return port;
  }

  /**
   * Queues a scripted answer for a later chat completion request; queued answers are taken in
   * order.
   *
   * @param response the answer to give, not null
   * @throws IllegalArgumentException if {@code response} is null
   */
  public void enqueue(FakeOpenAiResponse response) {
    if (response == null) {
      throw new IllegalArgumentException("response must not be null");
    }
    synchronized (queue) {
      queue.addLast(response);
    }
  }

  /**
   * Every request received so far, in the order they were answered, with what was answered. A
   * snapshot: later requests do not change it.
   *
   * @return an unmodifiable list of the requests, oldest first
   */
  public List<FakeOpenAiRequest> requests() {
    synchronized (requests) {
      return Collections.unmodifiableList(new ArrayList<>(requests));
    }
  }

  /**
   * Waits until at least {@code minCount} requests have been answered and returns all so far.
   *
   * @param minCount how many answered requests to wait for
   * @param timeout how long to wait at most
   * @return an unmodifiable list of all requests answered so far, oldest first; at least {@code
   *     minCount}
   * @throws AssertionError if they have not arrived within {@code timeout}; the message tells what
   *     did arrive
   */
  public List<FakeOpenAiRequest> awaitRequests(int minCount, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (requests) {
      while (requests.size() < minCount) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "Expected " + minCount + " requests within " + timeout + ", got " + requests);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(requests, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted while waiting for requests", e);
        }
      }
      return Collections.unmodifiableList(new ArrayList<>(requests));
    }
  }

  /** Forgets received requests and queued answers. */
  public void reset() {
    synchronized (queue) {
      queue.clear();
    }
    synchronized (requests) {
      requests.clear();
    }
  }

  /** Stops listening; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Nullable
  FakeOpenAiResponse nextQueued() {
    synchronized (queue) {
      return queue.pollFirst();
    }
  }

  void record(FakeOpenAiRequest request) {
    synchronized (requests) {
      requests.add(request);
      requests.notifyAll();
    }
  }

  @Override
  public String toString() {
    return "FakeOpenAiServer{" + baseUrl() + (closed.get() ? ", closed" : "") + "}";
  }

  private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "fake-openai-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
