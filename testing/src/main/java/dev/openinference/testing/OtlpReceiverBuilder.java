/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

/** Builds and starts an {@link OtlpReceiver}. Get one with {@link OtlpReceiver#builder()}. */
public final class OtlpReceiverBuilder {

  private int httpPort;
  private int grpcPort;
  private boolean phoenixAnnotations = true;

  OtlpReceiverBuilder() {}

  /**
   * The port of the OTLP/HTTP endpoint on 127.0.0.1. Defaults to 0, an ephemeral port chosen by the
   * operating system.
   *
   * @throws IllegalArgumentException if the port is not in 0..65535
   */
  OtlpReceiverBuilder setHttpPort(int port) {
    this.httpPort = checkPort(port);
    return this;
  }

  /**
   * The port of the OTLP/gRPC endpoint on 127.0.0.1. Defaults to 0, an ephemeral port chosen by the
   * operating system.
   *
   * @throws IllegalArgumentException if the port is not in 0..65535
   */
  OtlpReceiverBuilder setGrpcPort(int port) {
    this.grpcPort = checkPort(port);
    return this;
  }

  /**
   * Starts the receiver: both endpoints listen when this returns.
   *
   * @return the running receiver; close it when done
   * @throws IllegalStateException if a server cannot start (for example, the port is taken)
   */
  public OtlpReceiver build() {
    return OtlpReceiver.start(httpPort, grpcPort, phoenixAnnotations);
  }

  /**
   * Whether the HTTP endpoint also answers Phoenix's annotation routes like a fake Phoenix (default
   * true); false makes it answer them 404 like a plain OTLP collector.
   *
   * @param phoenixAnnotations false to answer the annotation routes 404
   * @return this builder
   */
  public OtlpReceiverBuilder setPhoenixAnnotations(boolean phoenixAnnotations) {
    this.phoenixAnnotations = phoenixAnnotations;
    return this;
  }

  private static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    return port;
  }

  @Override
  public String toString() {
    return "OtlpReceiverBuilder{httpPort=" + httpPort + ", grpcPort=" + grpcPort + "}";
  }
}
