/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import com.google.protobuf.CodedOutputStream;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Maps the HTTP statuses of {@link OtlpReceiver#failNext(int, int)} to gRPC status codes. */
final class HttpStatusMapping {

  private HttpStatusMapping() {}

  static Status.Code grpcCode(int httpStatus) {
    switch (httpStatus) {
      case 200:
        return Status.Code.OK;
      case 400:
        return Status.Code.INVALID_ARGUMENT;
      case 401:
        return Status.Code.UNAUTHENTICATED;
      case 403:
        return Status.Code.PERMISSION_DENIED;
      case 404:
        return Status.Code.NOT_FOUND;
      case 409:
        return Status.Code.ABORTED;
      case 413:
        return Status.Code.RESOURCE_EXHAUSTED;
      case 499:
        return Status.Code.CANCELLED;
      case 500:
        return Status.Code.INTERNAL;
      case 501:
        return Status.Code.UNIMPLEMENTED;
      case 429:
      case 502:
      case 503:
      case 504:
        // What OTLP calls retryable over HTTP is retryable over gRPC too.
        return Status.Code.UNAVAILABLE;
      default:
        return Status.Code.UNKNOWN;
    }
  }

  /**
   * A {@code google.rpc.Status} message, the body OTLP/HTTP servers answer errors with. Encoded by
   * hand: field 1 {@code int32 code}, field 2 {@code string message}.
   */
  static byte[] rpcStatus(int httpStatus, String message) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeInt32(1, grpcCode(httpStatus).value());
      out.writeString(2, message);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
