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
 * Makes each call of the method a {@code TOOL} span: a call to a tool or function; {@code
 * tool.name} is {@link #name()}, else the method name. The parameters become {@code input.value}
 * (one parameter: its value; several: a JSON object of name to value, see {@link
 * ExcludeFromInput}), the return value {@code output.value}, an exception status ERROR.
 *
 * <p>Applied by the OpenInference javaagent extension, or without the agent by {@link
 * OpenInferenceAnnotations#proxy} or {@link OpenInferenceMethodInterceptor}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

  /**
   * The span name and the {@code tool.name}. By default the span name is, as for every
   * OpenInference annotation, the simple name of the class or interface that declares the annotated
   * method, a dot and the method's name ({@code OrderTools.lookUp}), and the {@code tool.name} is
   * the method's name ({@code lookUp}), the name a model calls the tool by.
   *
   * @return the span name and {@code tool.name}; empty (the default) means {@code
   *     SimpleClassName.methodName} and {@code methodName}
   */
  String name() default "";

  /**
   * The {@code tool.description}; none by default.
   *
   * @return the description told to the model; empty (the default) sets no {@code tool.description}
   */
  String description() default "";
}
