/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

class ExportBenchmarkTest {

  private static final String BLACKHOLE_OK =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private final ExportBenchmark benchmark = new ExportBenchmark();

  ExportBenchmarkTest() {
    benchmark.setUp(new Blackhole(BLACKHOLE_OK));
  }

  @Test
  void passThroughHandsTheSameSpanToTheDelegate() {
    benchmark.passThrough();
    assertThat(benchmark.delegate.last).isSameAs(benchmark.finishedSpan.get(0));
  }

  @Test
  void translateLlmSpanTranslatesGenAiAttributes() {
    benchmark.translateLlmSpan();
    assertThat(benchmark.delegate.last.getAttributes().get(stringKey("openinference.span.kind")))
        .isEqualTo("LLM");
    assertThat(benchmark.delegate.last.getAttributes().get(longKey("llm.token_count.total")))
        .isEqualTo(59L);
  }

  @Test
  void translateAndMaskInputsRedactsTheInput() {
    benchmark.translateAndMaskInputs();
    assertThat(benchmark.delegate.last.getAttributes().get(stringKey("input.value")))
        .isEqualTo("__REDACTED__");
  }
}
