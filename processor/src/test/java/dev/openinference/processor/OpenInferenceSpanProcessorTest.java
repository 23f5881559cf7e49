/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor;

import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VARIABLES;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openinference.context.ContextAttributes;
import dev.openinference.context.OpenInference;
import dev.openinference.semconv.OpenInferenceSpanKind;
import dev.openinference.testing.internal.CapturedLogs;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenInferenceSpanProcessorTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider tracerProvider = providerWith(OpenInferenceSpanProcessor.create());
  private Tracer tracer = tracerProvider.get("test");

  /** How OpenInference is installed; subclasses run every test in another mode. */
  StampingMode mode() {
    return StampingMode.PROCESSOR;
  }

  private SdkTracerProvider providerWith(OpenInferenceSpanProcessor processor) {
    return mode()
        .install(SdkTracerProvider.builder(), processor)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build();
  }

  private void use(OpenInferenceSpanProcessor processor) {
    // Not closed: closing would shut the shared in-memory exporter down too.
    tracerProvider.forceFlush();
    tracerProvider = providerWith(processor);
    tracer = tracerProvider.get("test");
  }

  @AfterEach
  void tearDown() {
    tracerProvider.close();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  private SpanData only(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .reduce(
            (a, b) -> {
              throw new AssertionError("two spans named " + name);
            })
        .orElseThrow(() -> new AssertionError("no span named " + name));
  }

  @Test
  void parentAndChildSpansCarryTheSessionAndUser() {
    try (Scope s = OpenInference.usingSession("s-1");
        Scope u = OpenInference.usingUser("bob")) {
      Span parent = tracer.spanBuilder("parent").startSpan();
      try (Scope p = parent.makeCurrent()) {
        tracer.spanBuilder("child").startSpan().end();
      } finally {
        parent.end();
      }
    }
    for (String name : Arrays.asList("parent", "child")) {
      assertThat(only(name))
          .hasAttributesSatisfying(equalTo(SESSION_ID, "s-1"), equalTo(USER_ID, "bob"));
    }
    assertThat(only("child")).hasParent(only("parent"));
  }

  @Test
  void theValuesAreOnTheSpanWhenItStartsAndStampedByOneComponent() {
    Span span;
    try (Scope s = OpenInference.usingSession("s-1")) {
      span = tracer.spanBuilder("span").startSpan();
      assertThat(((ReadableSpan) span).getAttribute(SESSION_ID)).isEqualTo("s-1");
    }
    span.end();
    assertThat(only("span")).hasAttribute(SESSION_ID, "s-1");
    // The processors in the order they run (the SDK also lists those called on start and end).
    String description = tracerProvider.toString();
    String provider = description.substring(description.lastIndexOf("spanProcessorsAll="));
    // A hand-built SDK keeps its sampler and the processor stamps; in sampler mode the wrapped
    // sampler stamps and the processor stands by.
    assertThat(tracerProvider.getSampler().getDescription().startsWith("OpenInferenceSampler{"))
        .isEqualTo(mode() == StampingMode.SAMPLER);
    assertThat(provider.contains("SamplerFallbackProcessor{stampedBy=sampler"))
        .isEqualTo(mode() == StampingMode.SAMPLER);
    assertThat(provider.split("OpenInferenceSpanProcessor\\{", -1)).hasSize(2);
  }

  @Test
  void spansAfterTheScopeClosesCarryNothing() {
    try (Scope s = OpenInference.usingSession("s")) {
      tracer.spanBuilder("inside").startSpan().end();
    }
    tracer.spanBuilder("after").startSpan().end();
    assertThat(only("inside")).hasAttribute(SESSION_ID, "s");
    assertThat(only("after")).hasTotalAttributeCount(0);
  }

  @Test
  void nestingRulesReachTheSpans() {
    Map<String, Object> outerMeta = new LinkedHashMap<>();
    outerMeta.put("a", 1);
    outerMeta.put("b", "outer");
    try (Scope s = OpenInference.usingSession("outer");
        Scope m = OpenInference.usingMetadata(outerMeta);
        Scope t = OpenInference.usingTags("x", "y")) {
      try (Scope s2 = OpenInference.usingSession("inner");
          Scope m2 = OpenInference.usingMetadata(Collections.singletonMap("b", "inner"));
          Scope t2 = OpenInference.usingTags("y", "z")) {
        tracer.spanBuilder("inner").startSpan().end();
      }
      tracer.spanBuilder("outer").startSpan().end();
    }
    assertThat(only("inner"))
        .hasAttributesSatisfying(
            equalTo(SESSION_ID, "inner"),
            equalTo(METADATA, "{\"a\":1,\"b\":\"inner\"}"),
            equalTo(TAG_TAGS, Arrays.asList("x", "y", "z")));
    assertThat(only("outer"))
        .hasAttributesSatisfying(
            equalTo(SESSION_ID, "outer"),
            equalTo(METADATA, "{\"a\":1,\"b\":\"outer\"}"),
            equalTo(TAG_TAGS, Arrays.asList("x", "y")));
  }

  @Test
  void contextValueOverridesAnAttributeAlreadyOnTheSpanAtStart() {
    try (Scope s = OpenInference.usingSession("from-context")) {
      tracer.spanBuilder("span").setAttribute(SESSION_ID, "from-builder").startSpan().end();
    }
    assertThat(only("span")).hasAttribute(SESSION_ID, "from-context");
  }

  @Test
  void explicitParentContextThatIsNotCurrentIsTheOneRead() {
    Context detached =
        Context.root()
            .with(ContextAttributes.builder().setSessionId("detached").setUserId("ann").build());
    try (Scope s = OpenInference.usingSession("current")) {
      tracer.spanBuilder("explicit").setParent(detached).startSpan().end();
      tracer.spanBuilder("implicit").startSpan().end();
    }
    assertThat(only("explicit"))
        .hasAttributesSatisfying(equalTo(SESSION_ID, "detached"), equalTo(USER_ID, "ann"));
    assertThat(only("implicit")).hasAttribute(SESSION_ID, "current");
  }

  @Test
  void promptTemplateIsStampedAsJson() throws Exception {
    try (Scope p =
        OpenInference.usingPromptTemplate(
            "Hi {name}", null, Collections.singletonMap("name", "Bob \"the\" builder"))) {
      tracer.spanBuilder("llm").startSpan().end();
    }
    SpanData span = only("llm");
    assertThat(span).hasAttribute(LLM_PROMPT_TEMPLATE, "Hi {name}");
    JsonNode variables =
        new ObjectMapper().readTree(span.getAttributes().get(LLM_PROMPT_TEMPLATE_VARIABLES));
    assertThat(variables.get("name").asText()).isEqualTo("Bob \"the\" builder");
  }

  @Test
  void wrappedExecutorCarriesTheSessionAndAnUnwrappedPoolThreadDoesNot() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      try (Scope s = OpenInference.usingSession("s")) {
        Context.taskWrapping(pool)
            .submit(() -> tracer.spanBuilder("wrapped").startSpan().end())
            .get();
        pool.submit(() -> tracer.spanBuilder("unwrapped").startSpan().end()).get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(only("wrapped")).hasAttribute(SESSION_ID, "s");
    assertThat(only("unwrapped")).hasTotalAttributeCount(0);
  }

  @Test
  void manyThreadsWithTheirOwnSessionsNeverSeeEachOther() throws Exception {
    int threads = 8;
    int spansPerThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<?>[] futures = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        String session = "session-" + t;
        futures[t] =
            pool.submit(
                () -> {
                  for (int i = 0; i < spansPerThread; i++) {
                    try (Scope s = OpenInference.usingSession(session);
                        Scope u = OpenInference.usingUser(session + "-user")) {
                      tracer.spanBuilder(session).startSpan().end();
                    }
                  }
                });
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(threads * spansPerThread);
    assertThat(spans)
        .allSatisfy(
            span -> {
              assertThat(span.getAttributes().get(SESSION_ID)).isEqualTo(span.getName());
              assertThat(span.getAttributes().get(USER_ID)).isEqualTo(span.getName() + "-user");
            });
  }

  @ParameterizedTest(name = "gen_ai.operation.name={0} -> {1}")
  @CsvSource({
    "chat, LLM",
    "text_completion, LLM",
    "generate_content, LLM",
    "embeddings, EMBEDDING",
    "execute_tool, TOOL",
    "invoke_agent, AGENT",
    "create_agent, AGENT",
    "retrieval, RETRIEVER"
  })
  void spanKindIsInferredFromTheGenAiOperationAtStart(String operation, String kind) {
    tracer.spanBuilder("op").setAttribute("gen_ai.operation.name", operation).startSpan().end();
    assertThat(only("op")).hasAttribute(OPENINFERENCE_SPAN_KIND, kind);
  }

  @Test
  void explicitSpanKindIsKept() {
    try (Scope s = OpenInference.usingSession("s")) {
      tracer
          .spanBuilder("explicit")
          .setAttribute(OPENINFERENCE_SPAN_KIND, "RETRIEVER")
          .setAttribute("gen_ai.operation.name", "chat")
          .startSpan()
          .end();
    }
    assertThat(only("explicit")).hasAttribute(OPENINFERENCE_SPAN_KIND, "RETRIEVER");
  }

  @Test
  void kindFromTheOperationBeatsTheDefaultInAScopeAndAnExplicitKindBeatsBothEverywhere() {
    use(OpenInferenceSpanProcessor.builder().setDefaultSpanKind(null).build());
    tracer
        .spanBuilder("no-default")
        .setAttribute("gen_ai.operation.name", "chat")
        .startSpan()
        .end();
    use(OpenInferenceSpanProcessor.create());
    try (Scope s = OpenInference.usingSession("s")) {
      tracer
          .spanBuilder("in-scope")
          .setAttribute("gen_ai.operation.name", "embeddings")
          .startSpan()
          .end();
    }
    tracer
        .spanBuilder("explicit-outside")
        .setAttribute(OPENINFERENCE_SPAN_KIND, "TOOL")
        .setAttribute("gen_ai.operation.name", "chat")
        .startSpan()
        .end();
    assertThat(only("no-default")).hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM");
    assertThat(only("in-scope")).hasAttribute(OPENINFERENCE_SPAN_KIND, "EMBEDDING");
    assertThat(only("explicit-outside")).hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL");
  }

  @Test
  void spansInAScopeGetTheDefaultKindAndOthersAreLeftForTheExporter() {
    try (Scope s = OpenInference.usingSession("s")) {
      tracer.spanBuilder("in-session").startSpan().end();
      tracer
          .spanBuilder("unknown-op")
          .setAttribute("gen_ai.operation.name", "dance")
          .startSpan()
          .end();
    }
    tracer.spanBuilder("outside").startSpan().end();
    assertThat(only("in-session")).hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    assertThat(only("unknown-op")).hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    assertThat(only("outside").getAttributes().get(OPENINFERENCE_SPAN_KIND)).isNull();
  }

  @Test
  void defaultKindIsConfigurableAndCanBeTurnedOff() {
    use(
        OpenInferenceSpanProcessor.builder()
            .setDefaultSpanKind(OpenInferenceSpanKind.AGENT)
            .build());
    try (Scope s = OpenInference.usingSession("s")) {
      tracer.spanBuilder("agent").startSpan().end();
    }
    use(OpenInferenceSpanProcessor.builder().setDefaultSpanKind(null).build());
    try (Scope s = OpenInference.usingSession("s")) {
      tracer.spanBuilder("none").startSpan().end();
    }
    assertThat(only("agent")).hasAttribute(OPENINFERENCE_SPAN_KIND, "AGENT");
    assertThat(only("none").getAttributes().get(OPENINFERENCE_SPAN_KIND)).isNull();
    assertThat(only("none")).hasAttribute(SESSION_ID, "s");
  }

  @Test
  void processLevelValuesApplyWhereNoScopeSetsTheField() {
    use(
        OpenInferenceSpanProcessor.builder()
            .setSessionId("process-session")
            .setUserId("process-user")
            .setTags(Arrays.asList("batch"))
            .setMetadata(Collections.singletonMap("run", 7))
            .build());
    tracer.spanBuilder("no-scope").startSpan().end();
    try (Scope s = OpenInference.usingSession("scoped")) {
      tracer.spanBuilder("scoped").startSpan().end();
    }
    assertThat(only("no-scope"))
        .hasAttributesSatisfying(
            equalTo(SESSION_ID, "process-session"),
            equalTo(USER_ID, "process-user"),
            equalTo(TAG_TAGS, Arrays.asList("batch")),
            equalTo(METADATA, "{\"run\":7}"),
            equalTo(OPENINFERENCE_SPAN_KIND, "CHAIN"));
    assertThat(only("scoped"))
        .hasAttributesSatisfying(equalTo(SESSION_ID, "scoped"), equalTo(USER_ID, "process-user"));
  }

  @Test
  void processorsWithDifferentProcessLevelValuesEachFallBackToTheirOwnInTheSameScope() {
    // The merge over the process-level values is kept per scope; a second processor with other
    // values must not get the first one's.
    SdkTracerProvider other =
        providerWith(OpenInferenceSpanProcessor.builder().setUserId("other-user").build());
    use(OpenInferenceSpanProcessor.builder().setUserId("first-user").build());
    try {
      Context scope = Context.root().with(ContextAttributes.builder().setSessionId("s").build());
      for (int i = 0; i < 2; i++) {
        tracer.spanBuilder("first-" + i).setParent(scope).startSpan().end();
        other.get("test").spanBuilder("other-" + i).setParent(scope).startSpan().end();
      }
    } finally {
      other.forceFlush();
    }
    for (int i = 0; i < 2; i++) {
      assertThat(only("first-" + i))
          .hasAttributesSatisfying(equalTo(SESSION_ID, "s"), equalTo(USER_ID, "first-user"));
      assertThat(only("other-" + i))
          .hasAttributesSatisfying(equalTo(SESSION_ID, "s"), equalTo(USER_ID, "other-user"));
    }
  }

  @Test
  void badProcessLevelValuesAreDroppedAndTheProcessorStillWorks() {
    try (CapturedLogs logs = CapturedLogs.of("dev.openinference")) {
      use(OpenInferenceSpanProcessor.builder().setSessionId(" ").setUserId(null).build());
      assertThat(logs.warnings())
          .anySatisfy(w -> assertThat(w).contains("ignored a blank session id \" \""))
          .anySatisfy(w -> assertThat(w).contains("ignored a null user id"));
    }
    try (Scope s = OpenInference.usingUser("u")) {
      tracer.spanBuilder("span").startSpan().end();
    }
    assertThat(only("span")).hasAttribute(USER_ID, "u");
    assertThat(only("span").getAttributes().get(SESSION_ID)).isNull();
  }

  @Test
  void processorDeclaresStartOnlyAndDescribesItself() {
    OpenInferenceSpanProcessor processor =
        OpenInferenceSpanProcessor.builder().setSessionId("p").build();
    assertThat(processor.isStartRequired()).isTrue();
    assertThat(processor.isEndRequired()).isFalse();
    assertThat(processor.toString())
        .isEqualTo(
            "OpenInferenceSpanProcessor{processValues={session.id=\"p\"}, defaultSpanKind=CHAIN}");
    assertThat(processor.shutdown().isSuccess()).isTrue();
  }

  @Test
  void unrelatedAttributesAreUntouched() {
    try (Scope s = OpenInference.usingSession("s")) {
      tracer.spanBuilder("span").setAttribute(stringKey("http.method"), "GET").startSpan().end();
    }
    assertThat(only("span")).hasAttribute(stringKey("http.method"), "GET");
  }
}
