/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import dev.openinference.semconv.OpenInferenceSpanKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes each call of the method a span of any OpenInference kind, for the kinds without an
 * annotation of their own ({@code RETRIEVER}, {@code EMBEDDING}, {@code RERANKER}, {@code
 * GUARDRAIL}, {@code EVALUATOR}, {@code PROMPT}). Parameters, return value and exceptions are
 * recorded as with {@link Chain}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Traced {

  /**
   * The OpenInference span kind; {@code CHAIN} by default.
   *
   * @return the kind of the method's span
   */
  OpenInferenceSpanKind kind() default OpenInferenceSpanKind.CHAIN;

  /**
   * The span name; by default the simple name of the class or interface that declares the annotated
   * method, a dot and the method's name ({@code SupportDesk.answer}), as for every OpenInference
   * annotation.
   *
   * @return the span name; empty (the default) means {@code SimpleClassName.methodName}
   */
  String name() default "";
}
