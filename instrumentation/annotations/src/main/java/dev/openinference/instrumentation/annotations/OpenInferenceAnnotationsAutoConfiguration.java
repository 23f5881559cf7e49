/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import dev.openinference.context.trace.OpenInferenceTracer;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * In a Spring Boot application, applies the annotations to Spring beans with no code: an advisor
 * with {@link OpenInferenceMethodInterceptor} on every method that carries one of them (on the
 * bean's class or on an interface it implements). Spans come from the application's {@code
 * OpenTelemetry} bean, or {@code GlobalOpenTelemetry} without one. Only calls through the bean's
 * proxy are traced, not those a bean makes on itself; under the javaagent with the OpenInference
 * extension those are traced too, and each call is still one span.
 *
 * <p>Registered in {@code META-INF/spring/...AutoConfiguration.imports}; {@code
 * openinference.annotations.spring.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.aop.Advisor")
@ConditionalOnProperty(
    prefix = "openinference.annotations.spring",
    name = "enabled",
    matchIfMissing = true)
public final class OpenInferenceAnnotationsAutoConfiguration {

  private static final List<Class<? extends Annotation>> ANNOTATIONS =
      Arrays.asList(Agent.class, Chain.class, Llm.class, Tool.class, Traced.class);

  OpenInferenceAnnotationsAutoConfiguration() {}

  /**
   * The advisor; an infrastructure bean, so that Boot's default auto-proxy creator applies it, and
   * static, so that it is created before the beans it advises.
   */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor openInferenceAnnotationsAdvisor(ObjectProvider<OpenTelemetry> openTelemetry) {
    ComposablePointcut pointcut = null;
    for (Class<? extends Annotation> annotation : ANNOTATIONS) {
      // true: also methods whose interface or superclass method carries the annotation.
      AnnotationMatchingPointcut matching = new AnnotationMatchingPointcut(null, annotation, true);
      pointcut = pointcut == null ? new ComposablePointcut(matching) : pointcut.union(matching);
    }
    OpenInferenceMethodInterceptor interceptor =
        OpenInferenceMethodInterceptor.createLazily(
            () -> {
              OpenTelemetry bean = openTelemetry.getIfUnique();
              return bean == null ? null : OpenInferenceTracer.create(bean);
            });
    return new DefaultPointcutAdvisor(pointcut, interceptor);
  }

  @Override
  public String toString() {
    return "OpenInferenceAnnotationsAutoConfiguration";
  }
}
