/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations.app;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;

import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.instrumentation.annotations.OpenInferenceAnnotations;
import dev.openinference.instrumentation.annotations.Tool;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application's package-private interface, in a package other than the proxy's: reflection may
 * not call its methods unless told to, yet the proxy must reach the target.
 */
class NonPublicInterfaceTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  interface Orders {
    @Tool(name = "order-status")
    String status(String orderId);
  }

  static final class InMemoryOrders implements Orders {
    @Override
    public String status(String orderId) {
      return orderId + " shipped";
    }
  }

  @Test
  void proxyOfAPackagePrivateInterfaceCallsTheTargetInsideItsSpan() {
    Orders orders =
        OpenInferenceAnnotations.proxy(
            Orders.class,
            new InMemoryOrders(),
            OpenInferenceTracer.create(otel.getOpenTelemetry()));

    org.assertj.core.api.Assertions.assertThat(orders.status("o-7")).isEqualTo("o-7 shipped");

    org.assertj.core.api.Assertions.assertThat(otel.getSpans()).hasSize(1);
    assertThat(otel.getSpans().get(0))
        .hasName("order-status")
        .hasAttribute(INPUT_VALUE, "o-7")
        .hasAttribute(OUTPUT_VALUE, "o-7 shipped")
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.UNSET));
  }
}
