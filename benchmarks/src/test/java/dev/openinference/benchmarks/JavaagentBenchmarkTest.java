/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the agent benchmarks without an agent (against the no-op global API: no span is recorded,
 * but every method runs and leaves the thread's context as found), and the runner's fork options
 * and table.
 */
class JavaagentBenchmarkTest {

  @Test
  void everyBenchmarkRunsAndRestoresTheRootContext() {
    JavaagentBenchmark benchmark = new JavaagentBenchmark();
    benchmark.setUp();
    benchmark.usingSession();
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(benchmark.spanInSessionContext()).isNotNull();
    assertThat(benchmark.usingSessionWithOneSpan()).isNotNull();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void forksGetTheAgentTheExtensionOnlyWhenAskedAndNoExporter() {
    assertThat(JavaagentRun.agentJvmArgs("agent.jar", null))
        .startsWith("-javaagent:agent.jar")
        .contains("-Dotel.traces.exporter=none")
        .noneMatch(arg -> arg.startsWith("-Dotel.javaagent.extensions="));
    assertThat(JavaagentRun.agentJvmArgs("agent.jar", "ext.jar"))
        .startsWith("-javaagent:agent.jar", "-Dotel.javaagent.extensions=ext.jar")
        .contains("-Dotel.traces.exporter=none");
  }

  @Test
  void tableGivesMediansAndTheDifference() {
    Map<String, java.util.List<Double>> cpu = new LinkedHashMap<>();
    cpu.put("usingSession|agent", Arrays.asList(100.0, 300.0, 110.0));
    cpu.put("usingSession|ext", Arrays.asList(125.0, 130.0));
    Map<String, java.util.List<Double>> alloc = new LinkedHashMap<>();
    alloc.put("usingSession|agent", Arrays.asList(400.0));
    assertThat(JavaagentRun.table(cpu, alloc))
        .contains("| `usingSession` | 110.0 | 127.5 | 17.5 | 400.0 | — |");
  }
}
