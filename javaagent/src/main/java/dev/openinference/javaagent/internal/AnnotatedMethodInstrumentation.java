/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent.internal;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasSuperMethod;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.openinference.instrumentation.annotations.internal.AnnotatedMethods;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationSource;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches the concrete methods that carry one of the annotations, on themselves or on a method they
 * implement or override (an annotated interface method counts), and wraps them in {@link
 * AnnotatedMethodAdvice}.
 *
 * <p>This class is internal and is not intended for public use.
 */
final class AnnotatedMethodInstrumentation implements TypeInstrumentation {

  private static final String PACKAGE = "dev.openinference.instrumentation.annotations.";

  private static ElementMatcher.Junction<AnnotationSource> annotated() {
    return isAnnotatedWith(
        namedOneOf(
            PACKAGE + "Agent",
            PACKAGE + "Chain",
            PACKAGE + "Llm",
            PACKAGE + "Tool",
            PACKAGE + "Traced"));
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed(AnnotationsInstrumentationModule.ANNOTATED_METHODS);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    // hasSuperType also matches the type itself.
    return hasSuperType(declaresMethod(annotated()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isMethod().and(not(isAbstract())).and(hasSuperMethod(annotated())),
        AnnotatedMethodInstrumentation.class.getName() + "$AnnotatedMethodAdvice");
  }

  @Override
  public String toString() {
    return "AnnotatedMethodInstrumentation";
  }

  /**
   * Inlined into each matched method: the span starts before the body and ends after it, with the
   * return value or the exception. Only JDK types cross into {@link AnnotatedMethods}.
   */
  @SuppressWarnings("unused")
  static final class AnnotatedMethodAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object onEnter(@Advice.Origin Method method, @Advice.AllArguments Object[] args) {
      return AnnotatedMethods.enter(method, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void onExit(
        @Advice.Enter Object span,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      AnnotatedMethods.exit(span, returned, thrown);
    }

    private AnnotatedMethodAdvice() {}
  }
}
