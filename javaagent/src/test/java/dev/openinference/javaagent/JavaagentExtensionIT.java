/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static dev.openinference.semconv.SemanticConventions.LLM_MODEL_NAME;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VARIABLES;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VERSION;
import static dev.openinference.semconv.SemanticConventions.LLM_TOKEN_COUNT_PROMPT;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.OPENINFERENCE_SPAN_KIND;
import static dev.openinference.semconv.SemanticConventions.PROJECT_NAME;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;

import dev.openinference.javaagent.AppRun.Mode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs {@link InstrumentedApp}, an app that knows only the OTel API and {@code
 * openinference-context}, in a child JVM under the real OpenTelemetry javaagent with the shaded
 * extension jar this module builds, and checks what reached a loopback OTLP receiver. One child run
 * per configuration; the tests of a nested class share it.
 */
class JavaagentExtensionIT {

  /** The attributes the processor copies from OpenInference scopes or process-level values. */
  private static final List<AttributeKey<?>> CONTEXT_KEYS =
      List.of(
          SESSION_ID,
          USER_ID,
          METADATA,
          TAG_TAGS,
          LLM_PROMPT_TEMPLATE,
          LLM_PROMPT_TEMPLATE_VERSION,
          LLM_PROMPT_TEMPLATE_VARIABLES);

  /** Those, plus what the processor and the exporter add on their own for the app's spans. */
  private static final List<AttributeKey<?>> OPENINFERENCE_KEYS =
      Stream.concat(
              CONTEXT_KEYS.stream(),
              Stream.of(OPENINFERENCE_SPAN_KIND, LLM_MODEL_NAME, LLM_TOKEN_COUNT_PROMPT))
          .collect(Collectors.toList());

  /** The {@code input.value} of the app's {@code llm-call} span. */
  private static final String LLM_INPUT = "what is the secret?";

  /** Values of the scopes the app opens; they must never appear in a header. */
  private static final List<String> SCOPE_VALUES = List.of("session-1", "session-2", "user-1");

