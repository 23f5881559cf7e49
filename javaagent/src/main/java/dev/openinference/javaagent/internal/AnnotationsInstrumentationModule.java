/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent.internal;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Applies {@code @Agent}, {@code @Chain}, {@code @Tool}, {@code @Llm} and {@code @Traced}
 * (openinference-instrumentation-annotations) under the OpenTelemetry javaagent: each call of an
 * annotated method becomes its OpenInference span, self-calls included. Only class loaders that see
 * the annotations module are looked at; {@code
 * -Dotel.instrumentation.openinference-annotations.enabled=false} turns it off.
 *
 * <p>The advice is inlined into the application's classes and calls the application's copy of
 * {@code AnnotatedMethods}, the one implementation behind every way of applying the annotations; so
 * nothing of this module is injected, and the spans go through the application's OTel API, which
 * the agent connects to its own.
 *
 * <p>Public with a public constructor because {@link java.util.ServiceLoader} creates it. This
 * class is internal and is not intended for public use.
 */
public final class AnnotationsInstrumentationModule extends InstrumentationModule {

  /** The class the advice calls; its presence is what makes a class loader worth looking at. */
  static final String ANNOTATED_METHODS =
      "dev.openinference.instrumentation.annotations.internal.AnnotatedMethods";

  /** Called by the agent's {@link java.util.ServiceLoader}. */
  public AnnotationsInstrumentationModule() {
    super("openinference-annotations", "openinference");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(ANNOTATED_METHODS);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new AnnotatedMethodInstrumentation());
  }

  @Override
  public boolean isHelperClass(String className) {
    // The advice links against the application's annotations module, never a copy of ours.
    return false;
  }

  @Override
  public String toString() {
    return "AnnotationsInstrumentationModule";
  }
}
