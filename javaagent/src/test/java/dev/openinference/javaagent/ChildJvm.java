/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java} child process started from the test JVM's own JDK, whose stdout and stderr are
 * collected line by line so the test can wait for markers and show everything on failure.
 */
final class ChildJvm implements AutoCloseable {

  /** Inherited variables that would change what the child's agent or app does. */
  private static final List<String> SCRUBBED_PREFIXES =
      List.of("OTEL_", "OPENINFERENCE_", "PHOENIX_");

  private static final List<String> SCRUBBED_VARIABLES =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH");

  private final List<String> command;
  private final Process process;
  private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
  private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
  private final BlockingQueue<String> unreadStdout = new LinkedBlockingQueue<>();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private ChildJvm(List<String> command, Process process) {
    this.command = command;
    this.process = process;
    this.stdoutReader = reader(process.getInputStream(), stdout, unreadStdout, "stdout");
    this.stderrReader = reader(process.getErrorStream(), stderr, null, "stderr");
  }

  /**
   * Starts {@code java <jvmArgs> -cp <classPath> <mainClass> <args>} with the test's environment
   * minus OTel, OpenInference and JVM option variables, plus {@code environment}.
   */
  static ChildJvm start(
      List<String> jvmArgs,
      Map<String, String> environment,
      String classPath,
      String mainClass,
      List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name ->
                SCRUBBED_VARIABLES.contains(name)
                    || SCRUBBED_PREFIXES.stream().anyMatch(name::startsWith));
    env.putAll(environment);
    try {
      return new ChildJvm(command, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + command, e);
    }
  }

  private static Thread reader(
      InputStream stream, List<String> lines, BlockingQueue<String> unread, String name) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                  if (unread != null) {
                    unread.add(line);
                  }
                }
              } catch (IOException e) {
                lines.add("<" + name + " unreadable: " + e + ">");
              }
            },
            "child-jvm-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Waits for the next stdout line that starts with {@code prefix} and returns it.
   *
   * @throws AssertionError if the child exits or {@code timeout} passes first
   */
  String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("No stdout line starting with '" + prefix + "' within " + timeout);
      }
      String line =
          unreadStdout.poll(
              Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      if (line != null) {
        if (line.startsWith(prefix)) {
          return line;
        }
      } else if (!process.isAlive() && unreadStdout.isEmpty() && !stdoutReader.isAlive()) {
        throw new AssertionError(
            "The child exited with " + process.exitValue() + " before printing '" + prefix + "'");
      }
    }
  }

  /** Writes one line to the child's stdin. */
  void writeLine(String line) throws IOException {
    Writer stdin = new OutputStreamWriter(process.getOutputStream(), UTF_8);
    stdin.write(line);
    stdin.write(System.lineSeparator());
    stdin.flush();
  }

  /**
   * Waits for the child to exit and for its output to be read, and returns its exit code.
   *
   * @throws AssertionError if it is still running after {@code timeout}; it is killed then
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("The child did not exit within " + timeout + "; killed it");
    }
    stdoutReader.join(TimeUnit.SECONDS.toMillis(10));
    stderrReader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** The stdout lines read so far. */
  List<String> getStdout() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  /** The stderr lines read so far. */
  List<String> getStderr() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  /** The command line and everything the child printed so far, for failure messages. */
  String describe() {
    return "child JVM: "
        + String.join(" ", command)
        + "\n--- stdout ---\n"
        + String.join("\n", getStdout())
        + "\n--- stderr ---\n"
        + String.join("\n", getStderr())
        + "\n--------------";
  }

  /** Kills the child if it is still running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "ChildJvm{pid=" + process.pid() + ", alive=" + process.isAlive() + "}";
  }
}
