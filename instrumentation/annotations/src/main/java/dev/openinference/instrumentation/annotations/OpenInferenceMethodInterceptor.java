/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.instrumentation.annotations.internal.AnnotatedMethods;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * Applies the annotations in Spring AOP (or any AOP Alliance framework): each intercepted call of
 * an annotated method becomes its span; other methods pass through. Register it with a pointcut on
 * the annotations, for example:
 *
 * <pre>{@code
 * @Bean
 * static Advisor openInferenceAdvisor() {
 *   // true: also match methods whose interface method carries the annotation
 *   Pointcut annotated = new ComposablePointcut(new AnnotationMatchingPointcut(null, Agent.class, true))
 *       .union(new AnnotationMatchingPointcut(null, Tool.class, true)); // and Chain, Llm, Traced
 *   return new DefaultPointcutAdvisor(annotated, OpenInferenceMethodInterceptor.create());
 * }
 * }</pre>
 *
 * <p>Needs {@code spring-aop} (or {@code aopalliance}) on the class path; nothing else in this
 * module does.
 */
public final class OpenInferenceMethodInterceptor implements MethodInterceptor {

  private final Supplier<OpenInferenceTracer> tracer;

  private OpenInferenceMethodInterceptor(Supplier<OpenInferenceTracer> tracer) {
    this.tracer = tracer;
  }

  /**
   * Returns an interceptor whose spans come from {@link OpenInferenceTracer#global()}.
   *
   * @return a new interceptor, never null
   */
  public static OpenInferenceMethodInterceptor create() {
    return create(OpenInferenceTracer.global());
  }

  /**
   * Returns an interceptor whose spans come from {@code tracer} (the global one if null).
   *
   * @param tracer the tracer that makes the spans, or null for {@link OpenInferenceTracer#global()}
   * @return a new interceptor, never null
   */
  public static OpenInferenceMethodInterceptor create(OpenInferenceTracer tracer) {
    OpenInferenceTracer usable = tracer == null ? OpenInferenceTracer.global() : tracer;
    return new OpenInferenceMethodInterceptor(() -> usable);
  }

  /**
   * An interceptor that asks {@code tracer} at its first call: the auto-configuration's, whose
   * {@code OpenTelemetry} bean may not exist yet when the advisor is created.
   */
  static OpenInferenceMethodInterceptor createLazily(Supplier<OpenInferenceTracer> tracer) {
    return new OpenInferenceMethodInterceptor(new Lazy(tracer));
  }

  /** The first non-null tracer {@code source} gives, the global one if it fails or gives none. */
  private static final class Lazy implements Supplier<OpenInferenceTracer> {
    private final Supplier<OpenInferenceTracer> source;
    @Nullable private volatile OpenInferenceTracer tracer;

    Lazy(Supplier<OpenInferenceTracer> source) {
      this.source = source;
    }

    @Override
    public OpenInferenceTracer get() {
      OpenInferenceTracer resolved = tracer;
      if (resolved == null) {
        try {
          resolved = source.get();
        } catch (RuntimeException e) {
          resolved = null;
        }
        if (resolved == null) {
          resolved = OpenInferenceTracer.global();
        }
        tracer = resolved;
      }
      return resolved;
    }

    @Override
    public String toString() {
      OpenInferenceTracer resolved = tracer;
      return resolved == null ? "not resolved yet" : resolved.toString();
    }
  }

  @Override
  @Nullable
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Method method = invocation.getMethod();
    // With a JDK proxy the method is the interface's; the class's may carry the annotation, and
    // under the javaagent it is the one whose advice must not trace the call again.
    Method implementation = AnnotatedMethods.implementation(invocation.getThis(), method);
    Object span =
        AnnotatedMethods.enter(tracer.get(), method, implementation, invocation.getArguments());
    Object returned = null;
    Throwable thrown = null;
    try {
      returned = invocation.proceed();
      return returned;
    } catch (Throwable t) {
      thrown = t;
      throw t;
    } finally {
      AnnotatedMethods.exit(span, returned, thrown);
    }
  }

  @Override
  public String toString() {
    return "OpenInferenceMethodInterceptor{tracer=" + tracer + "}";
  }
}
