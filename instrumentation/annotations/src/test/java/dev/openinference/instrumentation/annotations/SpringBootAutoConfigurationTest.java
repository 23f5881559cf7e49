/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.exporter.OpenInferenceOtel;
import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot 4 application with the annotations module on its class path and no OpenInference
 * code but its annotations and an {@code OpenTelemetry} bean ({@link OpenInferenceOtel}, OTLP/HTTP
 * to a loopback {@link OtlpReceiver}): the auto-configuration makes its beans' annotated methods
 * spans.
 */
class SpringBootAutoConfigurationTest {

  /** An annotated interface, implemented by a bean (Spring proxies it by subclassing). */
  public interface Orders {
    @Tool(description = "Looks up the status of an order")
    String status(String orderId);
  }

  public static class InMemoryOrders implements Orders {
    @Override
    public String status(String orderId) {
      return orderId + " shipped";
    }
  }

  /** A bean with an annotated method of its own, calling the other bean. */
  public static class Desk {
    private final Orders orders;

    public Desk(Orders orders) {
      this.orders = orders;
    }

    @Agent(name = "desk")
    public String answer(String question) {
      return "Order 7: " + orders.status("7");
    }

    public String notAnnotated(String text) {
      return text;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
    @Bean(destroyMethod = "")
    OpenTelemetrySdk openTelemetry() {
      return sdk;
    }

    @Bean
    Orders orders() {
      return new InMemoryOrders();
    }

    @Bean
    Desk desk(Orders orders) {
      return new Desk(orders);
    }
  }

  private static OpenTelemetrySdk sdk;
  private OtlpReceiver receiver;

  @BeforeEach
  void startBackend() {
    GlobalOpenTelemetry.resetForTest();
    receiver = OtlpReceiver.create();
    // Not the global one: the spans must come from the application's bean.
    sdk =
        OpenInferenceOtel.builder()
            .setEndpoint(receiver.getHttpTracesEndpoint())
            .setGlobal(false)
            .build();
  }

  @AfterEach
  void stopBackend() {
    sdk.close();
    receiver.close();
    GlobalOpenTelemetry.resetForTest();
  }

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .properties(properties)
        .run();
  }

  private List<SpanData> exported(int count) {
    sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    return receiver.awaitSpans(count, Duration.ofSeconds(30));
  }

  @Test
  @SuppressWarnings("try") // the scope only needs closing
  void annotatedBeanMethodsBecomeSpansOfTheApplicationsOpenTelemetry() {
    String answer;
    try (ConfigurableApplicationContext context = start()) {
      Desk desk = context.getBean(Desk.class);
      try (Scope session = OpenInference.usingSession("boot-session")) {
        answer = desk.answer("Where is order 7?");
        desk.notAnnotated("untraced");
      }
    }

    assertThat(answer).isEqualTo("Order 7: 7 shipped");
    List<SpanData> spans = exported(2);
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("desk", "Orders.status");
    SpanData agent = spans.stream().filter(s -> s.getName().equals("desk")).findFirst().get();
    SpanData tool =
        spans.stream().filter(s -> s.getName().equals("Orders.status")).findFirst().get();
    assertThat(agent)
        .hasNoParent()
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
        .hasAttribute(INPUT_VALUE, "Where is order 7?")
        .hasAttribute(OUTPUT_VALUE, "Order 7: 7 shipped")
        .hasAttribute(SESSION_ID, "boot-session");
    assertThat(tool)
        .hasParentSpanId(agent.getSpanId())
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
        .hasAttribute(TOOL_DESCRIPTION, "Looks up the status of an order")
        .hasAttribute(INPUT_VALUE, "7")
        .hasAttribute(OUTPUT_VALUE, "7 shipped");
  }

  @Test
  void propertyTurnsItOff() {
    try (ConfigurableApplicationContext context =
        start("openinference.annotations.spring.enabled=false")) {
      assertThat(context.getBean(Desk.class).answer("q")).isEqualTo("Order 7: 7 shipped");
      // Not proxied at all.
      assertThat(context.getBean(Desk.class).getClass()).isEqualTo(Desk.class);
    }

    sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    assertThat(receiver.getSpans().stream().map(SpanData::getName).collect(Collectors.toList()))
        .isEmpty();
  }
}
