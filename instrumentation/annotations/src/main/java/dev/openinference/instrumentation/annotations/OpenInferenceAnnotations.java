/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.instrumentation.annotations.internal.AnnotatedMethods;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.annotation.Nullable;

/**
 * Applies the annotations without the javaagent: {@link #proxy} wraps an object behind an interface
 * so that each call of an annotated method (annotated on the interface or on the object's class)
 * becomes its span.
 *
 * <pre>{@code
 * SupportAgent agent = OpenInferenceAnnotations.proxy(SupportAgent.class, new DefaultSupportAgent());
 * agent.answer("Where is my order?"); // an AGENT span, with input and output
 * }</pre>
 *
 * <p>Calls the object makes on itself ({@code this.lookUp(...)}) bypass the proxy and are not
 * traced; the javaagent extension traces those too. Under the javaagent extension a call through
 * the proxy is still one span: the proxy's.
 */
public final class OpenInferenceAnnotations {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(OpenInferenceAnnotations.class);

  /**
   * Returns {@code target} behind {@code type}, with spans from {@link
   * OpenInferenceTracer#global()}. A null argument or a type that is not an interface returns
   * {@code target} unwrapped, with a warning.
   *
   * @param <T> the interface type
   * @param type the interface whose annotated methods get spans
   * @param target the implementation the proxy calls
   * @return a proxy implementing {@code type}, or {@code target} itself when it cannot be proxied
   */
  public static <T> T proxy(Class<T> type, T target) {
    return proxy(type, target, OpenInferenceTracer.global());
  }

  /**
   * Returns {@code target} behind {@code type}, with spans from {@code tracer}.
   *
   * @param <T> the interface type
   * @param type the interface whose annotated methods get spans
   * @param target the implementation the proxy calls
   * @param tracer the tracer that makes the spans; null means {@link OpenInferenceTracer#global()}
   * @return a proxy implementing {@code type}, or {@code target} itself when it cannot be proxied
   */
  @SuppressWarnings("unchecked")
  public static <T> T proxy(Class<T> type, T target, OpenInferenceTracer tracer) {
    if (type == null || target == null || !type.isInterface() || !type.isInstance(target)) {
      logger.warning(
          "OpenInferenceAnnotations.proxy: cannot wrap "
              + RateLimitedLogger.describe(target)
              + " behind "
              + type
              + " (both must be given, the type must be an interface the target implements);"
              + " returned the target unwrapped, untraced.");
      return target;
    }
    OpenInferenceTracer usable = tracer;
    if (usable == null) {
      logger.warning(
          "OpenInferenceAnnotations.proxy: null tracer; spans go to GlobalOpenTelemetry.");
      usable = OpenInferenceTracer.global();
    }
    try {
      return (T)
          Proxy.newProxyInstance(
              type.getClassLoader(), new Class<?>[] {type}, new Handler(target, usable));
    } catch (RuntimeException e) {
      logger.warning(
          "OpenInferenceAnnotations.proxy: could not create a proxy for "
              + type.getName()
              + " ("
              + e
              + "); returned the target unwrapped, untraced.");
      return target;
    }
  }

  /** Invokes the target, inside a span when the method is annotated. */
  private static final class Handler implements InvocationHandler {
    private final Object target;
    private final OpenInferenceTracer tracer;

    Handler(Object target, OpenInferenceTracer tracer) {
      this.target = target;
      this.tracer = tracer;
    }

    @Override
    @Nullable
    public Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        if (method.getName().equals("toString") && method.getParameterCount() == 0) {
          return "OpenInferenceAnnotations.proxy(" + target + ")";
        }
        return invokeTarget(method, proxy, args);
      }
      Object span = AnnotatedMethods.enter(tracer, method, implementation(method), args);
      Object returned = null;
      Throwable thrown = null;
      try {
        returned = invokeTarget(method, proxy, args);
        return returned;
      } catch (Throwable t) {
        thrown = t;
        throw t;
      } finally {
        AnnotatedMethods.exit(span, returned, thrown);
      }
    }

    @Nullable
    private Object invokeTarget(Method method, Object proxy, @Nullable Object[] args)
        throws Throwable {
      if (method.getName().equals("equals")
          && method.getParameterCount() == 1
          && method.getDeclaringClass() == Object.class) {
        return args != null && args[0] == proxy;
      }
      try {
        try {
          return method.invoke(target, args);
        } catch (IllegalAccessException e) {
          // A non-public interface: Proxy may implement it, reflection must be let in.
          method.setAccessible(true);
          return method.invoke(target, args);
        }
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    @Nullable
    private Method implementation(Method method) {
      return AnnotatedMethods.implementation(target, method);
    }
  }

  private OpenInferenceAnnotations() {}
}
