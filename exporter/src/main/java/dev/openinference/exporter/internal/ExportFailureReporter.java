/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Says clearly, naming the endpoint, when spans could not be exported: the first failure of an
 * exporter at once, later ones as a count at most once a minute, and a success after failures as
 * such. The OTLP exporters' own messages name no endpoint, and on the shutdown-hook path (an app
 * that just exits) {@code java.util.logging} may already be closed by its own hook, so there the
 * report goes to {@code System.err}, where the user still sees it.
 *
 * <p>An exporter of the OpenTelemetry javaagent reports each failure itself, through the agent's
 * logger (throttled, for every signal it exports); there this reporter stays quiet, so a dead
 * endpoint is reported once.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class ExportFailureReporter {

  /** The logger every report goes to; an application can watch it for failed exports. */
  public static final String LOGGER_NAME = "dev.openinference.exporter.ExportFailures";

  private static final Logger logger = Logger.getLogger(LOGGER_NAME);
  private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Pattern ENDPOINT = Pattern.compile("endpoint=([^,}\\s]+)");

  /** The javaagent's class loader, which holds the exporters the agent builds. */
  private static final String AGENT_CLASS_LOADER =
      "io.opentelemetry.javaagent.bootstrap.AgentClassLoader";

  private final String target;
  private final boolean quiet;
  private final LongSupplier nanoTime;
  private final PrintStream stderr;
  private final Object lock = new Object();
  private boolean failing;
  private long lastReport;
  private long unreportedSpans;
  private long unreportedFailures;

  private ExportFailureReporter(
      String target, boolean quiet, LongSupplier nanoTime, PrintStream stderr) {
    this.target = target;
    this.quiet = quiet;
    this.nanoTime = nanoTime;
    this.stderr = stderr;
  }

  /** A reporter for the spans {@code delegate} sends. */
  public static ExportFailureReporter create(SpanExporter delegate) {
    return new ExportFailureReporter(
        describe(delegate), isAgentExporter(delegate), System::nanoTime, System.err);
  }

  static ExportFailureReporter create(
      SpanExporter delegate, LongSupplier nanoTime, PrintStream stderr) {
    return new ExportFailureReporter(
        describe(delegate), isAgentExporter(delegate), nanoTime, stderr);
  }

  /** Whether the javaagent built {@code delegate}, so that the agent reports its failures. */
  static boolean isAgentExporter(SpanExporter delegate) {
    ClassLoader loader = delegate.getClass().getClassLoader();
    return loader != null && AGENT_CLASS_LOADER.equals(loader.getClass().getName());
  }

  /** {@code endpoint (ExporterClass)} when the exporter says its endpoint, else its class. */
  static String describe(SpanExporter delegate) {
    String text;
    try {
      text = String.valueOf(delegate);
    } catch (RuntimeException e) {
      text = "";
    }
    Matcher matcher = ENDPOINT.matcher(text);
    String type = delegate.getClass().getSimpleName();
    return matcher.find() ? matcher.group(1) + " (" + type + ")" : type;
  }

  /** Watches {@code result} of exporting {@code spanCount} spans; returns it unchanged. */
  public CompletableResultCode watch(CompletableResultCode result, int spanCount) {
    if (!quiet) {
      result.whenComplete(() -> completed(result, spanCount));
    }
    return result;
  }

  private void completed(CompletableResultCode result, int spanCount) {
    try {
      if (result.isSuccess()) {
        recovered();
      } else {
        failed(spanCount, result.getFailureThrowable());
      }
    } catch (Throwable t) {
      // Reporting must never break the export thread.
    }
  }

  private void recovered() {
    long lostSpans;
    synchronized (lock) {
      if (!failing) {
        return;
      }
      failing = false;
      lostSpans = unreportedSpans;
      unreportedSpans = 0;
      unreportedFailures = 0;
    }
    report(
        Level.INFO,
        "Spans reach "
            + target
            + " again"
            + (lostSpans > 0 ? "; " + lostSpans + " more spans were lost before that." : "."));
  }

  private void failed(int spanCount, @Nullable Throwable cause) {
    String message;
    synchronized (lock) {
      long now = nanoTime.getAsLong();
      unreportedSpans += spanCount;
      unreportedFailures++;
      if (failing && now - lastReport < REPEAT_NANOS) {
        return;
      }
      message =
          (failing
                  ? "Still cannot export spans to "
                      + target
                      + ": "
                      + unreportedSpans
                      + " spans in "
                      + unreportedFailures
                      + " exports lost since the last report"
                  : "Could not export " + spanCount + " spans to " + target)
              + (cause != null ? " (" + cause + ")" : "")
              + ". Check that a collector listens there; the next report comes in a minute at the"
              + " earliest.";
      failing = true;
      lastReport = now;
      unreportedSpans = 0;
      unreportedFailures = 0;
    }
    report(Level.WARNING, message);
  }

  private void report(Level level, String message) {
    if (isShuttingDown()) {
      // java.util.logging's own shutdown hook may have closed its handlers already.
      stderr.println("[OpenInference] " + level + ": " + message);
    } else {
      logger.log(level, message);
    }
  }

  private static boolean isShuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    } catch (SecurityException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ExportFailureReporter{target=" + target + (quiet ? ", quiet" : "") + "}";
  }
}
