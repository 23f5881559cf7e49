/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import dev.openinference.context.ContextAttributes;
import dev.openinference.context.OpenInference;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the application thread pays under the OpenTelemetry javaagent: a scope, and a span in a
 * context with a session. Meant to run in forks started with {@code -javaagent} by {@link
 * JavaagentRun}, once with and once without the OpenInference extension; the difference between the
 * two is the extension's cost. Without an agent it runs against the no-op global API (the unit test
 * does that), which says nothing about the agent.
 *
 * <p>The tracer comes from {@link GlobalOpenTelemetry}, which the agent bridges to its own SDK, so
 * spans are recorded as in an application: sampled, with the agent's processors plus, with the
 * extension, the OpenInference span processor. The child JVMs export nothing ({@code
 * otel.traces.exporter=none}), so only the application-thread cost is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class JavaagentBenchmark {

  // Fields, not constants, so the JIT cannot fold the input checks away.
  String sessionId;
  Tracer tracer;

  /** A context holding a session, built once: spans started in it pay for no scope. */
  Context sessionContext;

  @Setup
  public void setUp() {
    sessionId = Workload.SESSION_ID;
    tracer = GlobalOpenTelemetry.getTracer("dev.openinference.benchmarks");
    sessionContext =
        Context.current().with(ContextAttributes.builder().setSessionId(sessionId).build());
  }

  /** {@code OpenInference.usingSession(id)} opened and closed: the per-scope cost. */
  @Benchmark
  public void usingSession() {
    Scope scope = OpenInference.usingSession(sessionId);
    scope.close();
  }

  /** One span started and ended in a context that already holds a session: the per-span cost. */
  @Benchmark
  public Span spanInSessionContext() {
    Span span = tracer.spanBuilder(Workload.SPAN_NAME).setParent(sessionContext).startSpan();
    span.end();
    return span;
  }

  /** A session scope with one span inside, as an application request would have it. */
  @Benchmark
  public Span usingSessionWithOneSpan() {
    Scope scope = OpenInference.usingSession(sessionId);
    try {
      Span span = tracer.spanBuilder(Workload.SPAN_NAME).startSpan();
      span.end();
      return span;
    } finally {
      scope.close();
    }
  }
}
