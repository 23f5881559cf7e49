/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai;

import dev.openinference.instrumentation.springai.internal.ObservationWriters;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * A Micrometer {@link ObservationHandler} that writes OpenInference attributes onto the spans of
 * Spring AI's observations: chat model calls ({@code LLM}: messages, tools, invocation parameters,
 * model, provider, token counts), {@code ChatClient} calls ({@code CHAIN}: the question and the
 * answer), advisors ({@code CHAIN}), tool executions ({@code TOOL}) and embedding calls ({@code
 * EMBEDDING}).
 *
 * <p>In a Spring Boot application nothing needs to be done: {@link
 * OpenInferenceSpringAiAutoConfiguration} registers it. Elsewhere, register it after the tracing
 * handler, because it writes onto the span that handler opens:
 *
 * <pre>{@code
 * registry.observationConfig()
 *     .observationHandler(new DefaultTracingObservationHandler(tracer))
 *     .observationHandler(OpenInferenceObservationHandler.create());
 * }</pre>
 *
 * <p>It only writes attributes; masking ({@code OPENINFERENCE_HIDE_*}) happens at export in {@code
 * OpenInferenceSpanExporter}, which knows these keys. Nothing it does throws into the application:
 * a failure is logged (rate-limited) and the span is exported with what was written.
 */
public final class OpenInferenceObservationHandler
    implements ObservationHandler<Observation.Context> {

  private final ObservationWriters writers;

  private OpenInferenceObservationHandler(ObservationWriters writers) {
    this.writers = writers;
  }

  /**
   * Returns a handler for the Spring AI observation types on this class's class path.
   *
   * @return a new handler, never null; register it on the {@code ObservationRegistry}
   */
  public static OpenInferenceObservationHandler create() {
    return new OpenInferenceObservationHandler(
        ObservationWriters.create(OpenInferenceObservationHandler.class.getClassLoader()));
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return writers.supports(context);
  }

  @Override
  public void onStart(Observation.Context context) {
    writers.onStart(context);
  }

  @Override
  public void onStop(Observation.Context context) {
    writers.onStop(context);
  }

  @Override
  public String toString() {
    return "OpenInferenceObservationHandler{" + writers + "}";
  }
}
