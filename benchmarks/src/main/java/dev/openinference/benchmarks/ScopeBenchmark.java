/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import dev.openinference.context.ContextAttributes;
import dev.openinference.context.OpenInference;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of opening and closing an OpenInference scope on a thread with no scope open, against
 * the plain OTel baseline of putting one value under a {@link ContextKey} and making it current.
 *
 * <p>The scope is closed without try-with-resources only because an unused resource variable draws
 * a compiler warning; on the normal path the two compile to the same work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class ScopeBenchmark {

  private static final ContextKey<String> BASELINE_KEY = ContextKey.named("baseline");

  // Fields, not constants, so the JIT cannot fold the input checks away.
  String sessionId;
  ContextAttributes allSeven;

  @Setup
  public void setUp() {
    sessionId = Workload.SESSION_ID;
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("question", "How do I reset my password?");
    variables.put("language", "en");
    allSeven =
        ContextAttributes.builder()
            .setSessionId(Workload.SESSION_ID)
            .setUserId(Workload.USER_ID)
            .setMetadata(Workload.metadata())
            .setTags(Workload.TAGS)
            .setPromptTemplate("Answer {question} in {language}.")
            .setPromptTemplateVersion("v3")
            .setPromptTemplateVariables(variables)
            .build();
  }

  /** Baseline: one value under a plain context key, made current and closed. */
  @Benchmark
  // Opening and closing the scope is what is measured.
  @SuppressWarnings("MustBeClosedChecker")
  public void contextKeyBaseline() {
    Scope scope = Context.current().with(BASELINE_KEY, sessionId).makeCurrent();
    scope.close();
  }

  /** {@code OpenInference.usingSession(id)} opened and closed. */
  @Benchmark
  public void usingSession() {
    Scope scope = OpenInference.usingSession(sessionId);
    scope.close();
  }

  /** {@code OpenInference.usingAttributes(attrs)} with all seven fields, opened and closed. */
  @Benchmark
  public void usingAttributesAllSeven() {
    Scope scope = OpenInference.usingAttributes(allSeven);
    scope.close();
  }
}
