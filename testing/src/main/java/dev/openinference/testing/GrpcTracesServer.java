/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The OTLP/gRPC endpoint: grpc-java's server on its shaded Netty, plaintext HTTP/2 (h2c with prior
 * knowledge, which is what the OTel OkHttp gRPC sender speaks to an {@code http://} endpoint).
 *
 * <p>The service is defined by hand with a protobuf marshaller, so neither generated stubs nor
 * {@code grpc-protobuf}/{@code grpc-stub} are needed. grpc-java decompresses {@code grpc-encoding:
 * gzip} messages itself.
 */
final class GrpcTracesServer {

  private static final Logger logger = Logger.getLogger(GrpcTracesServer.class.getName());

  static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

  static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT =
      MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Export"))
          .setRequestMarshaller(new ProtoMarshaller<>(ExportTraceServiceRequest.parser()))
          .setResponseMarshaller(new ProtoMarshaller<>(ExportTraceServiceResponse.parser()))
          .build();

  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final Server server;
  private final int port;

  private GrpcTracesServer(Server server) {
    this.server = server;
    // Kept: the server stops answering getPort() once terminated.
    this.port = server.getPort();
  }

  static GrpcTracesServer start(
      InetAddress address, int port, ReceiverState state, Executor executor) throws IOException {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(EXPORT, new ExportHandler(state))
            .build();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
            .executor(executor)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .addService(service)
            .build()
            .start();
    return new GrpcTracesServer(server);
  }

  int getPort() {
    return port;
  }

  void stop() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "GrpcTracesServer{port=" + getPort() + "}";
  }

  /** A unary {@code Export} call, without grpc-stub's helpers. */
  private static final class ExportHandler
      implements ServerCallHandler<ExportTraceServiceRequest, ExportTraceServiceResponse> {

    private final ReceiverState state;

    ExportHandler(ReceiverState state) {
      this.state = state;
    }

    @Override
    public ServerCall.Listener<ExportTraceServiceRequest> startCall(
        ServerCall<ExportTraceServiceRequest, ExportTraceServiceResponse> call, Metadata headers) {
      long receivedNanos = System.currentTimeMillis() * 1_000_000L;
      // Ask for two so that a client streaming more than one message is caught.
      call.request(2);
      return new ServerCall.Listener<ExportTraceServiceRequest>() {
        @Nullable private ExportTraceServiceRequest request;
        private boolean failed;

        @Override
        public void onMessage(ExportTraceServiceRequest message) {
          if (request != null) {
            failed = true;
            call.close(
                Status.INTERNAL.withDescription("Too many requests for a unary call"),
                new Metadata());
            return;
          }
          request = message;
        }

        @Override
        public void onHalfClose() {
          if (failed) {
            return;
          }
          if (request == null) {
            call.close(
                Status.INTERNAL.withDescription("Half-closed without a request"), new Metadata());
            return;
          }
          try {
            answer(call, headers, request, receivedNanos);
          } catch (RuntimeException e) {
            // The call was cancelled, or the receiver is closing.
            logger.log(Level.FINE, "OTLP/gRPC call failed", e);
          }
        }
      };
    }

    private void answer(
        ServerCall<ExportTraceServiceRequest, ExportTraceServiceResponse> call,
        Metadata headers,
        ExportTraceServiceRequest request,
        long receivedNanos) {
      if (!state.awaitResponseDelay()) {
        return;
      }
      int failure = state.takeFailure();
      Status status =
          failure == 0
              ? Status.OK
              : Status.fromCode(HttpStatusMapping.grpcCode(failure))
                  .withDescription("Failure injected by OtlpReceiver.failNext: HTTP " + failure);
      List<SpanData> spans =
          status.isOk() ? OtlpSpanDecoder.spans(request) : Collections.<SpanData>emptyList();
      state.record(
          new ReceivedRequest(
              ReceivedRequest.Transport.GRPC,
              "/" + call.getMethodDescriptor().getFullMethodName(),
              headers(headers),
              first(headers, "content-type"),
              first(headers, "grpc-encoding"),
              request.getSerializedSize(),
              OtlpSpanDecoder.spanCount(request),
              OtlpSpanDecoder.resources(request),
              status.isOk(),
              status.getCode().name(),
              receivedNanos),
          spans);
      if (status.isOk()) {
        call.sendHeaders(new Metadata());
        call.sendMessage(ExportTraceServiceResponse.getDefaultInstance());
      }
      call.close(status, new Metadata());
    }

    @Nullable
    private static String first(Metadata headers, String name) {
      String value = headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
      return value;
    }

    private static Map<String, List<String>> headers(Metadata metadata) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String name : metadata.keys()) {
        List<String> values = new ArrayList<>();
        if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          Iterable<byte[]> all =
              metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
          if (all != null) {
            for (byte[] value : all) {
              values.add(Base64.getEncoder().encodeToString(value));
            }
          }
        } else {
          Iterable<String> all =
              metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
          if (all != null) {
            for (String value : all) {
              values.add(value);
            }
          }
        }
        headers.put(name, values);
      }
      return headers;
    }
  }

  /** Protobuf (de)serialisation for a gRPC method, what grpc-protobuf would otherwise provide. */
  private static final class ProtoMarshaller<T extends MessageLite>
      implements MethodDescriptor.Marshaller<T> {

    private final Parser<T> parser;

    ProtoMarshaller(Parser<T> parser) {
      this.parser = parser;
    }

    @Override
    public InputStream stream(T value) {
      return new ByteArrayInputStream(value.toByteArray());
    }

    @Override
    public T parse(InputStream stream) {
      try {
        return parser.parseFrom(stream);
      } catch (InvalidProtocolBufferException e) {
        throw Status.INTERNAL
            .withDescription("Invalid protobuf message: " + e.getMessage())
            .withCause(e)
            .asRuntimeException();
      }
    }
  }
}
