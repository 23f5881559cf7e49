/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes each call of the method an {@code AGENT} span: an agent's reasoning loop, usually one turn
 * of a conversation; {@code agent.name} is the span name. The parameters become {@code input.value}
 * (one parameter: its value; several: a JSON object of name to value, see {@link
 * ExcludeFromInput}), the return value {@code output.value}, an exception status ERROR.
 *
 * <p>Applied by the OpenInference javaagent extension, or without the agent by {@link
 * OpenInferenceAnnotations#proxy} or {@link OpenInferenceMethodInterceptor}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Agent {

  /**
   * The span name; by default the simple name of the class or interface that declares the annotated
   * method, a dot and the method's name ({@code SupportDesk.answer}), as for every OpenInference
   * annotation.
   *
   * @return the span name; empty (the default) means {@code SimpleClassName.methodName}
   */
  String name() default "";
}
