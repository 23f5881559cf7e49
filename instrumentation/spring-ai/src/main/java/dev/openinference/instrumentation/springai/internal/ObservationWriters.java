/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import dev.openinference.context.internal.RateLimitedLogger;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The writers for the Spring AI observation contexts present on the class path, and the guard that
 * keeps a failure in any of them from reaching the application.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class ObservationWriters {

  private static final RateLimitedLogger logger =
      RateLimitedLogger.create(ObservationWriters.class);

  private static final String CHAT_CLIENT_CONTEXT =
      "org.springframework.ai.chat.client.observation.ChatClientObservationContext";

  private final List<ContextWriter> writers;

  private ObservationWriters(List<ContextWriter> writers) {
    this.writers = Collections.unmodifiableList(writers);
  }

  /** Returns the writers for what is on the class path of {@code classLoader}. */
  public static ObservationWriters create(@Nullable ClassLoader classLoader) {
    List<ContextWriter> writers = new ArrayList<>();
    writers.add(new ChatModelWriter());
    writers.add(new ToolCallWriter());
    writers.add(new EmbeddingWriter());
    if (isPresent(CHAT_CLIENT_CONTEXT, classLoader)) {
      writers.add(new ChatClientWriter());
      writers.add(new AdvisorWriter());
    }
    return new ObservationWriters(writers);
  }

  /** True when one of the writers handles {@code context}. */
  public boolean supports(@Nullable Observation.Context context) {
    return find(context) != null;
  }

  /** Writes what is known when the observation starts. Never throws. */
  public void onStart(Observation.Context context) {
    write(context, true);
  }

  /** Writes what is known when the observation stops. Never throws. */
  public void onStop(Observation.Context context) {
    write(context, false);
  }

  private void write(Observation.Context context, boolean start) {
    ContextWriter writer = null;
    try {
      writer = find(context);
      if (writer == null) {
        return;
      }
      SpanAttributes out = SpanAttributes.of(context);
      if (out == null) {
        return;
      }
      if (start) {
        writer.onStart(context, out);
      } else {
        writer.onStop(context, out);
      }
    } catch (RuntimeException | LinkageError e) {
      logger.warning(
          "OpenInference could not record the Spring AI observation "
              + RateLimitedLogger.describe(safeName(context))
              + " ("
              + writer
              + (start ? ", start" : ", stop")
              + "): "
              + e
              + "; the span is exported without the attributes not yet written");
    }
  }

  @Nullable
  private ContextWriter find(@Nullable Observation.Context context) {
    if (context == null) {
      return null;
    }
    for (ContextWriter writer : writers) {
      if (writer.supports(context)) {
        return writer;
      }
    }
    return null;
  }

  @Nullable
  private static String safeName(Observation.Context context) {
    try {
      return context.getName();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean isPresent(String className, @Nullable ClassLoader classLoader) {
    try {
      Class.forName(className, false, classLoader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ObservationWriters" + writers;
  }
}
