/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The loopback HTTP server, in the test JVM, that the child app calls with {@code
 * java.net.http.HttpClient}: it answers 200 and keeps the headers of every request, so the test can
 * see what the agent propagated.
 */
final class TargetServer implements AutoCloseable {

  private final HttpServer server;
  private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

  private TargetServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static TargetServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TargetServer target = new TargetServer(server);
    server.createContext(
        "/",
        exchange -> {
          Map<String, List<String>> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) ->
                      headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
          target.requestHeaders.add(headers);
          byte[] body = "ok".getBytes(UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return target;
  }

  /** The URL the child app should GET. */
  URI getUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/target");
  }

  /** The headers of each request received so far (names in lower case), in arrival order. */
  List<Map<String, List<String>>> getRequestHeaders() {
    return List.copyOf(requestHeaders);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  @Override
  public String toString() {
    return "TargetServer{uri=" + getUri() + ", requests=" + requestHeaders.size() + "}";
  }
}
