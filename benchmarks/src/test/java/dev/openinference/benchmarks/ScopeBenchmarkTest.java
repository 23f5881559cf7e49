/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks that the scope benchmarks open what they say and leave the thread's context as found. */
class ScopeBenchmarkTest {

  private final ScopeBenchmark benchmark = new ScopeBenchmark();

  @BeforeEach
  void setUp() {
    benchmark.setUp();
  }

  @Test
  void allSevenAttributesReachTheContext() {
    try (Scope ignored = benchmark.allSeven.makeCurrent()) {
      assertThat(OpenInference.getAttributesFromContext().size()).isEqualTo(7);
    }
  }

  @Test
  void everyBenchmarkRestoresTheRootContext() {
    benchmark.contextKeyBaseline();
    assertThat(Context.current()).isSameAs(Context.root());
    benchmark.usingSession();
    assertThat(Context.current()).isSameAs(Context.root());
    benchmark.usingAttributesAllSeven();
    assertThat(Context.current()).isSameAs(Context.root());
  }
}
