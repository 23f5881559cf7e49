/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai.internal;

import static dev.openinference.semconv.SemanticConventions.EMBEDDING_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.EMBEDDING_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;

import dev.openinference.semconv.EmbeddingKeys;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.semconv.SemanticConventions;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;

/**
 * An embedding call, kind {@code EMBEDDING}: the texts, the model and the invocation parameters at
 * start; the vectors (by their index in the request) and the response model at stop.
 */
final class EmbeddingWriter implements ContextWriter {

  @Override
  public boolean supports(Observation.Context context) {
    return context instanceof EmbeddingModelObservationContext;
  }

  @Override
  public void onStart(Observation.Context context, SpanAttributes out) {
    EmbeddingModelObservationContext embedding = (EmbeddingModelObservationContext) context;
    out.put(OPENINFERENCE_SPAN_KIND, OpenInferenceSpanKind.EMBEDDING.getValue());
    EmbeddingRequest request = embedding.getRequest();
    if (request == null) {
      return;
    }
    List<String> texts = request.getInstructions();
    if (texts != null) {
      for (int i = 0; i < texts.size(); i++) {
        out.put(SemanticConventions.embedding(i).text(), texts.get(i));
      }
    }
    EmbeddingOptions options = request.getOptions();
    if (options != null) {
      out.put(EMBEDDING_MODEL_NAME, ChatModelWriter.emptyToNull(options.getModel()));
      Map<String, Object> parameters = new LinkedHashMap<>();
      if (options.getModel() != null) {
        parameters.put("model", options.getModel());
      }
      if (options.getDimensions() != null) {
        parameters.put("dimensions", options.getDimensions());
      }
      out.put(EMBEDDING_INVOCATION_PARAMETERS, Json.encode(parameters));
    }
  }

  @Override
  public void onStop(Observation.Context context, SpanAttributes out) {
    EmbeddingResponse response = ((EmbeddingModelObservationContext) context).getResponse();
    if (response == null) {
      return;
    }
    List<Embedding> results = response.getResults();
    if (results != null) {
      for (int i = 0; i < results.size(); i++) {
        Embedding result = results.get(i);
        if (result == null || result.getOutput() == null) {
          continue;
        }
        int index = result.getIndex() != null ? result.getIndex() : i;
        EmbeddingKeys keys = SemanticConventions.embedding(index);
        float[] vector = result.getOutput();
        List<Double> values = new ArrayList<>(vector.length);
        for (float v : vector) {
          values.add((double) v);
        }
        out.put(keys.vector(), values);
      }
    }
    EmbeddingResponseMetadata metadata = response.getMetadata();
    if (metadata != null) {
      out.put(EMBEDDING_MODEL_NAME, ChatModelWriter.emptyToNull(metadata.getModel()));
    }
  }

  @Override
  public String toString() {
    return "EmbeddingWriter";
  }
}
