/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Makes OpenInference values visible to the span processor when it runs inside the OTel javaagent.
 *
 * <p>The agent bridges only a few context keys (span, baggage) between the application's {@code
 * Context} and its own shaded one; a value under our key stays on the application side, out of
 * reach of the processor that the OpenInference javaagent extension installs. The extension jar
 * bundles a copy of this module, which the agent loads with its own {@code Context}: there, our key
 * is an agent-side key. So whenever the application stores values, this class hands a plain-JDK
 * copy of them to that agent-side copy, which stores them in the agent's context too; the result is
 * one application {@code Context} that carries both.
 *
 * <p>Where the agent's context bridge allows it, that takes three direct calls and makes nothing
 * current: read the agent {@code Context} inside the application one, add the agent-side values,
 * wrap the result. Otherwise (an application {@code Context} that is not the agent's wrapper, an
 * agent whose bridge looks different), the values go through the thread's current context, which
 * costs two more attach and detach pairs.
 *
 * <p>Without the agent, or with the agent but without our extension, {@link #bridge} returns its
 * argument after one volatile read.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class JavaagentBridge {

  private static final Logger logger = Logger.getLogger(JavaagentBridge.class.getName());
  private static final RateLimitedLogger rateLimitedLogger =
      RateLimitedLogger.create(JavaagentBridge.class);
  private static final String AGENT_INITIALIZER =
      "io.opentelemetry.javaagent.bootstrap.AgentInitializer";
  private static final String AGENT_CONTEXT_STORAGE = "AgentContextStorage";
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Null until resolved; then {@link #ABSENT}, {@link #DIRECT} or a {@link SlowPath}. */
  @Nullable private static volatile Object target;

  private static final Object ABSENT = new Object();

  /** The direct path: {@link DirectPath} holds its method handles. */
  private static final Object DIRECT = new Object();

  private static long nextAttemptNanos;

  /** Read once by {@link DirectPath}'s initializer, which runs under the lock of resolve. */
  @Nullable private static DirectPath.Handles found;

  /**
   * Returns {@code withValues} (an application context holding {@code values}) extended so that the
   * agent-side processor sees {@code values} too, when running under the javaagent with the
   * OpenInference extension.
   */
  public static Context bridge(Context withValues, ContextValues values) {
    Object t = target;
    if (t == ABSENT) {
      return withValues;
    }
    if (t == null) {
      t = resolve();
      if (t == null) {
        return withValues;
      }
    }
    if (t == DIRECT) {
      return DirectPath.bridge(withValues, values);
    }
    return ((SlowPath) t).bridge(withValues, values);
  }

  /**
   * Hands the values over through the thread's current context; uses the public API alone. Costs
   * two attach and detach pairs more than the direct path.
   */
  private static final class SlowPath {
    /** The agent-side {@code attachAgentSide}. */
    private final MethodHandle attach;

    SlowPath(MethodHandle attach) {
      this.attach = attach;
    }

    Context bridge(Context withValues, ContextValues values) {
      // Make the application context current, so the agent's current context holds it; stack the
      // agent-side copy of the values on top; read back the application view of that, which now
      // carries both; then unwind in order.
      try (Scope application = withValues.makeCurrent()) {
        AutoCloseable agent = (AutoCloseable) attach.invokeExact(transport(values));
        try {
          return Context.current();
        } finally {
          agent.close();
        }
      } catch (Throwable t) {
        warn(t);
        return withValues;
      }
    }
  }

  /**
   * Hands the values over without making anything current. The agent wraps each application {@code
   * Context} in a class whose package also holds {@code AgentContextStorage}, with public static
   * {@code getAgentContext} and {@code newContextWrapper}: read the agent {@code Context} inside
   * the wrapper, add the agent-side values to it, and wrap the result with the same application
   * side. The handles are constants here, so the JIT inlines the three calls.
   */
  private static final class DirectPath {

    /** What {@code findDirectPath} looked up, before it becomes this class's constants. */
    static final class Handles {
      final SlowPath slow;
      final Class<?> wrapperClass;
      final MethodHandle toAgent;
      final MethodHandle storeAgentSide;
      final MethodHandle toApplication;

      Handles(
          SlowPath slow,
          Class<?> wrapperClass,
          MethodHandle toAgent,
          MethodHandle storeAgentSide,
          MethodHandle toApplication) {
        this.slow = slow;
        this.wrapperClass = wrapperClass;
        this.toAgent = toAgent;
        this.storeAgentSide = storeAgentSide;
        this.toApplication = toApplication;
      }
    }

    private static final SlowPath SLOW = found.slow;
    private static final Class<?> WRAPPER = found.wrapperClass;

    /** {@code (Context application) -> Object agent}. */
    private static final MethodHandle TO_AGENT = found.toAgent;

    /** {@code (Object agent, IntFunction fields) -> Object agent}: our agent-side copy. */
    private static final MethodHandle STORE_AGENT_SIDE = found.storeAgentSide;

    /** {@code (Object agent, Context application) -> Context application}. */
    private static final MethodHandle TO_APPLICATION = found.toApplication;

    static Context bridge(Context withValues, ContextValues values) {
      if (withValues.getClass() != WRAPPER) {
        // A Context implementation of the application's own holds no agent context to extend.
        return SLOW.bridge(withValues, values);
      }
      try {
        Object agentContext = (Object) TO_AGENT.invokeExact(withValues);
        // The values themselves cross: they read as JDK types through IntFunction.
        agentContext = (Object) STORE_AGENT_SIDE.invokeExact(agentContext, (IntFunction<?>) values);
        return (Context) TO_APPLICATION.invokeExact(agentContext, withValues);
      } catch (Throwable t) {
        warn(t);
        return withValues;
      }
    }

    private DirectPath() {}
  }

  /**
   * Returns the handles of the direct path, or null when the agent does not look as expected: they
   * are agent internals, so anything unexpected leaves the slow path.
   */
  @Nullable
  private static DirectPath.Handles findDirectPath(SlowPath slow, Class<?> agentSide) {
    try {
      Class<?> wrapperClass = Context.root().getClass();
      String name = wrapperClass.getName();
      Class<?> storage =
          Class.forName(
              name.substring(0, name.lastIndexOf('.') + 1) + AGENT_CONTEXT_STORAGE,
              false,
              wrapperClass.getClassLoader());
      Method getAgentContext = storage.getMethod("getAgentContext", Context.class);
      Method newContextWrapper =
          storage.getMethod("newContextWrapper", getAgentContext.getReturnType(), Context.class);
      if (!Modifier.isStatic(getAgentContext.getModifiers())
          || !Modifier.isStatic(newContextWrapper.getModifiers())
          || newContextWrapper.getReturnType() != Context.class) {
        return null;
      }
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodHandle toAgent =
          lookup
              .unreflect(getAgentContext)
              .asType(MethodType.methodType(Object.class, Context.class));
      MethodHandle toApplication =
          lookup
              .unreflect(newContextWrapper)
              .asType(MethodType.methodType(Context.class, Object.class, Context.class));
      MethodHandle storeAgentSide =
          lookup.findStatic(
              agentSide,
              "storeAgentSide",
              MethodType.methodType(Object.class, Object.class, IntFunction.class));
      // A round trip of the root must give back the agent's wrapper.
      Context root = Context.root();
      Object agentRoot = (Object) toAgent.invokeExact(root);
      Context back = (Context) toApplication.invokeExact(agentRoot, root);
      if (back == null || back.getClass() != wrapperClass) {
        return null;
      }
      return new DirectPath.Handles(slow, wrapperClass, toAgent, storeAgentSide, toApplication);
    } catch (Throwable e) {
      logger.log(Level.FINE, "OpenInference javaagent bridge: no direct path: {0}", e);
      return null;
    }
  }

  private static void warn(Throwable t) {
    rateLimitedLogger.warning(
        "Could not hand OpenInference values to the javaagent; spans the agent creates may miss"
            + " them: "
            + t,
        t);
  }

  private static Object[] transport(ContextValues values) {
    // Only JDK types cross between the application's and the agent's copy of these classes.
    return new Object[] {
      values.getSessionId(),
      values.getUserId(),
      values.getMetadataMembers(),
      values.getTags(),
      values.getPromptTemplate(),
      values.getPromptTemplateVersion(),
      values.getPromptTemplateVariablesMembers()
    };
  }

  /**
   * Called reflectively on the agent's copy of this class: stores the values in the agent's current
   * context and returns the scope to close.
   */
  // MustBeClosedChecker: the scope is the return value, the agent-side caller closes it.
  @SuppressWarnings("MustBeClosedChecker")
  public static AutoCloseable attachAgentSide(Object[] fields) {
    Context current = Context.current();
    return storeAgentSide(current, fields).makeCurrent();
  }

  /**
   * Called reflectively on the agent's copy of this class: returns {@code agentContext} (an agent
   * {@code Context}) with the values merged over the agent-side ones in it.
   */
  public static Object storeAgentSide(Object agentContext, IntFunction<?> fields) {
    return storeAgentSide((Context) agentContext, fields);
  }

  private static Context storeAgentSide(Context agentContext, Object[] fields) {
    return storeAgentSide(agentContext, i -> fields[i]);
  }

  @SuppressWarnings("unchecked")
  private static Context storeAgentSide(Context agentContext, IntFunction<?> fields) {
    // The maps and the list are the application side's own, immutable once built: shared, not
    // copied.
    ContextValues values =
        ContextValues.of(
            (String) fields.apply(0),
            (String) fields.apply(1),
            (Map<String, String>) fields.apply(2),
            (List<String>) fields.apply(3),
            (String) fields.apply(4),
            (String) fields.apply(5),
            (Map<String, String>) fields.apply(6));
    // The application side merged everything it can see. Merging once more over the agent side
    // only adds what the application cannot see: values the agent-side propagator extracted
    // from the inbound request.
    return agentContext.with(
        ContextValues.KEY, ContextValues.merge(agentContext.get(ContextValues.KEY), values));
  }

  @Nullable
  private static synchronized Object resolve() {
    Object t = target;
    if (t != null) {
      return t == ABSENT ? null : t;
    }
    long now = System.nanoTime();
    if (nextAttemptNanos != 0 && now - nextAttemptNanos < 0) {
      return null;
    }
    nextAttemptNanos = now + RETRY_NANOS;
    try {
      if (Context.class.getName().startsWith("io.opentelemetry.javaagent.")) {
        // We are the agent-side copy: nothing to bridge to.
        return absent("running inside the javaagent");
      }
      Class<?> initializer;
      try {
        initializer = Class.forName(AGENT_INITIALIZER, false, null);
      } catch (ClassNotFoundException e) {
        return absent("no OpenTelemetry javaagent");
      }
      ClassLoader extensions =
          (ClassLoader) initializer.getMethod("getExtensionsClassLoader").invoke(null);
      if (extensions == null) {
        // The agent has not finished starting (it may delay itself); try again later.
        return null;
      }
      Class<?> agentSide;
      try {
        agentSide = Class.forName(JavaagentBridge.class.getName(), true, extensions);
      } catch (ClassNotFoundException e) {
        return absent("the javaagent runs without the OpenInference extension");
      }
      if (agentSide == JavaagentBridge.class) {
        return absent("the extension shares this class loader");
      }
      MethodHandle attach =
          MethodHandles.publicLookup()
              .findStatic(
                  agentSide,
                  "attachAgentSide",
                  MethodType.methodType(AutoCloseable.class, Object[].class));
      SlowPath slow = new SlowPath(attach);
      DirectPath.Handles handles = findDirectPath(slow, agentSide);
      Object resolved = slow;
      if (handles != null) {
        found = handles;
        try {
          // Initializes DirectPath from found; nothing else touches DirectPath before this.
          Class.forName(DirectPath.class.getName(), true, JavaagentBridge.class.getClassLoader());
          resolved = DIRECT;
        } catch (Throwable e) {
          logger.log(Level.FINE, "OpenInference javaagent bridge: no direct path: {0}", e);
        } finally {
          found = null;
        }
      }
      logger.log(
          Level.FINE,
          "OpenInference values are bridged to the OpenTelemetry javaagent ({0})",
          resolved == DIRECT ? "directly" : "through the current context");
      target = resolved;
      return resolved;
    } catch (Throwable e) {
      logger.log(
          Level.WARNING,
          "Could not connect OpenInference to the OpenTelemetry javaagent; spans the agent creates will miss OpenInference values",
          e);
      return absent(e.toString());
    }
  }

  @Nullable
  private static Object absent(String why) {
    logger.log(Level.FINE, "OpenInference javaagent bridge off: {0}", why);
    target = ABSENT;
    return null;
  }

  private JavaagentBridge() {}
}
