/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openinference.context.OpenInference;
import dev.openinference.semconv.SemanticConventions;
import dev.openinference.testing.OtlpReceiver;
import dev.openinference.testing.SessionView;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.context.Context;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Example 4, the drop-in: {@link JavaagentChatApp}, an application with no OpenTelemetry SDK and no
 * OpenInference code but its scope block, run under the OpenTelemetry javaagent with the
 * OpenInference extension jar ({@code -Dotel.javaagent.extensions}). This class is not run under
 * the agent: it starts the receiver the agent exports to and the knowledge service the app calls,
 * runs the app in a JVM of its own with
 *
 * <pre>
 * java -javaagent:opentelemetry-javaagent.jar
 *      -Dotel.javaagent.extensions=openinference-javaagent-extension.jar
 *      -Dotel.exporter.otlp.traces.endpoint=http://127.0.0.1:PORT/v1/traces ...
 *      -cp opentelemetry-api, -context, -common, openinference-context, -semconv, the app
 *      dev.openinference.examples.JavaagentChatApp
 * </pre>
 *
 * and prints the session view of what arrived.
 *
 * <p>One command builds the extension in the reactor, fetches the agent (2.33.1) from Maven Central
 * and runs it:
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo,javaagent-demo -pl examples -am verify
 * </pre>
 *
 * <p>Outside Maven: {@code -Dopeninference.examples.javaagent=<agent jar>
 * -Dopeninference.examples.extension=<extension jar>}.
 */
public final class JavaagentDemo {

  static final String AGENT_PROPERTY = "openinference.examples.javaagent";
  static final String EXTENSION_PROPERTY = "openinference.examples.extension";

  public static void main(String[] args) {
    ExampleLogging.configure();
    boolean quiet = List.of(args).contains("--quiet");
    String agent = System.getProperty(AGENT_PROPERTY);
    String extension = System.getProperty(EXTENSION_PROPERTY);
    if (agent == null || extension == null) {
      System.out.println(
          "Needs -D"
              + AGENT_PROPERTY
              + "=<opentelemetry-javaagent.jar> and -D"
              + EXTENSION_PROPERTY
              + "=<openinference-javaagent-extension.jar>; or run"
              + " mvn -B -ntp -q -Pdemo,javaagent-demo -pl examples -am verify");
      return;
    }
    SessionView view =
        run(quiet ? Examples.nowhere() : System.out, Path.of(agent), Path.of(extension));
    if (quiet) {
      System.out.println(Examples.checkLine(view));
    }
  }

  /** Runs the app under {@code agent} with {@code extension}; returns what the receiver got. */
  static SessionView run(PrintStream out, Path agent, Path extension) {
    for (Path jar : List.of(agent, extension)) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("no such jar: " + jar);
      }
    }
    Examples.disableNagleInJdkHttpServer();
    try (OtlpReceiver receiver = OtlpReceiver.create();
        KnowledgeService knowledge = KnowledgeService.start()) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-javaagent:" + agent.toAbsolutePath());
      command.add("-Dotel.javaagent.extensions=" + extension.toAbsolutePath());
      command.add("-Dotel.service.name=javaagent-chatbot");
      command.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.getHttpTracesEndpoint());
      command.add("-Dotel.exporter.otlp.traces.protocol=http/protobuf");
      command.add("-Dotel.metrics.exporter=none");
      command.add("-Dotel.logs.exporter=none");
      command.add("-cp");
      command.add(appClassPath());
      command.add(JavaagentChatApp.class.getName());
      command.add(knowledge.uri().toString());
      out.println("Running the app under the OpenTelemetry javaagent:");
      out.println("  -javaagent:" + agent);
      out.println("  -Dotel.javaagent.extensions=" + extension);
      out.println("  exporting to " + receiver.getHttpTracesEndpoint());

      ProcessBuilder builder = new ProcessBuilder(command);
      // The app and agent read no OTEL_* or PHOENIX_* variable of this shell: they go to the
      // receiver, and the example shows no more than the scopes in the code give.
      builder
          .environment()
          .keySet()
          .removeIf(n -> n.startsWith("OTEL_") || n.startsWith("PHOENIX_"));
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> errors = readAsync(process.getErrorStream());
      try (InputStream appOut = process.getInputStream()) {
        appOut.transferTo(out);
      }
      boolean exited = process.waitFor(120, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
      }
      String stderr = errors.join();
      if (!exited || process.exitValue() != 0 || Boolean.getBoolean("demo.verbose")) {
        out.println(stderr);
      }
      if (!exited || process.exitValue() != 0) {
        throw new IllegalStateException(
            "the app under the agent " + (exited ? "exited with " + process.exitValue() : "hung"));
      }
      // The agent flushes its spans when the app's JVM shuts down.
      SessionView view = SessionView.from(receiver.getSpans());
      out.println();
      out.println(view.render());
      return view;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The app's class path: the OTel API, the context API of OpenInference and the examples' own
   * classes; wherever they are (jars in ~/.m2, the reactor's target/classes).
   */
  static String appClassPath() {
    return List.of(
            OpenTelemetry.class, // opentelemetry-api
            Context.class, // opentelemetry-context
            ComponentLoader.class, // opentelemetry-common
            OpenInference.class, // openinference-context
            SemanticConventions.class, // openinference-semconv
            JavaagentChatApp.class)
        .stream()
        .map(JavaagentDemo::location)
        .distinct()
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
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

  /**
   * The services the app calls, not traced themselves: {@code GET /search?q=...} (help-center
   * articles) and {@code GET /account?user_id=...} (the customer's plan).
   */
  static final class KnowledgeService implements AutoCloseable {

    private static final Map<String, String> PLANS = Map.of("bob", "Free", "alice", "Team");

    private final HttpServer server;
    private final KnowledgeBase knowledgeBase = KnowledgeBase.create();

    private KnowledgeService(HttpServer server) {
      this.server = server;
    }

    static KnowledgeService start() throws IOException {
      HttpServer server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
      KnowledgeService service = new KnowledgeService(server);
      server.createContext("/search", service::search);
      server.createContext("/account", service::account);
      server.start();
      return service;
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void search(HttpExchange exchange) throws IOException {
      String question = parameter(exchange, "q");
      respond(
          exchange,
          knowledgeBase.search(question, 2).stream()
              .map(hit -> hit.article().promptLine())
              .collect(Collectors.joining("\n")));
    }

    private void account(HttpExchange exchange) throws IOException {
      String userId = parameter(exchange, "user_id");
      String plan = PLANS.getOrDefault(userId, "unknown");
      respond(exchange, Json.object(Map.of("user_id", userId, "plan", plan)));
    }

    private static String parameter(HttpExchange exchange, String name) {
      String query = exchange.getRequestURI().getRawQuery();
      String prefix = name + "=";
      return query != null && query.startsWith(prefix)
          ? URLDecoder.decode(query.substring(prefix.length()), StandardCharsets.UTF_8)
          : "";
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream responseBody = exchange.getResponseBody()) {
        responseBody.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }

    @Override
    public String toString() {
      return "KnowledgeService{" + uri() + "}";
    }
  }

  private JavaagentDemo() {}
}
