/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A REST client back into the test application. */
@RegisterRestClient(configKey = "leaf")
@Path("/hops/leaf")
public interface LeafClient {

  /** A blocking call. */
  @GET
  String leaf();

  /** A reactive call. */
  @GET
  Uni<String> leafAsync();
}
