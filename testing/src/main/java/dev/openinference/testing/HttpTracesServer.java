/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;

/**
 * The OTLP/HTTP endpoint: the JDK's own HTTP/1.1 server, which is all OTLP/HTTP needs (the OTel
 * OkHttp and JDK HttpClient senders speak HTTP/1.1 to a plaintext endpoint, or fall back to it).
 */
final class HttpTracesServer implements HttpHandler {

  private static final Logger logger = Logger.getLogger(HttpTracesServer.class.getName());

  private static final String PROTOBUF = "application/x-protobuf";

  private final HttpServer server;
  private final ReceiverState state;
  private volatile int port;

  private HttpTracesServer(HttpServer server, ReceiverState state) {
    this.server = server;
    this.state = state;
  }

  static HttpTracesServer start(
      InetAddress address, int port, ReceiverState state, Executor executor) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    HttpTracesServer handler = new HttpTracesServer(server, state);
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
    handler.port = server.getAddress().getPort();
    return handler;
  }

  int getPort() {
    return port;
  }

  void stop() {
    server.stop(0);
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      receive(exchange);
    } catch (IOException | RuntimeException e) {
      // The client went away, or the receiver is closing; nothing to answer.
      logger.log(Level.FINE, "OTLP/HTTP exchange failed", e);
    } finally {
      exchange.close();
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    long receivedNanos = System.currentTimeMillis() * 1_000_000L;
    byte[] body = readAll(exchange.getRequestBody());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
      headers
          .computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .addAll(e.getValue());
    }
    String contentType = first(headers, "content-type");
    String contentEncoding = first(headers, "content-encoding");
    String path = exchange.getRequestURI().getPath();

    if (!state.awaitResponseDelay()) {
      return;
    }
    if (state.phoenixAnnotations && PhoenixAnnotationSchema.idField(path) != null) {
      PhoenixAnnotations.Answer answer =
          state.annotations.handle(path, exchange.getRequestMethod(), headers, body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status, answer.body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body);
      }
      return;
    }
    if (OtlpReceiver.LOGS_PATH.equals(path)
        && "POST".equals(exchange.getRequestMethod())
        && PROTOBUF.equals(mediaType(contentType))) {
      receiveLogs(exchange, body, contentEncoding);
      return;
    }

    int rejection = 0;
    String message = null;
    ExportTraceServiceRequest request = null;
    if (!OtlpReceiver.TRACES_PATH.equals(path)) {
      rejection = 404;
      message = "Not an OTLP traces path: " + path + " (expected " + OtlpReceiver.TRACES_PATH + ")";
    } else if (!"POST".equals(exchange.getRequestMethod())) {
      rejection = 405;
      message = "OTLP/HTTP takes POST, not " + exchange.getRequestMethod();
      exchange.getResponseHeaders().set("Allow", "POST");
    } else if (!PROTOBUF.equals(mediaType(contentType))) {
      rejection = 415;
      message =
          "application/json".equals(mediaType(contentType))
              ? "OTLP/JSON is not supported by this receiver; use http/protobuf"
              : "Unsupported Content-Type: " + contentType + " (expected " + PROTOBUF + ")";
    } else {
      byte[] payload = null;
      if (contentEncoding == null || "identity".equalsIgnoreCase(contentEncoding)) {
        payload = body;
      } else if ("gzip".equalsIgnoreCase(contentEncoding)) {
        try {
          payload = readAll(new GZIPInputStream(new ByteArrayInputStream(body)));
        } catch (IOException e) {
          rejection = 400;
          message = "Invalid gzip body: " + e.getMessage();
        }
      } else {
        rejection = 415;
        message = "Unsupported Content-Encoding: " + contentEncoding;
      }
      if (payload != null) {
        try {
          request = ExportTraceServiceRequest.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
          rejection = 400;
          message = "Invalid ExportTraceServiceRequest: " + e.getMessage();
        }
      }
    }

    int spanCount = 0;
    List<Resource> resources = Collections.emptyList();
    if (request != null) {
      spanCount = OtlpSpanDecoder.spanCount(request);
      resources = OtlpSpanDecoder.resources(request);
      int failure = state.takeFailure();
      if (failure != 0) {
        rejection = failure;
        message = "Failure injected by OtlpReceiver.failNext: " + failure;
      }
    }

    List<SpanData> spans =
        rejection == 0 && request != null
            ? OtlpSpanDecoder.spans(request)
            : Collections.<SpanData>emptyList();
    int status = rejection == 0 ? 200 : rejection;
    state.record(
        new ReceivedRequest(
            ReceivedRequest.Transport.HTTP,
            path,
            headers,
            contentType,
            contentEncoding,
            body.length,
            spanCount,
            resources,
            rejection == 0,
            Integer.toString(status),
            receivedNanos),
        spans);

    byte[] response =
        rejection == 0
            ? ExportTraceServiceResponse.getDefaultInstance().toByteArray()
            : HttpStatusMapping.rpcStatus(rejection, message);
    exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
    // -1: no body (0 would mean chunked).
    exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
    if (response.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  private void receiveLogs(HttpExchange exchange, byte[] body, @Nullable String contentEncoding)
      throws IOException {
    int status = 200;
    byte[] response = ExportLogsServiceResponse.getDefaultInstance().toByteArray();
    try {
      byte[] payload =
          "gzip".equalsIgnoreCase(contentEncoding)
              ? readAll(new GZIPInputStream(new ByteArrayInputStream(body)))
              : body;
      state.recordLogs(OtlpLogDecoder.records(ExportLogsServiceRequest.parseFrom(payload)));
    } catch (IOException e) {
      status = 400;
      response = HttpStatusMapping.rpcStatus(400, "Invalid ExportLogsServiceRequest: " + e);
    }
    exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
    exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
    if (response.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  @Nullable
  private static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  @Nullable
  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (InputStream input = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = input.read(buffer)) != -1) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  @Override
  public String toString() {
    return "HttpTracesServer{port=" + getPort() + "}";
  }
}
