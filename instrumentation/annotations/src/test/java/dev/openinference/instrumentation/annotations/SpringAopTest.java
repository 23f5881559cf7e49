/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.OUTPUT_VALUE;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.trace.OpenInferenceTracer;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * The interceptor in Spring AOP: a class proxy (CGLIB), so calls on the class itself are traced.
 */
class SpringAopTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  @Test
  void springProxyOfAnnotatedClassRecordsAgentSpan() {
    Pointcut annotated =
        new ComposablePointcut(new AnnotationMatchingPointcut(null, Agent.class, true))
            .union(new AnnotationMatchingPointcut(null, Tool.class, true));
    ProxyFactory factory = new ProxyFactory(new DefaultAssistant());
    factory.setProxyTargetClass(true);
    factory.addAdvisor(
        new DefaultPointcutAdvisor(
            annotated,
            OpenInferenceMethodInterceptor.create(
                OpenInferenceTracer.create(otel.getOpenTelemetry()))));
    DefaultAssistant proxied = (DefaultAssistant) factory.getProxy();

    assertThat(proxied.answer("q")).isEqualTo("answer to q");
    assertThat(proxied.plain("p")).isEqualTo("p");

    assertThat(otel.getSpans()).hasSize(1);
    assertThat(otel.getSpans().get(0))
        .hasName("support-agent")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT")
        .hasAttribute(INPUT_VALUE, "q")
        .hasAttribute(OUTPUT_VALUE, "answer to q");
  }
}
