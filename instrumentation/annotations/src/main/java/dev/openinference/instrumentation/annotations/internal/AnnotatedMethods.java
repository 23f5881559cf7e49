/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.context.trace.OpenInferenceSpan;
import dev.openinference.context.trace.OpenInferenceSpanBuilder;
import dev.openinference.context.trace.OpenInferenceTracer;
import dev.openinference.instrumentation.annotations.Agent;
import dev.openinference.instrumentation.annotations.Chain;
import dev.openinference.instrumentation.annotations.ExcludeFromInput;
import dev.openinference.instrumentation.annotations.Llm;
import dev.openinference.instrumentation.annotations.Tool;
import dev.openinference.instrumentation.annotations.Traced;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * The one implementation behind the annotations: the javaagent advice, the {@code Proxy} wrapper
 * and the Spring interceptor all call {@link #enter} before the method and {@link #exit} after it,
 * which start and end an {@link OpenInferenceSpan} through the span helpers. The signatures use
 * only JDK types, so the agent's advice, inlined into application classes, links against the
 * application's copy of this class.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class AnnotatedMethods {

  static final RateLimitedLogger logger = RateLimitedLogger.create(AnnotatedMethods.class);

  private static final OpenInferenceTracer GLOBAL = OpenInferenceTracer.global();

  /** What an annotated method's spans look like, per method, for the life of its class. */
  private static final ClassValue<Map<Method, MethodSpec>> SPECS =
      new ClassValue<Map<Method, MethodSpec>>() {
        @Override
        protected Map<Method, MethodSpec> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  /*
   * One call, one span, however many layers apply the annotations to it. Per thread:
   * WRAPPED is the method a proxy or interceptor (which started the span) is about to invoke, so
   * that the javaagent's advice on that method makes no second span; PROXIED is the method of a
   * generated proxy class whose advice started the span, so that the proxy's handler or
   * interceptor, or the advice on the method the proxy delegates to, makes none either. Each is
   * consumed by the layer it silences, so a recursive call inside still gets its own span.
   */
  private static final ThreadLocal<Method> WRAPPED = new ThreadLocal<>();
  private static final ThreadLocal<Method> PROXIED = new ThreadLocal<>();

  /** Marks a method without any of the annotations. */
  private static final MethodSpec NOT_ANNOTATED =
      new MethodSpec(OpenInferenceSpanKind.UNKNOWN, "", null, null, new String[0], new boolean[0]);

  /**
   * Starts the span of a call to {@code method} with {@code args}, through {@link
   * OpenInferenceTracer#global()}; returns the span to hand to {@link #exit}, or null when the
   * method carries none of the annotations. Never throws.
   */
  @Nullable
  public static Object enter(Method method, @Nullable Object[] args) {
    try {
      if (consume(WRAPPED, method) || consume(PROXIED, method)) {
        return null;
      }
      OpenInferenceSpan span = start(GLOBAL, method, method, args);
      if (span == null || !isGeneratedProxy(method.getDeclaringClass())) {
        return span;
      }
      return new Call(span, PROXIED, method);
    } catch (Throwable t) {
      logger.warning("OpenInference annotations: could not trace a call of " + method + ": " + t);
      return null;
    }
  }

  /**
   * Starts the span of a call through {@code tracer}: the annotation is looked up on {@code
   * annotated} and then on {@code implementation} (an interface method and the class's method
   * behind it), parameter names on whichever of the two kept them.
   */
  @Nullable
  public static Object enter(
      OpenInferenceTracer tracer,
      Method annotated,
      @Nullable Method implementation,
      @Nullable Object[] args) {
    try {
      // Under the javaagent, the advice on the proxy class's method may have started the span.
      boolean started = consume(PROXIED, annotated);
      OpenInferenceSpan span = started ? null : start(tracer, annotated, implementation, args);
      if (span == null && !started) {
        return null;
      }
      return new Call(span, WRAPPED, implementation != null ? implementation : annotated);
    } catch (Throwable t) {
      logger.warning(
          "OpenInference annotations: could not trace a call of " + annotated + ": " + t);
      return null;
    }
  }

  /**
   * Removes {@code marker}'s method and returns true if it is the same call as {@code method}: the
   * same signature, on related types (a proxy and its interface or superclass, or the class behind
   * the same interface).
   */
  private static boolean consume(ThreadLocal<Method> marker, Method method) {
    Method marked = marker.get();
    if (marked == null
        || !marked.getName().equals(method.getName())
        || !Arrays.equals(marked.getParameterTypes(), method.getParameterTypes())
        || !related(marked.getDeclaringClass(), method.getDeclaringClass())) {
      return false;
    }
    marker.remove();
    return true;
  }

  private static boolean related(Class<?> marked, Class<?> called) {
    if (marked.isAssignableFrom(called) || called.isAssignableFrom(marked)) {
      return true;
    }
    for (Class<?> type : marked.getInterfaces()) {
      if (type.isAssignableFrom(called)) {
        return true;
      }
    }
    return false;
  }

  /** A JDK proxy, or a class generated by CGLIB (Spring AOP), ByteBuddy and the like. */
  private static boolean isGeneratedProxy(Class<?> type) {
    return Proxy.isProxyClass(type) || type.getName().contains("$$");
  }

  /**
   * The method behind {@code method} on {@code target}'s class (public or not, declared there or
   * inherited), or null if there is none: a proxy's interface method and the class's method that
   * runs.
   */
  @Nullable
  public static Method implementation(@Nullable Object target, Method method) {
    if (target == null) {
      return null;
    }
    try {
      for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
        try {
          return type.getDeclaredMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
          // declared further up, if at all
        }
      }
      return target.getClass().getMethod(method.getName(), method.getParameterTypes());
    } catch (NoSuchMethodException | RuntimeException e) {
      return null;
    }
  }

  @Nullable
  private static OpenInferenceSpan start(
      OpenInferenceTracer tracer,
      Method annotated,
      @Nullable Method implementation,
      @Nullable Object[] args) {
    try {
      MethodSpec spec = spec(annotated);
      Method namesFrom = annotated;
      if (spec == NOT_ANNOTATED && implementation != null && implementation != annotated) {
        spec = spec(implementation);
      }
      if (spec == NOT_ANNOTATED) {
        return null;
      }
      if (implementation != null
          && implementation != annotated
          && !namesPresent(annotated)
          && namesPresent(implementation)) {
        namesFrom = implementation;
        spec = spec.withNames(names(namesFrom));
      }
      OpenInferenceSpanBuilder builder = tracer.spanBuilder(spec.name, spec.kind);
      if (spec.kind == OpenInferenceSpanKind.TOOL) {
        builder.setAttribute(SemanticConventions.TOOL_NAME, spec.toolName);
        if (spec.toolDescription != null) {
          builder.setAttribute(SemanticConventions.TOOL_DESCRIPTION, spec.toolDescription);
        }
      } else if (spec.kind == OpenInferenceSpanKind.AGENT) {
        builder.setAttribute(SemanticConventions.AGENT_NAME, spec.name);
      }
      Object input = spec.input(args);
      if (input != null) {
        builder.setInput(input);
      }
      return builder.start();
    } catch (Throwable t) {
      logger.warning(
          "OpenInference annotations: could not start the span of "
              + annotated
              + " ("
              + t
              + "); the method runs untraced.",
          t);
      return null;
    }
  }

  /**
   * Ends the span {@link #enter} returned: {@code thrown}, if not null, as status ERROR, else
   * {@code returned} as the output (a {@code CompletionStage} ends the span when it completes).
   * Never throws.
   */
  public static void exit(
      @Nullable Object span, @Nullable Object returned, @Nullable Throwable thrown) {
    if (span instanceof Call) {
      Call call = (Call) span;
      call.restore();
      span = call.span;
    }
    if (!(span instanceof OpenInferenceSpan)) {
      return;
    }
    OpenInferenceSpan openInferenceSpan = (OpenInferenceSpan) span;
    try {
      if (thrown != null) {
        openInferenceSpan.recordException(thrown);
      } else {
        openInferenceSpan.output(returned);
      }
    } catch (Throwable t) {
      logger.warning("OpenInference annotations: could not record the result of a call: " + t, t);
    } finally {
      openInferenceSpan.close();
    }
  }

  /** Returns whether {@code method} carries one of the annotations. */
  public static boolean isAnnotated(Method method) {
    try {
      return spec(method) != NOT_ANNOTATED;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static MethodSpec spec(Method method) {
    Map<Method, MethodSpec> specs = SPECS.get(method.getDeclaringClass());
    MethodSpec spec = specs.get(method);
    if (spec == null) {
      spec = compute(method);
      specs.put(method, spec);
    }
    return spec;
  }

  private static MethodSpec compute(Method method) {
    MethodSpec spec = compute(method, method);
    if (spec != NOT_ANNOTATED) {
      return spec;
    }
    // An annotation on the method this one implements or overrides counts too.
    for (Method inherited : inherited(method)) {
      spec = compute(inherited, method);
      if (spec != NOT_ANNOTATED) {
        return spec;
      }
    }
    return NOT_ANNOTATED;
  }

  private static List<Method> inherited(Method method) {
    List<Method> found = new ArrayList<>();
    Deque<Class<?>> types = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    types.add(method.getDeclaringClass());
    while (!types.isEmpty()) {
      Class<?> type = types.poll();
      if (!seen.add(type)) {
        continue;
      }
      if (type != method.getDeclaringClass()) {
        try {
          found.add(type.getDeclaredMethod(method.getName(), method.getParameterTypes()));
        } catch (NoSuchMethodException e) {
          // not declared here
        }
      }
      if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
        types.add(type.getSuperclass());
      }
      types.addAll(Arrays.asList(type.getInterfaces()));
    }
    return found;
  }

  /** The spec from {@code annotated}'s annotation, for calls of {@code method}. */
  private static MethodSpec compute(Method annotated, Method method) {
    OpenInferenceSpanKind kind = null;
    String name = "";
    String description = null;
    for (Annotation annotation : annotated.getAnnotations()) {
      if (annotation instanceof Agent) {
        kind = OpenInferenceSpanKind.AGENT;
        name = ((Agent) annotation).name();
      } else if (annotation instanceof Chain) {
        kind = OpenInferenceSpanKind.CHAIN;
        name = ((Chain) annotation).name();
      } else if (annotation instanceof Llm) {
        kind = OpenInferenceSpanKind.LLM;
        name = ((Llm) annotation).name();
      } else if (annotation instanceof Tool) {
        kind = OpenInferenceSpanKind.TOOL;
        name = ((Tool) annotation).name();
        String d = ((Tool) annotation).description();
        description = d.isEmpty() ? null : d;
      } else if (annotation instanceof Traced) {
        kind = ((Traced) annotation).kind();
        name = ((Traced) annotation).name();
      } else {
        continue;
      }
      break;
    }
    if (kind == null) {
      return NOT_ANNOTATED;
    }
    // One rule for every annotation: the span name is name(), else SimpleClassName.methodName of
    // the type declaring the annotated method; a tool's tool.name is name(), else the method name
    // (the name a model calls it by).
    String toolName = null;
    if (name.trim().isEmpty()) {
      name = annotated.getDeclaringClass().getSimpleName() + "." + method.getName();
      toolName = method.getName();
    }
    if (kind == OpenInferenceSpanKind.TOOL && toolName == null) {
      toolName = name;
    }
    Parameter[] parameters = method.getParameters();
    Parameter[] declared = annotated.getParameters();
    boolean[] included = new boolean[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      included[i] =
          !parameters[i].isAnnotationPresent(ExcludeFromInput.class)
              && !(i < declared.length && declared[i].isAnnotationPresent(ExcludeFromInput.class));
    }
    Method namesFrom = namesPresent(method) || !namesPresent(annotated) ? method : annotated;
    return new MethodSpec(kind, name, toolName, description, names(namesFrom), included);
  }

  private static String[] names(Method method) {
    Parameter[] parameters = method.getParameters();
    String[] names = new String[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      // Without -parameters the JDK calls them arg0, arg1, ...
      names[i] = parameters[i].getName();
    }
    return names;
  }

  private static boolean namesPresent(Method method) {
    Parameter[] parameters = method.getParameters();
    return parameters.length > 0 && parameters[0].isNamePresent();
  }

  /** A call's span (null if another layer owns it) and the marker it set until it ends. */
  private static final class Call {
    @Nullable final OpenInferenceSpan span;
    private final ThreadLocal<Method> marker;
    @Nullable private final Method previous;

    Call(@Nullable OpenInferenceSpan span, ThreadLocal<Method> marker, Method method) {
      this.span = span;
      this.marker = marker;
      this.previous = marker.get();
      marker.set(method);
    }

    void restore() {
      if (previous == null) {
        marker.remove();
      } else {
        marker.set(previous);
      }
    }
  }

  /** The span of one annotated method. */
  private static final class MethodSpec {
    final OpenInferenceSpanKind kind;
    final String name;
    @Nullable final String toolName;
    @Nullable final String toolDescription;
    final String[] parameterNames;
    final boolean[] included;

    MethodSpec(
        OpenInferenceSpanKind kind,
        String name,
        @Nullable String toolName,
        @Nullable String toolDescription,
        String[] parameterNames,
        boolean[] included) {
      this.kind = kind;
      this.name = name;
      this.toolName = toolName;
      this.toolDescription = toolDescription;
      this.parameterNames = parameterNames;
      this.included = included;
    }

    MethodSpec withNames(String[] names) {
      return new MethodSpec(kind, name, toolName, toolDescription, names, included);
    }

    /** One included argument: its value; several: name to value, in order; none: null. */
    @Nullable
    Object input(@Nullable Object[] args) {
      if (args == null || args.length == 0) {
        return null;
      }
      int count = 0;
      int last = -1;
      for (int i = 0; i < args.length && i < included.length; i++) {
        if (included[i]) {
          count++;
          last = i;
        }
      }
      if (count == 0) {
        return null;
      }
      if (count == 1) {
        return args[last];
      }
      Map<String, Object> byName = new LinkedHashMap<>();
      for (int i = 0; i < args.length && i < included.length; i++) {
        if (included[i]) {
          byName.put(parameterNames[i], args[i]);
        }
      }
      return byName;
    }
  }

  private AnnotatedMethods() {}
}
