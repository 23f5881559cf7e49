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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Makes OpenInference values visible to the span processor when it runs inside the OTel javaagent.
 *
 * <p>The agent bridges only a few context keys (span, baggage) between the application's {@code
 * Context} and its own shaded one; a value under our key stays on the application side, out of
 * reach of the processor that the OpenInference javaagent extension installs. The extension jar
 * bundles a copy of this module, which the agent loads with its own {@code Context}: there, our
 * key is an agent-side key. So whenever the application stores values, this class hands a plain-JDK
 * copy of them to that agent-side copy, which stores them in the agent's context too; the result
 * is one application {@code Context} that carries both.
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
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Null until resolved; then {@link #ABSENT} or the agent-side {@code attachAgentSide}. */
  @Nullable private static volatile Object target;

  private static final Object ABSENT = new Object();
  private static long nextAttemptNanos;

  /**
   * Returns {@code withValues} (an application context holding {@code values}) extended so that
   * the agent-side processor sees {@code values} too, when running under the javaagent with the
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
    return bridge(withValues, values, (MethodHandle) t);
  }

  private static Context bridge(Context withValues, ContextValues values, MethodHandle attach) {
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
      rateLimitedLogger.warning(
          "Could not hand OpenInference values to the javaagent; spans the agent creates may"
              + " miss them: "
              + t,
          t);
      return withValues;
    }
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
   * Called reflectively on the agent's copy of this class: stores the values in the agent's
   * current context and returns the scope to close.
   */
  // MustBeClosedChecker: the scope is the return value, the agent-side caller closes it.
  @SuppressWarnings({"unchecked", "MustBeClosedChecker"})
  public static AutoCloseable attachAgentSide(Object[] fields) {
    ContextValues values =
        ContextValues.of(
            (String) fields[0],
            (String) fields[1],
            copy((Map<String, String>) fields[2]),
            fields[3] == null ? null : new ArrayList<>((List<String>) fields[3]),
            (String) fields[4],
            (String) fields[5],
            copy((Map<String, String>) fields[6]));
    // The application side merged everything it can see. Merging once more over the agent side
    // only adds what the application cannot see: values the agent-side propagator extracted
    // from the inbound request.
    Context current = Context.current();
    return current
        .with(ContextValues.KEY, ContextValues.merge(current.get(ContextValues.KEY), values))
        .makeCurrent();
  }

  @Nullable
  private static Map<String, String> copy(@Nullable Map<String, String> members) {
    return members == null ? null : new LinkedHashMap<>(members);
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
      logger.log(Level.FINE, "OpenInference values are bridged to the OpenTelemetry javaagent");
      target = attach;
      return attach;
    } catch (Throwable e) {
      logger.log(Level.WARNING, "Could not connect OpenInference to the OpenTelemetry javaagent; spans the agent creates will miss OpenInference values", e);
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
