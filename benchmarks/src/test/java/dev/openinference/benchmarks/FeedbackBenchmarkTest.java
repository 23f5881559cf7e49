/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks that each feedback benchmark emits one record per call, and delivery really posts. */
class FeedbackBenchmarkTest {

  private final FeedbackBenchmark benchmark = new FeedbackBenchmark();

  @Test
  void baselineAndRecordEachEmitOneRecord() {
    FeedbackBenchmark.Sdk state = new FeedbackBenchmark.Sdk();
    state.setUp();
    try {
      benchmark.logRecordBaseline(state);
      benchmark.recordSessionFeedback(state);
      assertThat(state.counter.emitted.get()).isEqualTo(2);
    } finally {
      state.tearDown();
    }
  }

  @Test
  void deliveryPostsTheRecordToTheSink() {
    FeedbackBenchmark.Delivery state = new FeedbackBenchmark.Delivery();
    state.setUp();
    try {
      benchmark.recordWithPhoenixDelivery(state);
    } finally {
      state.tearDown(); // close() delivers what is queued
    }
    assertThat(state.counter.emitted.get()).isEqualTo(1);
    assertThat(state.posted.get()).isEqualTo(1);
  }
}
