/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.quarkus;

import dev.openinference.context.OpenInference;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** The chat endpoint of the example application: one request is one turn of a session. */
@Path("/chat")
public class ChatResource {

  @Inject Assistant assistant;

  /** Answers {@code message} in the caller's session. */
  @POST
  public String chat(
      @HeaderParam("X-Session-Id") String session,
      @HeaderParam("X-User-Id") String user,
      String message) {
    try (Scope s = OpenInference.usingSession(session);
        Scope u = OpenInference.usingUser(user)) {
      return assistant.chat(message);
    }
  }
}
