/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the CPU time the benchmark threads spent per operation ({@code cpu.time.norm}, ns/op),
 * next to JMH's wall-clock score.
 *
 * <p>On a machine shared with other work the wall-clock score also counts the time a benchmark
 * thread waited for a core; thread CPU time does not, so it stays comparable between benchmarks run
 * minutes apart. It still includes cache and memory contention, and it leaves out GC threads. Use
 * it with {@code -prof dev.openinference.benchmarks.ThreadCpuTimeProfiler}.
 */
public final class ThreadCpuTimeProfiler implements InternalProfiler {

  private static final String WORKER_THREAD_MARKER = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> before = Collections.emptyMap();

  /** Public and without arguments because JMH creates profilers reflectively. */
  public ThreadCpuTimeProfiler() {
    threads.setThreadCpuTimeEnabled(true);
  }

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuTimes();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result type
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpuNanos = 0;
    for (Map.Entry<Long, Long> worker : workerCpuTimes().entrySet()) {
      // A worker started during this iteration counts from zero.
      cpuNanos += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    if (ops == 0) {
      return Collections.emptyList();
    }
    return Collections.singletonList(
        new ScalarResult("cpu.time.norm", (double) cpuNanos / ops, "ns/op", AggregationPolicy.AVG));
  }

  private Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER_THREAD_MARKER)) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          times.put(info.getThreadId(), cpu);
        }
      }
    }
    return times;
  }

  @Override
  public String toString() {
    return "ThreadCpuTimeProfiler";
  }
}
