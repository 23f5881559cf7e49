/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import dev.openinference.context.OpenInference;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Endpoints that open an OpenInference scope and then hop threads the ways Quarkus does. */
@Path("/hops")
public class HopsResource {

  @Inject Tracer tracer;

  @Inject @RestClient LeafClient leafClient;

  /**
   * Runs on the Vert.x event loop; the pipeline it returns continues on a worker thread (Mutiny
   * {@code emitOn}) and then calls the reactive REST client, after the scope has closed.
   */
  @GET
  @Path("/event-loop")
  @NonBlocking
  public Uni<String> eventLoop(@QueryParam("session") String session) {
    try (Scope scope = OpenInference.usingSession(session)) {
      span("on-event-loop");
      return Uni.createFrom()
          .item("ok")
          .emitOn(Infrastructure.getDefaultWorkerPool())
          .map(
              item -> {
                span("after-emit-on");
                return item;
              })
          .onItem()
          .transformToUni(item -> leafClient.leafAsync());
    }
  }

  /** Runs on a worker thread and calls the blocking REST client inside the scope. */
  @GET
  @Path("/blocking")
  @Blocking
  public String blocking(@QueryParam("session") String session) {
    try (Scope scope = OpenInference.usingSession(session)) {
      span("on-worker");
      return leafClient.leaf();
    }
  }

  /** The target of the REST client calls. */
  @GET
  @Path("/leaf")
  public String leaf() {
    return "leaf";
  }

  private void span(String name) {
    tracer.spanBuilder(name).startSpan().end();
  }
}
