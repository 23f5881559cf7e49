/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link JavaagentBenchmark} in JMH forks under the real OpenTelemetry javaagent, alternating
 * forks without and with the OpenInference extension, and prints what the extension adds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.openinference.benchmarks.JavaagentRun \
 *     --agent opentelemetry-javaagent-2.33.1.jar \
 *     --extension javaagent/target/openinference-javaagent-extension-0.1.0-SNAPSHOT.jar \
 *     [--rounds N] [JMH options, e.g. -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc]
 * </pre>
 *
 * <p>Each round runs every benchmark once per setup (agent alone, then agent with the extension),
 * so both setups see the same machine load over time. Figures are the medians of the iteration
 * scores of all rounds: {@code cpu.time.norm} (the benchmark thread's CPU time per operation, see
 * {@link ThreadCpuTimeProfiler}, always added) and, with {@code -prof gc}, bytes per operation.
 */
public final class JavaagentRun {

  static final String CPU = "cpu.time.norm";
  static final String ALLOC = "gc.alloc.rate.norm";

  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    String agent = null;
    String extension = null;
    int rounds = 1;
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--agent") && i + 1 < args.length) {
        agent = args[++i];
      } else if (args[i].equals("--extension") && i + 1 < args.length) {
        extension = args[++i];
      } else if (args[i].equals("--rounds") && i + 1 < args.length) {
        rounds = Integer.parseInt(args[++i]);
      } else {
        jmhArgs.add(args[i]);
      }
    }
    if (agent == null || extension == null) {
      System.err.println(
          "usage: JavaagentRun --agent <opentelemetry-javaagent.jar> --extension <extension.jar>"
              + " [--rounds N] [JMH options]");
      System.exit(2);
      return;
    }
    requireFile(agent);
    requireFile(extension);
    Options commandLine = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, List<Double>> alloc = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (boolean withExtension : new boolean[] {false, true}) {
        Options options =
            new OptionsBuilder()
                .parent(commandLine)
                .include(JavaagentBenchmark.class.getName() + "\\.")
                .addProfiler(ThreadCpuTimeProfiler.class)
                .jvmArgsAppend(agentJvmArgs(agent, withExtension ? extension : null))
                .build();
        for (RunResult run : new Runner(options).run()) {
          String row = rowName(run.getParams(), withExtension);
          for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
              collect(cpu, row, iteration.getSecondaryResults().get(CPU));
              collect(alloc, row, iteration.getSecondaryResults().get(ALLOC));
            }
          }
        }
      }
    }
    System.out.println();
    System.out.println(table(cpu, alloc));
  }

  /** The JVM options of a fork under the agent, with the extension when it is not null. */
  static String[] agentJvmArgs(String agent, String extension) {
    List<String> jvmArgs = new ArrayList<>();
    jvmArgs.add("-javaagent:" + agent);
    if (extension != null) {
      jvmArgs.add("-Dotel.javaagent.extensions=" + extension);
    }
    // Nothing leaves the fork: only the application thread's share is measured.
    jvmArgs.addAll(
        Arrays.asList(
            "-Dotel.traces.exporter=none",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.javaagent.logging=none"));
    return jvmArgs.toArray(new String[0]);
  }

  private static String rowName(BenchmarkParams params, boolean withExtension) {
    String name = params.getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1) + (withExtension ? "|ext" : "|agent");
  }

  private static void collect(Map<String, List<Double>> into, String row, Result<?> result) {
    if (result != null) {
      into.computeIfAbsent(row, k -> new ArrayList<>()).add(result.getScore());
    }
  }

  /**
   * A Markdown table: per benchmark, the median of agent alone, of agent with the extension, and
   * the difference, in CPU ns per operation, then the same for bytes per operation where known.
   */
  static String table(Map<String, List<Double>> cpu, Map<String, List<Double>> alloc) {
    List<String> benchmarks = new ArrayList<>();
    for (String row : cpu.keySet()) {
      String benchmark = row.substring(0, row.indexOf('|'));
      if (!benchmarks.contains(benchmark)) {
        benchmarks.add(benchmark);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("| benchmark | agent alone (ns/op) | agent + extension (ns/op)")
        .append(" | extension adds (ns) | agent alone (B/op) | agent + extension (B/op) |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    for (String benchmark : benchmarks) {
      double agentCpu = median(cpu.get(benchmark + "|agent"));
      double extCpu = median(cpu.get(benchmark + "|ext"));
      out.append("| `")
          .append(benchmark)
          .append("` | ")
          .append(format(agentCpu))
          .append(" | ")
          .append(format(extCpu))
          .append(" | ")
          .append(format(extCpu - agentCpu))
          .append(" | ")
          .append(format(median(alloc.get(benchmark + "|agent"))))
          .append(" | ")
          .append(format(median(alloc.get(benchmark + "|ext"))))
          .append(" |\n");
    }
    return out.toString();
  }

  static double median(Collection<Double> values) {
    if (values == null || values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String format(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static void requireFile(String path) {
    if (!new File(path).isFile()) {
      System.err.println("not a file: " + path);
      System.exit(2);
    }
  }

  private JavaagentRun() {}
}
