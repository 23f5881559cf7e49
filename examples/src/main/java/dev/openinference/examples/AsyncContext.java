/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import dev.openinference.context.OpenInference;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Example 3, sessions across threads. OpenInference values live in the OTel {@link Context}, so
 * they reach another thread exactly when the context does:
 *
 * <ul>
 *   <li>an executor wrapped with {@link Context#taskWrapping}: each task runs in the context that
 *       was current when it was submitted;
 *   <li>{@link CompletableFuture} stages wrapped with {@link Context#wrapSupplier} / {@link
 *       Context#wrapFunction};
 *   <li>virtual threads (Java 21+; found at run time, since this code compiles for 17, and skipped
 *       with a message on older JDKs), through the same wrapping;
 *   <li>and, for contrast, a task given to a plain pool: it runs with no context, so its span has
 *       no parent and no session, and the view shows it "Without a session".
 * </ul>
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -pl examples -am verify -Dexample=AsyncContext
 * </pre>
 */
public final class AsyncContext {

  static final String SESSION = "async-session-1";

  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    SessionView view = run(quiet ? Examples.nowhere() : System.out);
    if (quiet) {
      System.out.println(Examples.checkLine(view));
    }
  }

  static SessionView run(PrintStream out) {
    try (LocalBackend backend = LocalBackend.start("async-context")) {
      Tracer tracer = backend.openTelemetry().getTracer("dev.openinference.examples.async");
      ExecutorService pool = Executors.newFixedThreadPool(2);
      ExecutorService virtualThreads = newVirtualThreadExecutor();
      try (Scope session = OpenInference.usingSession(SESSION);
          Scope user = OpenInference.usingUser("carol")) {
        Span root = tracer.spanBuilder("research-report").startSpan();
        try (Scope current = root.makeCurrent()) {
          // Each task captures the context current when it is submitted.
          ExecutorService wrapped = Context.taskWrapping(pool);
          List<Future<?>> tasks = new ArrayList<>();
          for (int i = 1; i <= 3; i++) {
            String name = "taskWrapping: chapter " + i;
            tasks.add(wrapped.submit(() -> work(tracer, name)));
          }
          tasks.forEach(AsyncContext::await);

          // Each stage wrapped where it is built, here on the caller's thread.
          CompletableFuture.supplyAsync(
                  Context.current().wrapSupplier(() -> work(tracer, "CompletableFuture: fetch")),
                  pool)
              .thenApplyAsync(
                  Context.current()
                      .wrapFunction(fetched -> work(tracer, "CompletableFuture: rank")),
                  pool)
              .join();

          if (virtualThreads == null) {
            out.println(
                "Virtual threads: not in Java "
                    + Runtime.version().feature()
                    + " (they need 21+); skipped.");
          } else {
            ExecutorService wrappedVirtual = Context.taskWrapping(virtualThreads);
            List<Future<?>> virtualTasks = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
              String name = "virtual thread: figure " + i;
              virtualTasks.add(wrappedVirtual.submit(() -> work(tracer, name)));
            }
            virtualTasks.forEach(AsyncContext::await);
            out.println(
                "Virtual threads: ran 2 tasks on Java " + Runtime.version().feature() + ".");
          }

          // Not wrapped: the pool thread has no context, hence no parent span and no session.
          await(pool.submit(() -> work(tracer, "plain pool: lost context")));
        } finally {
          root.end();
        }
      } finally {
        shutDown(pool);
        if (virtualThreads != null) {
          shutDown(virtualThreads);
        }
      }
      SessionView view = SessionView.from(backend.flush());
      out.println();
      out.println(view.render());
      return view;
    }
  }

  private static String work(Tracer tracer, String name) {
    Span span = tracer.spanBuilder(name).startSpan();
    try (Scope current = span.makeCurrent()) {
      return name + " on " + Thread.currentThread();
    } finally {
      span.end();
    }
  }

  /** Returns {@code Executors.newVirtualThreadPerTaskExecutor()}, or null before Java 21. */
  static ExecutorService newVirtualThreadExecutor() {
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (IllegalAccessException | InvocationTargetException e) {
      // Java 19/20 with virtual threads as a preview feature that is not enabled.
      return null;
    }
  }

  private static void await(Future<?> future) {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void shutDown(ExecutorService executor) {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private AsyncContext() {}
}
