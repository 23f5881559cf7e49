/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an example's {@code main} in a JVM of its own, as {@code java} would from the command line,
 * so that a test sees whether the process ends by itself (a server or pool left running keeps it
 * alive) and with what output.
 */
final class ForkedJava {

  /** How the process ended. */
  record Outcome(boolean exited, int exitCode, String stdout, String stderr) {

    /** Standard error without the JVM's own notes, such as "Picked up JAVA_TOOL_OPTIONS". */
    String stderrWithoutJvmNotes() {
      return stderr
          .lines()
          .filter(line -> !line.startsWith("Picked up "))
          .reduce("", (a, b) -> a + b + "\n");
    }
  }

  /**
   * Runs {@code mainClass} with the test class path and {@code args}; the environment is this one's
   * without any {@code OTEL_*} or {@code PHOENIX_*} variable, plus {@code environment}.
   */
  static Outcome run(
      Class<?> mainClass, Map<String, String> environment, Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The scopes an example opens must be closed in order, on the thread that opened them.
    command.add("-Dio.opentelemetry.context.enableStrictContext=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("OTEL_") || name.startsWith("PHOENIX_"));
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> stdout = readAsync(process.getInputStream());
      CompletableFuture<String> stderr = readAsync(process.getErrorStream());
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return new Outcome(exited, exited ? process.exitValue() : -1, stdout.join(), stderr.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(could not read: " + e + ")";
          }
        });
  }

  private ForkedJava() {}
}
