/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import dev.openinference.context.OpenInference;
import io.opentelemetry.context.Scope;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;

/**
 * Retained heap of nested {@code usingMetadata} scopes, each adding one distinct key, at several
 * nesting depths: heap used after a full GC with all scopes open, minus heap used before the first
 * opened. A measurement, not a benchmark: it prints figures and asserts nothing.
 *
 * <p>Two shapes: scopes only, and scopes with {@link OpenInference#getAttributesFromContext()} read
 * at every level (what a span start at every level costs in cached encodings).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.openinference.benchmarks.NestedScopeMemory 500 1000 2000
 * }</pre>
 */
public final class NestedScopeMemory {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  public static void main(String[] args) {
    int[] depths = args.length == 0 ? new int[] {500, 1000, 2000} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      depths[i] = Integer.parseInt(args[i]);
    }
    // Warm up class loading and the JIT so the first figure is not inflated by them.
    retained(200, true);
    retained(200, false);
    for (int depth : depths) {
      long scopesOnly = retained(depth, false);
      long withReads = retained(depth, true);
      System.out.printf(
          "levels=%d scopes-only=%.2f MB with-attributes-read-per-level=%.2f MB%n",
          depth, scopesOnly / 1e6, withReads / 1e6);
    }
  }

  private static long retained(int depth, boolean readEachLevel) {
    long before = usedAfterGc();
    Deque<Scope> scopes = new ArrayDeque<>(depth);
    for (int i = 0; i < depth; i++) {
      scopes.push(OpenInference.usingMetadata(Collections.singletonMap("key-" + i, "value-" + i)));
      if (readEachLevel) {
        OpenInference.getAttributesFromContext();
      }
    }
    long after = usedAfterGc();
    while (!scopes.isEmpty()) {
      scopes.pop().close();
    }
    return after - before;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private NestedScopeMemory() {}
}