  private static final String PROJECT = "agent-it";

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithExtension {

    private AppRun run;

    @RegisterExtension
    final PrintChildOutputOnFailure printOnFailure = new PrintChildOutputOnFailure(() -> run);

    @BeforeAll
    void runApp() throws Exception {
      run =
          AppRun.builder(Mode.AGENT_WITH_EXTENSION)
              .addSystemProperty("otel.openinference.project.name", PROJECT)
              .run();
    }

    @Test
    void appExitsCleanly() {
      assertExitedCleanly(run);
      assertThat(run.getSpans()).hasSize(AppRun.SPANS_PER_RUN);
    }

    @Test
    void manualSpanInScopeCarriesSessionAndUser() {
      assertThat(run.span("in-scope"))
          .hasAttribute(SESSION_ID, "session-1")
          .hasAttribute(USER_ID, "user-1")
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
    }

    @Test
    void aSpanEndedAfterItsScopeClosedCarriesWhatItGotAtStart() {
      assertStampedAtStart(run);
    }

    @Test
    void agentHttpClientSpanInScopeCarriesSessionAndUser() {
      SpanData client = run.span(SpanKind.CLIENT);
      assertThat(client)
          .hasAttribute(SESSION_ID, "session-1")
          .hasAttribute(USER_ID, "user-1")
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
      assertThat(client.getInstrumentationScopeInfo().getName())
          .isEqualTo("io.opentelemetry.java-http-client");
    }

    @Test
    void spanOnAgentInstrumentedExecutorCarriesScopeValues() {
      assertThat(run.span("executor-in-scope"))
          .hasAttribute(SESSION_ID, "session-1")
          .hasAttribute(USER_ID, "user-1");
    }

    @Test
    void innerSessionOverridesOuterAndRestoresOnClose() {
      assertThat(run.span("nested-scope"))
          .hasAttribute(SESSION_ID, "session-2")
          .hasAttribute(USER_ID, "user-1");
      assertThat(run.span("restored-scope"))
          .hasAttribute(SESSION_ID, "session-1")
          .hasAttribute(USER_ID, "user-1");
    }

    @Test
    void spansOutsideAnyScopeCarryNoOpenInferenceValues() {
      for (String name : List.of("before-scope", "after-scope", "executor-after-scope")) {
        // executor-after-scope runs on the same pool thread as the in-scope task did.
        SpanData span = run.span(name);
        assertNoContextValues(span);
        // The exporter gives every span a kind.
        assertThat(span).hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
      }
    }

    @Test
    void genAiAttributesSetAfterStartAreTranslatedAtExport() {
      assertThat(run.span("llm-call"))
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM")
          .hasAttribute(LLM_MODEL_NAME, "gpt-test")
          .hasAttribute(LLM_TOKEN_COUNT_PROMPT, 12L)
          .hasAttribute(SESSION_ID, "session-1")
          .hasAttribute(USER_ID, "user-1")
          // Nothing asked for masking.
          .hasAttribute(INPUT_VALUE, LLM_INPUT);
    }

    @Test
    void outgoingRequestCarriesTraceparentButNoOpenInferenceValue() {
      assertPropagatedTraceContextOnly(run);
    }

    @Test
    void inboundBaggageIsNotTrustedAsSessionOrUser() {
      // The agent extracted the baggage (the app's handler saw it) ...
      assertThat(run.getInboundResponse()).isEqualTo("evil,mallory");
      // ... but no span took it for OpenInference values.
      SpanData server = run.span(SpanKind.SERVER);
      assertNoContextValues(server);
      SpanData handler = run.span("inbound-handler");
      assertThat(handler).hasParentSpanId(server.getSpanId());
      assertNoContextValues(handler);
    }

    @Test
    void projectNameIsAResourceAttributeOfEverySpan() {
      assertThat(run.getSpans())
          .allSatisfy(
              span ->
                  assertThat(span)
                      .hasResourceSatisfying(
                          resource -> resource.hasAttribute(PROJECT_NAME, PROJECT)));
    }

    @Test
    void applicationSideViewFollowsScopes() {
      assertViewsFollowScopes(run);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithProcessLevelValues {

    private AppRun run;

    @RegisterExtension
    final PrintChildOutputOnFailure printOnFailure = new PrintChildOutputOnFailure(() -> run);

    @BeforeAll
    void runApp() throws Exception {
      run =
          AppRun.builder(Mode.AGENT_WITH_EXTENSION)
              .putEnvironment("OTEL_OPENINFERENCE_SESSION_ID", "batch-42")
              .putEnvironment("OTEL_OPENINFERENCE_USER_ID", "batch-user")
              .putEnvironment("OTEL_OPENINFERENCE_TAGS", "batch,nightly")
              .putEnvironment("OPENINFERENCE_HIDE_INPUTS", "true")
              .run();
    }

    @Test
    void appExitsCleanly() {
      assertExitedCleanly(run);
      assertThat(run.getSpans()).hasSize(AppRun.SPANS_PER_RUN);
    }

    @Test
    void spansOutsideAnyScopeCarryProcessLevelValues() {
      for (String name :
          List.of("before-scope", "after-scope", "executor-after-scope", "inbound-handler")) {
        assertThat(run.span(name))
            .hasAttribute(SESSION_ID, "batch-42")
            .hasAttribute(USER_ID, "batch-user")
            .hasAttribute(TAG_TAGS, List.of("batch", "nightly"))
            .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
      }
    }

    @Test
    void scopeOverridesProcessLevelValuesFieldByField() {
      for (SpanData span :
          List.of(run.span("in-scope"), run.span(SpanKind.CLIENT), run.span("executor-in-scope"))) {
        assertThat(span)
            .hasAttribute(SESSION_ID, "session-1")
            .hasAttribute(USER_ID, "user-1")
            // No scope sets tags: the process-level ones stay.
            .hasAttribute(TAG_TAGS, List.of("batch", "nightly"));
      }
      assertThat(run.span("nested-scope"))
          .hasAttribute(SESSION_ID, "session-2")
          .hasAttribute(USER_ID, "user-1");
    }

    @Test
    void inputIsRedactedAsOpenInferenceHideInputsSays() {
      assertThat(run.span("llm-call"))
          .hasAttribute(INPUT_VALUE, "__REDACTED__")
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "LLM")
          .hasAttribute(SESSION_ID, "session-1");
    }

    @Test
    void inboundBaggageDoesNotReplaceProcessLevelValues() {
      assertThat(run.getInboundResponse()).isEqualTo("evil,mallory");
      assertThat(run.span(SpanKind.SERVER))
          .hasAttribute(SESSION_ID, "batch-42")
          .hasAttribute(USER_ID, "batch-user");
    }

    @Test
    void outgoingRequestCarriesTraceparentButNoOpenInferenceValue() {
      assertPropagatedTraceContextOnly(run);
      assertThat(run.getTargetRequestHeaders().get(0).toString())
          .doesNotContain("batch-42", "batch-user", "nightly");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithDeclarativeConfiguration {

    private AppRun run;

    @RegisterExtension
    final PrintChildOutputOnFailure printOnFailure = new PrintChildOutputOnFailure(() -> run);

    @BeforeAll
    void runApp() throws Exception {
      // The configuration file does not mention OpenInference: the extension adds its processor.
      run = AppRun.builder(Mode.AGENT_WITH_EXTENSION).useDeclarativeConfiguration().run();
    }

    @Test
    void appExitsCleanly() {
      assertExitedCleanly(run);
    }

    @Test
    void aSpanEndedAfterItsScopeClosedCarriesWhatItGotAtStart() {
      // Declarative configuration keeps the processor path: it stamps in onStart.
      assertStampedAtStart(run);
    }

    @Test
    void spansInScopeCarrySessionAndUser() {
      for (SpanData span :
          List.of(run.span("in-scope"), run.span(SpanKind.CLIENT), run.span("executor-in-scope"))) {
        assertThat(span).hasAttribute(SESSION_ID, "session-1").hasAttribute(USER_ID, "user-1");
      }
      assertThat(run.span("nested-scope")).hasAttribute(SESSION_ID, "session-2");
    }

    @Test
    void spansOutsideAnyScopeAndInboundBaggageCarryNoOpenInferenceValues() {
      assertThat(run.getInboundResponse()).isEqualTo("evil,mallory");
      for (SpanData span :
          List.of(
              run.span("before-scope"),
              run.span("after-scope"),
              run.span("executor-after-scope"),
              run.span(SpanKind.SERVER))) {
        assertNoContextValues(span);
      }
    }

    @Test
    void outgoingRequestCarriesTraceparentButNoOpenInferenceValue() {
      assertPropagatedTraceContextOnly(run);
    }
  }

  /**
   * A sampler the user configured: the extension wraps it, so the values are stamped as its
   * sampling result's attributes, and its decisions stand.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithAConfiguredSampler {

    private AppRun run;

    @RegisterExtension
    final PrintChildOutputOnFailure printOnFailure = new PrintChildOutputOnFailure(() -> run);

    @BeforeAll
    void runApp() throws Exception {
      run =
          AppRun.builder(Mode.AGENT_WITH_EXTENSION)
              .addSystemProperty("otel.traces.sampler", "parentbased_traceidratio")
              .addSystemProperty("otel.traces.sampler.arg", "1.0")
              // The agent routes the extension's java.util.logging FINE lines to its debug log.
              .addSystemProperty("otel.javaagent.debug", "true")
              .run();
    }

    @Test
    void theAgentsSamplerIsTheConfiguredOneWrappedAndItsProcessorStandsBy() {
      assertThat(run.getStderr())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(
                          "OpenInference stamps spans at start through the sampler"
                              + " OpenInferenceSampler{delegate=ParentBased{"
                              + "root:TraceIdRatioBased{1.000000}"));
    }

    @Test
    void everySpanIsSampledAndTheScopeValuesAreOnItFromItsStart() {
      assertThat(run.getSpans()).hasSize(AppRun.SPANS_PER_RUN);
      assertStampedAtStart(run);
      assertThat(run.span("in-scope"))
          .hasAttribute(SESSION_ID, "session-1")
          .hasAttribute(OPENINFERENCE_SPAN_KIND, "CHAIN");
      assertThat(run.span("nested-scope")).hasAttribute(SESSION_ID, "session-2");
      assertNoContextValues(run.span("after-scope"));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WhenDisabled {

    private AppRun run;

    @RegisterExtension
    final PrintChildOutputOnFailure printOnFailure = new PrintChildOutputOnFailure(() -> run);

    @BeforeAll
    void runApp() throws Exception {
      run =
          AppRun.builder(Mode.AGENT_WITH_EXTENSION)
              .addSystemProperty("otel.openinference.enabled", "false")
              .addSystemProperty("otel.openinference.session.id", "batch-42")
              .addSystemProperty("otel.openinference.project.name", PROJECT)
              .putEnvironment("OPENINFERENCE_HIDE_INPUTS", "true")
              .run();
    }

    @Test
    void appExitsCleanlyAndAgentStillExportsEverySpan() {
      assertExitedCleanly(run);
      assertThat(run.getSpans()).hasSize(AppRun.SPANS_PER_RUN);
    }

    @Test
    void noSpanCarriesAnyOpenInferenceAttribute() {
      assertThat(run.getSpans()).allSatisfy(JavaagentExtensionIT::assertNoOpenInferenceAttributes);
    }

    @Test
    void exporterNeitherTranslatesNorMasks() {
      assertThat(run.span("llm-call"))
          .hasAttribute(INPUT_VALUE, LLM_INPUT)
          .hasAttribute(AttributeKey.stringKey("gen_ai.request.model"), "gpt-test");
    }

    @Test
    void resourceHasNoProjectName() {
      assertThat(run.getSpans())
          .allSatisfy(
              span ->
                  assertThat(span.getResource().getAttributes()).doesNotContainKey(PROJECT_NAME));
    }

    @Test
    void applicationSideViewStillFollowsScopes() {
      assertViewsFollowScopes(run);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AgentWithoutExtension {

    private AppRun run;

    @RegisterExtension
    final PrintChildOutputOnFailure printOnFailure = new PrintChildOutputOnFailure(() -> run);

    @BeforeAll
    void runApp() throws Exception {
      run = AppRun.builder(Mode.AGENT_ONLY).run();
    }

    @Test
    void appExitsCleanlyAndAgentExportsEverySpan() {
      assertExitedCleanly(run);
      assertThat(run.getSpans()).hasSize(AppRun.SPANS_PER_RUN);
    }

    @Test
    void noSpanCarriesAnyOpenInferenceAttribute() {
      assertThat(run.getSpans()).allSatisfy(JavaagentExtensionIT::assertNoOpenInferenceAttributes);
    }

    @Test
    void applicationSideViewStillFollowsScopes() {
      assertViewsFollowScopes(run);
    }

    @Test
    void outgoingRequestCarriesTraceparentButNoOpenInferenceValue() {
      assertPropagatedTraceContextOnly(run);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithoutAgent {

    private AppRun run;

    @RegisterExtension
    final PrintChildOutputOnFailure printOnFailure = new PrintChildOutputOnFailure(() -> run);

    @BeforeAll
    void runApp() throws Exception {
      run = AppRun.builder(Mode.NO_AGENT).run();
    }

    @Test
    void appExitsCleanlyAndExportsNothing() {
      assertExitedCleanly(run);
      assertThat(run.getExportRequests()).isZero();
    }

    @Test
    void applicationSideViewStillFollowsScopes() {
      assertViewsFollowScopes(run);
    }

    @Test
    void outgoingRequestCarriesNoTraceContextAndNoOpenInferenceValue() {
      assertThat(run.getTargetRequestHeaders()).hasSize(1);
      Map<String, List<String>> headers = run.getTargetRequestHeaders().get(0);
      assertThat(headers).doesNotContainKeys("traceparent", "baggage");
      assertNoOpenInferenceValueIn(headers);
      // Nothing extracted the inbound baggage either.
      assertThat(run.getInboundResponse()).isEqualTo("null,null");
    }
  }

  /** The app's span started in the session scope and ended after the scope closed. */
  private static void assertStampedAtStart(AppRun run) {
    assertThat(run.span("outlives-scope"))
        .hasAttribute(SESSION_ID, "session-1")
        .hasAttribute(USER_ID, "user-1")
        .hasAttribute(OPENINFERENCE_SPAN_KIND, "TOOL");
  }

  private static void assertExitedCleanly(AppRun run) {
    assertThat(run.getExitCode()).as("exit code").isZero();
    assertThat(run.getStdout()).contains(InstrumentedApp.DONE);
    // Our warnings (JUL: "WARNING"/"SEVERE", in the agent: " WARN "/" ERROR ") and any stack trace.
    assertThat(run.getStderr())
        .as("stderr")
        .noneMatch(
            line ->
                line.contains("WARNING")
                    || line.contains("SEVERE")
                    || line.contains(" WARN ")
                    || line.contains(" ERROR ")
                    || line.contains("Exception")
                    || line.contains("Error:"));
  }

  private static void assertNoContextValues(SpanData span) {
    for (AttributeKey<?> key : CONTEXT_KEYS) {
      assertThat(span.getAttributes())
          .as("attributes of %s", span.getName())
          .doesNotContainKey(key);
    }
  }

  private static void assertNoOpenInferenceAttributes(SpanData span) {
    for (AttributeKey<?> key : OPENINFERENCE_KEYS) {
      assertThat(span.getAttributes())
          .as("attributes of %s", span.getName())
          .doesNotContainKey(key);
    }
  }

  private static void assertViewsFollowScopes(AppRun run) {
    assertThat(run.getViews())
        .containsExactly(
            Map.entry("in-scope", "session.id=session-1 user.id=user-1"),
            Map.entry("nested-scope", "session.id=session-2 user.id=user-1"),
            Map.entry("restored-scope", "session.id=session-1 user.id=user-1"),
            Map.entry("after-scope", "session.id=null user.id=null"));
  }

  /** The app's one outgoing request carries the agent's CLIENT span as parent, and nothing else. */
  private static void assertPropagatedTraceContextOnly(AppRun run) {
    assertThat(run.getTargetRequestHeaders()).hasSize(1);
    Map<String, List<String>> headers = run.getTargetRequestHeaders().get(0);
    SpanData client = run.span(SpanKind.CLIENT);
    assertThat(headers.get("traceparent")).hasSize(1);
    assertThat(headers.get("traceparent").get(0))
        // The flags byte may carry more than "sampled" (W3C level 2 "random").
        .matches("00-" + client.getTraceId() + "-" + client.getSpanId() + "-[0-9a-f]{2}");
    // The app set no baggage, and OpenInference values are not baggage.
    assertThat(headers).doesNotContainKey("baggage");
    assertNoOpenInferenceValueIn(headers);
  }

  private static void assertNoOpenInferenceValueIn(Map<String, List<String>> headers) {
    headers.forEach(
        (name, values) -> {
          assertThat(name).doesNotContain("session", "openinference", "user.id", "user-id");
          for (String value : values) {
            String lower = value.toLowerCase(Locale.ROOT);
            assertThat(lower).as("header %s", name).doesNotContain("session.id", "user.id");
            for (String scopeValue : SCOPE_VALUES) {
              assertThat(lower).as("header %s", name).doesNotContain(scopeValue);
            }
          }
        });
  }
}
