/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static dev.openinference.exporter.TestSpans.span;
import static dev.openinference.semconv.SemanticConventions.AGENT_NAME;
import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_INVOCATION_PARAMETERS;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROVIDER;
import static dev.openinference.semconv.SemanticConventions.LLM_REQUEST_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_RESPONSE_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_SYSTEM;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_TOTAL;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TOOL_DESCRIPTION;
import static dev.openinference.semconv.SemanticConventions.TOOL_NAME;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_AGENT_NAME;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_REQUEST_MAX_TOKENS;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_REQUEST_STOP_SEQUENCES;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_REQUEST_TEMPERATURE;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_SYSTEM;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_TOOL_DESCRIPTION;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_TOOL_NAME;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_COMPLETION_TOKENS;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_PROMPT_TOKENS;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;
import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenInferenceSpanExporterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CapturingExporter delegate = new CapturingExporter();
  private final OpenInferenceSpanExporter exporter =
      OpenInferenceSpanExporter.wrap(delegate, TraceConfig.getDefault());

  private SpanData exportOne(SpanData span) {
    return exportOne(exporter, span);
  }

  private SpanData exportOne(OpenInferenceSpanExporter exporter, SpanData span) {
    delegate.batches.clear();
    assertThat(exporter.export(Collections.singletonList(span)).isSuccess()).isTrue();
    assertThat(delegate.spans()).hasSize(1);
    return delegate.spans().get(0);
  }

  @Test
  void spansThatNeedNoChangeReachTheDelegateAsTheSameObjectsInTheSameCollection() {
    SpanData chain =
        span(Attributes.of(OPENINFERENCE_SPAN_KIND, "CHAIN", SESSION_ID, "s-1", INPUT_VALUE, "hi"));
    SpanData llm =
        span(
            Attributes.builder()
                .put(OPENINFERENCE_SPAN_KIND, "LLM")
                .put(LLM_MODEL_NAME, "gpt-4o")
                .put(LLM_TOKEN_COUNT_PROMPT, 3L)
                .build());
    List<SpanData> batch = Arrays.asList(chain, llm);

    exporter.export(batch);

    assertThat(delegate.batches).hasSize(1);
    assertThat(delegate.batches.get(0)).isSameAs(batch);
    assertThat(delegate.spans().get(0)).isSameAs(chain);
    assertThat(delegate.spans().get(1)).isSameAs(llm);
  }

  @Test
  void onlyTheSpansThatChangeAreReplacedInABatch() {
    SpanData untouched = span(Attributes.of(OPENINFERENCE_SPAN_KIND, "TOOL"));
    SpanData withoutKind = span(Attributes.of(stringKey("http.route"), "/chat"));
    SpanData last = span(Attributes.of(OPENINFERENCE_SPAN_KIND, "AGENT"));

    exporter.export(Arrays.asList(untouched, withoutKind, last));

    List<SpanData> sent = delegate.spans();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0)).isSameAs(untouched);
    assertThat(sent.get(1)).isNotSameAs(withoutKind);
    assertThat(sent.get(1))
        .hasAttributesSatisfyingExactly(
            io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo(
                stringKey("http.route"), "/chat"),
            io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo(
                OPENINFERENCE_SPAN_KIND, "CHAIN"));
    assertThat(sent.get(2)).isSameAs(last);
  }

  @Test
  void aSpanWithoutKindGetsTheDefaultKindAndEverythingElseIsKept() {
    SpanData original = span("work", Attributes.of(stringKey("db.system"), "postgresql"), 5);

    SpanData sent = exportOne(original);

    assertThat(sent).hasName("work").hasKind(original.getKind());
    assertThat(sent.getSpanContext()).isEqualTo(original.getSpanContext());
    assertThat(sent.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isEqualTo("CHAIN");
    assertThat(sent.getAttributes().get(stringKey("db.system"))).isEqualTo("postgresql");
    // Four attributes were dropped by limits before; the kind adds one.
    assertThat(sent.getTotalAttributeCount()).isEqualTo(6);
  }

  @Test
  void theDefaultKindIsConfigurableOrNone() {
    SpanData plain = span(Attributes.of(stringKey("db.system"), "postgresql"));
    OpenInferenceSpanExporter agentDefault =
        OpenInferenceSpanExporter.builder(delegate)
            .setTraceConfig(TraceConfig.getDefault())
            .setDefaultSpanKind(OpenInferenceSpanKind.AGENT)
            .build();
    OpenInferenceSpanExporter noDefault =
        OpenInferenceSpanExporter.builder(delegate)
            .setTraceConfig(TraceConfig.getDefault())
            .setDefaultSpanKind(null)
            .build();

    assertThat(exportOne(agentDefault, plain).getAttributes().get(OPENINFERENCE_SPAN_KIND))
        .isEqualTo("AGENT");
    assertThat(exportOne(noDefault, plain)).isSameAs(plain);
  }

  @Test
  void genAiAttributesSetAfterStartAreTranslated() throws Exception {
    Attributes genAi =
        Attributes.builder()
            .put(GEN_AI_OPERATION_NAME, "chat")
            .put(GEN_AI_PROVIDER_NAME, "openai")
            .put(GEN_AI_REQUEST_MODEL, "gpt-4o")
            .put(GEN_AI_RESPONSE_MODEL, "gpt-4o-2024-08-06")
            .put(GEN_AI_USAGE_INPUT_TOKENS, 120L)
            .put(GEN_AI_USAGE_OUTPUT_TOKENS, 30L)
            .put(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 100L)
            .put(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, 7L)
            .put(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, 12L)
            .put(GEN_AI_CONVERSATION_ID, "conversation-7")
            .put(GEN_AI_REQUEST_TEMPERATURE, 0.2)
            .put(GEN_AI_REQUEST_MAX_TOKENS, 256L)
            .put(GEN_AI_REQUEST_STOP_SEQUENCES, Arrays.asList("END", "STOP"))
            .build();
    SpanData original = span("chat gpt-4o", genAi, genAi.size());

    SpanData sent = exportOne(original);

    Attributes attributes = sent.getAttributes();
    assertThat(attributes.get(OPENINFERENCE_SPAN_KIND)).isEqualTo("LLM");
    assertThat(attributes.get(LLM_MODEL_NAME)).isEqualTo("gpt-4o-2024-08-06");
    assertThat(attributes.get(LLM_REQUEST_MODEL_NAME)).isEqualTo("gpt-4o");
    assertThat(attributes.get(LLM_RESPONSE_MODEL_NAME)).isEqualTo("gpt-4o-2024-08-06");
    assertThat(attributes.get(LLM_PROVIDER)).isEqualTo("openai");
    assertThat(attributes.get(LLM_SYSTEM)).isEqualTo("openai");
    assertThat(attributes.get(LLM_TOKEN_COUNT_PROMPT)).isEqualTo(120L);
    assertThat(attributes.get(LLM_TOKEN_COUNT_COMPLETION)).isEqualTo(30L);
    assertThat(attributes.get(LLM_TOKEN_COUNT_TOTAL)).isEqualTo(150L);
    assertThat(attributes.get(LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ)).isEqualTo(100L);
    assertThat(attributes.get(LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE)).isEqualTo(7L);
    assertThat(attributes.get(LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING)).isEqualTo(12L);
    assertThat(attributes.get(SESSION_ID)).isEqualTo("conversation-7");
    assertThat(readMap(attributes.get(LLM_INVOCATION_PARAMETERS)))
        .isEqualTo(
            Map.of(
                "model",
                "gpt-4o",
                "temperature",
                0.2,
                "max_completion_tokens",
                256,
                "stop_sequences",
                List.of("END", "STOP")));
    // The GenAI attributes stay for backends that read them.
    genAi.forEach((key, value) -> assertThat(attributes.get(key)).isEqualTo(value));
    int added = attributes.size() - genAi.size();
    assertThat(added).isEqualTo(14);
    assertThat(sent.getTotalAttributeCount()).isEqualTo(genAi.size() + added);
  }

  @Test
  void translatingTwiceChangesNothingTheSecondTime() {
    SpanData original =
        span(
            Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, "chat")
                .put(GEN_AI_PROVIDER_NAME, "aws.bedrock")
                .put(GEN_AI_REQUEST_MODEL, "claude")
                .put(GEN_AI_USAGE_INPUT_TOKENS, 1L)
                .build());
    SpanData once = exportOne(original);
    assertThat(once).isNotSameAs(original);

    assertThat(exportOne(once)).isSameAs(once);
  }

  @Test
  void existingOpenInferenceValuesWinOverGenAi() {
    SpanData original =
        span(
            Attributes.builder()
                .put(OPENINFERENCE_SPAN_KIND, "LLM")
                .put(LLM_MODEL_NAME, "my-model")
                .put(SESSION_ID, "from-scope")
                .put(LLM_TOKEN_COUNT_PROMPT, 5L)
                .put(LLM_INVOCATION_PARAMETERS, "{\"temperature\":1}")
                .put(GEN_AI_REQUEST_MODEL, "other-model")
                .put(GEN_AI_CONVERSATION_ID, "from-genai")
                .put(GEN_AI_USAGE_INPUT_TOKENS, 99L)
                .put(GEN_AI_USAGE_OUTPUT_TOKENS, 4L)
                .put(GEN_AI_REQUEST_TEMPERATURE, 0.5)
                .build());

    Attributes attributes = exportOne(original).getAttributes();

    assertThat(attributes.get(LLM_MODEL_NAME)).isEqualTo("my-model");
    assertThat(attributes.get(SESSION_ID)).isEqualTo("from-scope");
    assertThat(attributes.get(LLM_TOKEN_COUNT_PROMPT)).isEqualTo(5L);
    assertThat(attributes.get(LLM_INVOCATION_PARAMETERS)).isEqualTo("{\"temperature\":1}");
    // What was missing is still filled in; the total uses the values that are sent.
    assertThat(attributes.get(LLM_REQUEST_MODEL_NAME)).isEqualTo("other-model");
    assertThat(attributes.get(LLM_TOKEN_COUNT_COMPLETION)).isEqualTo(4L);
    assertThat(attributes.get(LLM_TOKEN_COUNT_TOTAL)).isEqualTo(9L);
  }

  @Test
  void aKindEqualToTheDefaultGivesWayToTheOperationKind() {
    // The processor stamps CHAIN at start when the GenAI attributes are not there yet.
    SpanData stampedAtStart =
        span(
            Attributes.of(OPENINFERENCE_SPAN_KIND, "CHAIN", GEN_AI_OPERATION_NAME, "execute_tool"));

    SpanData sent = exportOne(stampedAtStart);

    assertThat(sent.getAttributes().get(OPENINFERENCE_SPAN_KIND)).isEqualTo("TOOL");
    assertThat(sent.getAttributes().size()).isEqualTo(2);
    assertThat(sent.getTotalAttributeCount()).isEqualTo(2);
  }

  @Test
  void aKindOtherThanTheDefaultIsKept() {
    SpanData explicit =
        span(Attributes.of(OPENINFERENCE_SPAN_KIND, "AGENT", GEN_AI_OPERATION_NAME, "chat"));
    assertThat(exportOne(explicit)).isSameAs(explicit);
  }

  @Test
  void anUnknownOperationLeavesTheDefaultKind() {
    SpanData span = span(Attributes.of(GEN_AI_OPERATION_NAME, "invoke_workflow"));
    assertThat(exportOne(span).getAttributes().get(OPENINFERENCE_SPAN_KIND)).isEqualTo("CHAIN");
  }

  @Test
  void stringValuesFromMicrometerAreReadAsNumbers() throws Exception {
    // Spring AI goes through Micrometer, which records every value as a string.
    SpanData springAi =
        span(
            Attributes.builder()
                .put("gen_ai.operation.name", "chat")
                .put("gen_ai.system", "openai")
                .put("gen_ai.request.model", "gpt-4o-mini")
                .put("gen_ai.request.temperature", "0.7")
                .put("gen_ai.request.max_tokens", "100")
                .put("gen_ai.usage.input_tokens", "12")
                .put("gen_ai.usage.output_tokens", "8")
                .put("gen_ai.usage.total_tokens", "21")
                .build());

    Attributes attributes = exportOne(springAi).getAttributes();

    assertThat(attributes.get(LLM_TOKEN_COUNT_PROMPT)).isEqualTo(12L);
    assertThat(attributes.get(LLM_TOKEN_COUNT_COMPLETION)).isEqualTo(8L);
    // A reported total wins over the sum.
    assertThat(attributes.get(LLM_TOKEN_COUNT_TOTAL)).isEqualTo(21L);
    assertThat(readMap(attributes.get(LLM_INVOCATION_PARAMETERS)))
        .isEqualTo(
            Map.of("model", "gpt-4o-mini", "temperature", 0.7, "max_completion_tokens", 100));
  }

  @Test
  void deprecatedGenAiNamesAreRead() {
    SpanData old =
        span(
            Attributes.builder()
                .put(GEN_AI_SYSTEM, "anthropic")
                .put(GEN_AI_USAGE_PROMPT_TOKENS, 10L)
                .put(GEN_AI_USAGE_COMPLETION_TOKENS, 2L)
                .build());

    Attributes attributes = exportOne(old).getAttributes();

    assertThat(attributes.get(LLM_PROVIDER)).isEqualTo("anthropic");
    assertThat(attributes.get(LLM_SYSTEM)).isEqualTo("anthropic");
    assertThat(attributes.get(LLM_TOKEN_COUNT_TOTAL)).isEqualTo(12L);
  }

  @Test
  void providerNameWinsOverTheDeprecatedSystem() {
    SpanData both =
        span(Attributes.of(GEN_AI_PROVIDER_NAME, "gcp.vertex_ai", GEN_AI_SYSTEM, "vertex_ai"));
    assertThat(exportOne(both).getAttributes().get(LLM_PROVIDER)).isEqualTo("google");
  }

  static Stream<Arguments> providers() {
    return Stream.of(
        Arguments.of("openai", "openai", "openai"),
        Arguments.of("anthropic", "anthropic", "anthropic"),
        Arguments.of("aws.bedrock", "aws", null),
        Arguments.of("az.ai.openai", "azure", "openai"),
        Arguments.of("azure.ai.inference", "azure", null),
        Arguments.of("gcp.vertex_ai", "google", "vertexai"),
        Arguments.of("gcp.gemini", "google", null),
        Arguments.of("mistral_ai", "mistralai", "mistralai"),
        Arguments.of("x_ai", "xai", "xai"),
        Arguments.of("cohere", "cohere", "cohere"),
        Arguments.of("ollama", "ollama", "ollama"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void providerNamesMapToOpenInferenceValues(
      String genAi, String provider, @Nullable String system) {
    Attributes attributes =
        exportOne(span(Attributes.of(GEN_AI_PROVIDER_NAME, genAi))).getAttributes();
    assertThat(attributes.get(LLM_PROVIDER)).isEqualTo(provider);
    assertThat(attributes.get(LLM_SYSTEM)).isEqualTo(system);
  }

  @Test
  void toolAndAgentNamesAreTranslated() {
    SpanData tool =
        span(
            Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, "execute_tool")
                .put(GEN_AI_TOOL_NAME, "get_weather")
                .put(GEN_AI_TOOL_DESCRIPTION, "Weather by city")
                .put(GEN_AI_AGENT_NAME, "planner")
                .build());

    Attributes attributes = exportOne(tool).getAttributes();

    assertThat(attributes.get(OPENINFERENCE_SPAN_KIND)).isEqualTo("TOOL");
    assertThat(attributes.get(TOOL_NAME)).isEqualTo("get_weather");
    assertThat(attributes.get(TOOL_DESCRIPTION)).isEqualTo("Weather by city");
    assertThat(attributes.get(AGENT_NAME)).isEqualTo("planner");
  }

  @Test
  void maskingDropsAndRedactsAndKeepsTheCountsConsistent() {
    OpenInferenceSpanExporter masking =
        OpenInferenceSpanExporter.wrap(
            delegate,
            TraceConfig.builder().setHideInputs(true).setHideEmbeddingsVectors(true).build());
    AttributeKey<List<Double>> vector = doubleArrayKey("embedding.embeddings.0.embedding.vector");
    SpanData original =
        span(
            "embed",
            Attributes.builder()
                .put(OPENINFERENCE_SPAN_KIND, "EMBEDDING")
                .put(INPUT_VALUE, "secret question")
                .put("input.mime_type", "text/plain")
                .put("llm.input_messages.0.message.content", "secret")
                .put(vector, Arrays.asList(0.1, 0.2))
                .build(),
            7);

    SpanData sent = exportOne(masking, original);

    Attributes attributes = sent.getAttributes();
    assertThat(attributes.get(INPUT_VALUE)).isEqualTo("__REDACTED__");
    assertThat(attributes.get(stringKey("input.mime_type"))).isNull();
    assertThat(attributes.get(stringKey("llm.input_messages.0.message.content"))).isNull();
    // Python writes the redacted marker over the vector, so it becomes a string.
    assertThat(attributes.get(vector)).isNull();
    assertThat(attributes.get(stringKey(vector.getKey()))).isEqualTo("__REDACTED__");
    assertThat(attributes.size()).isEqualTo(3);
    // Seven recorded, two of them dropped by masking.
    assertThat(sent.getTotalAttributeCount()).isEqualTo(5);
  }

  @Test
  void hiddenInvocationParametersAreNotTranslatedEither() {
    OpenInferenceSpanExporter masking =
        OpenInferenceSpanExporter.wrap(
            delegate, TraceConfig.builder().setHideLlmInvocationParameters(true).build());
    SpanData span =
        span(Attributes.of(OPENINFERENCE_SPAN_KIND, "LLM", GEN_AI_REQUEST_TEMPERATURE, 0.3));

    SpanData sent = exportOne(masking, span);

    assertThat(sent.getAttributes().get(LLM_INVOCATION_PARAMETERS)).isNull();
  }

  @Test
  void aSpanThatCannotBePreparedIsSentAsItIsWhenNothingIsHidden() {
    try (LogCapture warnings = LogCapture.named("dev.openinference")) {
      SpanData broken = new BrokenAttributesSpan(span(Attributes.empty()));
      assertThat(exportOne(broken)).isSameAs(broken);
      // Translation and turn filling each fail on the span and each let it through.
      assertThat(warnings.messages()).hasSize(2);
      assertThat(warnings.messages().get(0))
          .startsWith("Could not translate span 'span'; sending it as it is");
      assertThat(warnings.messages().get(1))
          .isEqualTo("Could not fill the turns' root spans; sending them as they are");
    }
  }

  @Test
  void aSpanThatCannotBeMaskedIsDroppedSoNothingHiddenLeaks() {
    OpenInferenceSpanExporter masking =
        OpenInferenceSpanExporter.wrap(delegate, TraceConfig.builder().setHideInputs(true).build());
    SpanData fine = span(Attributes.of(OPENINFERENCE_SPAN_KIND, "CHAIN"));
    SpanData broken = new BrokenAttributesSpan(span(Attributes.empty()));

    try (LogCapture warnings = LogCapture.named("dev.openinference")) {
      assertThat(masking.export(Arrays.asList(broken, fine)).isSuccess()).isTrue();
      assertThat(warnings.messages())
          .containsExactly("Could not mask span 'span'; dropping it so nothing hidden leaks");
    }

    assertThat(delegate.spans()).containsExactly(fine);
  }

  @Test
  void aFailingDelegateGivesAFailedResultNotAnException() {
    SpanExporter throwing =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            throw new IllegalStateException("boom");
          }

          @Override
          public CompletableResultCode flush() {
            throw new IllegalStateException("boom");
          }

          @Override
          public CompletableResultCode shutdown() {
            throw new IllegalStateException("boom");
          }
        };
    OpenInferenceSpanExporter wrapped =
        OpenInferenceSpanExporter.wrap(throwing, TraceConfig.getDefault());

    try (LogCapture warnings = LogCapture.named("dev.openinference")) {
      assertThat(wrapped.export(Collections.singletonList(span(Attributes.empty()))).isSuccess())
          .isFalse();
      assertThat(wrapped.flush().isSuccess()).isFalse();
      assertThat(wrapped.shutdown().isSuccess()).isFalse();
      assertThat(warnings.messages())
          .hasSize(3)
          .allSatisfy(message -> assertThat(message).startsWith("The delegate exporter "));
      assertThat(warnings.thrown()).allSatisfy(thrown -> assertThat(thrown).hasMessage("boom"));
    }
  }

  @Test
  void flushAndShutdownReachTheDelegate() {
    assertThat(exporter.flush().isSuccess()).isTrue();
    assertThat(exporter.shutdown().isSuccess()).isTrue();
    assertThat(delegate.flushes).isEqualTo(1);
    assertThat(delegate.shutdowns).isEqualTo(1);
  }

  @Test
  void aNullDelegateDiscardsSpans() {
    try (LogCapture warnings = LogCapture.named("dev.openinference")) {
      @SuppressWarnings("NullAway")
      OpenInferenceSpanExporter wrapped = OpenInferenceSpanExporter.wrap(null);
      assertThat(wrapped.export(Collections.singletonList(span(Attributes.empty()))).isSuccess())
          .isTrue();
      assertThat(warnings.messages())
          .containsExactly(
              "OpenInferenceSpanExporter was given no delegate; spans will be discarded");
    }
  }

  @Test
  void wrapWithoutConfigReadsTheEnvironmentAndToStringNamesTheParts() {
    OpenInferenceSpanExporter wrapped = OpenInferenceSpanExporter.wrap(delegate);
    assertThat(wrapped.getTraceConfig()).isEqualTo(TraceConfig.fromEnvironment());
    assertThat(wrapped.getDefaultSpanKind()).isEqualTo(OpenInferenceSpanKind.CHAIN);
    assertThat(wrapped.toString())
        .contains("CapturingExporter")
        .contains("TraceConfig{")
        .contains("defaultSpanKind=CHAIN");
  }

  /** A span whose attributes fail when read, as a broken custom SpanData might. */
  private static final class BrokenAttributesSpan extends DelegatingSpanData {
    BrokenAttributesSpan(SpanData delegate) {
      super(delegate);
    }

    @Override
    public Attributes getAttributes() {
      return new Attributes() {
        @Override
        public <T> T get(AttributeKey<T> key) {
          throw new IllegalStateException("broken");
        }

        @Override
        public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
          throw new IllegalStateException("broken");
        }

        @Override
        public int size() {
          return 0;
        }

        @Override
        public boolean isEmpty() {
          return true;
        }

        @Override
        public Map<AttributeKey<?>, Object> asMap() {
          return Collections.emptyMap();
        }

        @Override
        public AttributesBuilder toBuilder() {
          return Attributes.builder();
        }
      };
    }
  }

  private static Map<String, Object> readMap(String json) throws Exception {
    return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
  }
}
