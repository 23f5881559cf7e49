/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small test classes that register the extension (static and instance field) through the JUnit
 * engine, and checks when receivers start, reset and stop.
 */
class OtlpReceiverExtensionTest {

  // Filled by the classes below while the engine runs them.
  static final List<OtlpReceiver> seen = Collections.synchronizedList(new ArrayList<>());

  @Test
  void staticFieldSharesOneReceiverPerClassResetBetweenTestsAndClosedAfter() {
    seen.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PerClassUsage.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isSameAs(seen.get(1));
    OtlpReceiverBehaviourTest.assertRefused(seen.get(0).getHttpPort());
    OtlpReceiverBehaviourTest.assertRefused(seen.get(0).getGrpcPort());
  }

  @Test
  void instanceFieldGivesEachTestItsOwnReceiverClosedAfterTheTest() {
    seen.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PerTestUsage.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isNotSameAs(seen.get(1));
    for (OtlpReceiver receiver : seen) {
      OtlpReceiverBehaviourTest.assertRefused(receiver.getHttpPort());
      OtlpReceiverBehaviourTest.assertRefused(receiver.getGrpcPort());
    }
  }

  @Test
  void failingAwaitInsideATestFailsThatTest() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NothingArrives.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).failed(1));
  }

  static void export(SpanExporter exporter, String name) {
    assertThat(
            exporter
                .export(Collections.singletonList(OtlpReceiverBehaviourTest.span(name)))
                .join(10, TimeUnit.SECONDS)
                .isSuccess())
        .isTrue();
    exporter.shutdown();
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassUsage {
    @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

    @Test
    @Order(1)
    void first() {
      seen.add(otlp.getReceiver());
      export(
          OtlpHttpSpanExporter.builder().setEndpoint(otlp.getHttpTracesEndpoint()).build(), "one");
      assertThat(otlp.awaitSpans(1, Duration.ofSeconds(10)))
          .extracting(SpanData::getName)
          .containsExactly("one");
      otlp.getReceiver().failNext(3, 503);
    }

    @Test
    @Order(2)
    void second() {
      seen.add(otlp.getReceiver());
      // Reset since the first test: no spans, no pending failures.
      assertThat(otlp.getSpans()).isEmpty();
      assertThat(otlp.getRequests()).isEmpty();
      export(OtlpGrpcSpanExporter.builder().setEndpoint(otlp.getGrpcEndpoint()).build(), "two");
      assertThat(otlp.getSpans()).extracting(SpanData::getName).containsExactly("two");
    }
  }

  static class PerTestUsage {
    @RegisterExtension final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

    @Test
    void a() {
      check("a");
    }

    @Test
    void b() {
      check("b");
    }

    private void check(String name) {
      seen.add(otlp.getReceiver());
      assertThat(otlp.getSpans()).isEmpty();
      export(
          OtlpHttpSpanExporter.builder().setEndpoint(otlp.getHttpTracesEndpoint()).build(), name);
      assertThat(otlp.awaitSpans(1, Duration.ofSeconds(10)))
          .extracting(SpanData::getName)
          .containsExactly(name);
    }
  }

  static class NothingArrives {
    @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

    @Test
    void waitsInVain() {
      otlp.awaitSpans(1, Duration.ofMillis(50));
    }
  }
}
