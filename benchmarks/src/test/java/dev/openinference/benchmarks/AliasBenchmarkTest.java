/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Checks that each alias benchmark makes the span it says, with the keys it claims to cost. */
class AliasBenchmarkTest {

  private static final String BLACKHOLE_OK =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private final AliasBenchmark benchmark = new AliasBenchmark();

  private static <P extends AliasBenchmark.Pipeline> Attributes run(
      P pipeline, Function<P, ?> body) {
    pipeline.setUp();
    try {
      Object unused = body.apply(pipeline); // the benchmark body; its span is what counts
      return pipeline.keeper.last().toSpanData().getAttributes();
    } finally {
      pipeline.shutDown();
    }
  }

  @Test
  void eachStartVariantWritesItsKeysOnTopOfTheFiveOpenInferenceOnes() {
    assertThat(run(new AliasBenchmark.Off(), benchmark::startAliasesOff).size()).isEqualTo(5);
    Attributes genAi = run(new AliasBenchmark.GenAi(), benchmark::startAliasesGenAi);
    assertThat(genAi.size()).isEqualTo(6);
    assertThat(genAi.get(stringKey("gen_ai.conversation.id"))).isEqualTo(Workload.SESSION_ID);
    Attributes langfuse = run(new AliasBenchmark.Langfuse(), benchmark::startAliasesLangfuse);
    // session, user, tags and the two metadata keys
    assertThat(langfuse.size()).isEqualTo(10);
    assertThat(langfuse.get(stringKey("langfuse.trace.metadata.tenant"))).isEqualTo("acme");
    // genai 1, langfuse 5, langsmith thread, tags and two metadata keys
    assertThat(run(new AliasBenchmark.All(), benchmark::startAliasesAll).size()).isEqualTo(15);
  }

  @Test
  void threadIdVariantGetsItsSessionFromTheMetadata() {
    Attributes attributes =
        run(new AliasBenchmark.ThreadIdInMetadata(), benchmark::startSessionFromThreadId);
    assertThat(attributes.get(SESSION_ID)).isEqualTo(Workload.SESSION_ID);
  }

  @Test
  void exportVariantsPassTheStampedSpanThroughAsTheSameObject() {
    AliasBenchmark.Export export = new AliasBenchmark.Export();
    export.setUp(new Blackhole(BLACKHOLE_OK));
    assertThat(benchmark.exportAliasesOff(export).isSuccess()).isTrue();
    assertThat(export.delegate.last).isSameAs(export.stampedWithout.get(0));
    assertThat(benchmark.exportAliasesAll(export).isSuccess()).isTrue();
    SpanData stamped = export.stampedWithAll.get(0);
    assertThat(export.delegate.last).isSameAs(stamped);
    assertThat(stamped.getAttributes().get(stringKey("langsmith.metadata.thread_id")))
        .isEqualTo(Workload.SESSION_ID);
  }
}
