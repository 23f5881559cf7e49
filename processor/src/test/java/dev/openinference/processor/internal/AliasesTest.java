/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.internal.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.OpenInference;
import dev.openinference.processor.OpenInferenceSpanProcessor;
import dev.openinference.processor.StampingMode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys out, at start: what each alias writes, and that nothing is written with none. */
class AliasesTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider provider;
  private Tracer tracer;

  /** How OpenInference is installed; subclasses run every test in another mode. */
  StampingMode mode() {
    return StampingMode.PROCESSOR;
  }

  private void use(String... aliases) {
    use(OpenInferenceSpanProcessor.builder().setAliases(aliases).build());
  }

  private void use(OpenInferenceSpanProcessor processor) {
    provider =
        mode()
            .install(SdkTracerProvider.builder(), processor)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    tracer = provider.get("test");
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
    assertThat(Context.current()).isSameAs(Context.root());
  }

  /** One span in a session with user, tags and metadata, and one outside any scope. */
  private SpanData spanInAConversation() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("channel", "web");
    metadata.put("turn", 2);
    metadata.put("flags", Arrays.asList("a", "b"));
    try (Scope s = OpenInference.usingSession("conv-7");
        Scope u = OpenInference.usingUser("alice");
        Scope t = OpenInference.usingTags("support", "beta");
        Scope m = OpenInference.usingMetadata(metadata)) {
      tracer.spanBuilder("turn").startSpan().end();
    }
    return exporter.getFinishedSpanItems().get(exporter.getFinishedSpanItems().size() - 1);
  }

  private static List<String> aliasKeys(SpanData span) {
    List<String> keys = new ArrayList<>();
    span.getAttributes()
        .forEach(
            (key, value) -> {
              String name = key.getKey();
              if (name.startsWith("langfuse.")
                  || name.startsWith("langsmith.")
                  || name.equals(GEN_AI_CONVERSATION_ID.getKey())) {
                keys.add(name);
              }
            });
    return keys;
  }

  @Test
  void withNoAliasesOnlyTheOpenInferenceKeysAreWritten() {
    use();
    SpanData span = spanInAConversation();
    assertThat(span).hasAttribute(SESSION_ID, "conv-7");
    assertThat(aliasKeys(span)).isEmpty();
    assertThat(span.getAttributes().size()).isEqualTo(5); // session, user, tags, metadata, kind
  }

  @Test
  void genaiWritesTheConversationIdOnly() {
    use("genai");
    SpanData span = spanInAConversation();
    assertThat(span).hasAttribute(GEN_AI_CONVERSATION_ID, "conv-7");
    assertThat(aliasKeys(span)).containsExactly(GEN_AI_CONVERSATION_ID.getKey());
  }

  @Test
  void genaiKeepsAConversationIdTheSpanAlreadyHas() {
    use("genai");
    try (Scope s = OpenInference.usingSession("scope")) {
      tracer.spanBuilder("span").setAttribute(GEN_AI_CONVERSATION_ID, "own").startSpan().end();
    }
    assertThat(exporter.getFinishedSpanItems().get(0))
        .hasAttribute(GEN_AI_CONVERSATION_ID, "own")
        .hasAttribute(SESSION_ID, "scope");
  }

  @Test
  void langfuseWritesItsSessionUserTagsAndMetadataKeys() {
    use("langfuse");
    SpanData span = spanInAConversation();
    assertThat(span)
        .hasAttributesSatisfying(
            equalTo(stringKey("langfuse.session.id"), "conv-7"),
            equalTo(stringKey("langfuse.user.id"), "alice"),
            equalTo(stringArrayKey("langfuse.trace.tags"), Arrays.asList("support", "beta")),
            equalTo(stringKey("langfuse.trace.metadata.channel"), "web"),
            equalTo(stringKey("langfuse.trace.metadata.turn"), "2"),
            equalTo(stringKey("langfuse.trace.metadata.flags"), "[\"a\",\"b\"]"));
    assertThat(aliasKeys(span)).allMatch(key -> key.startsWith("langfuse."));
  }

  @Test
  void langsmithWritesTheThreadIdMetadataAndCommaSeparatedTags() {
    use("langsmith");
    SpanData span = spanInAConversation();
    assertThat(span)
        .hasAttributesSatisfying(
            equalTo(stringKey("langsmith.metadata.thread_id"), "conv-7"),
            equalTo(stringKey("langsmith.span.tags"), "support,beta"),
            equalTo(stringKey("langsmith.metadata.channel"), "web"),
            equalTo(stringKey("langsmith.metadata.turn"), "2"));
    assertThat(aliasKeys(span)).allMatch(key -> key.startsWith("langsmith."));
  }

  @Test
  void theSessionWinsOverAThreadIdMemberForLangsmith() {
    use("langsmith");
    try (Scope s = OpenInference.usingSession("session");
        Scope m = OpenInference.usingMetadata(Collections.singletonMap("thread_id", "stale"))) {
      tracer.spanBuilder("span").startSpan().end();
    }
    assertThat(exporter.getFinishedSpanItems().get(0))
        .hasAttribute(stringKey("langsmith.metadata.thread_id"), "session");
  }

  @Test
  void aSessionFromTheMetadataGetsItsAliasesToo() {
    use("genai", "langfuse", "langsmith");
    try (Scope m = OpenInference.usingMetadata(Collections.singletonMap("thread_id", "t-9"))) {
      tracer.spanBuilder("span").startSpan().end();
    }
    assertThat(exporter.getFinishedSpanItems().get(0))
        .hasAttributesSatisfying(
            equalTo(SESSION_ID, "t-9"),
            equalTo(GEN_AI_CONVERSATION_ID, "t-9"),
            equalTo(stringKey("langfuse.session.id"), "t-9"),
            equalTo(stringKey("langsmith.metadata.thread_id"), "t-9"));
  }

  @Test
  void processLevelValuesGetAliases() {
    use(
        OpenInferenceSpanProcessor.builder()
            .setSessionId("nightly")
            .setTags(Arrays.asList("batch"))
            .setMetadata(Collections.singletonMap("run", "7"))
            .setAliases("langfuse")
            .build());
    tracer.spanBuilder("span").startSpan().end();
    assertThat(exporter.getFinishedSpanItems().get(0))
        .hasAttributesSatisfying(
            equalTo(stringKey("langfuse.session.id"), "nightly"),
            equalTo(stringArrayKey("langfuse.trace.tags"), Arrays.asList("batch")),
            equalTo(stringKey("langfuse.trace.metadata.run"), "7"));
  }

  @Test
  void spansOutsideAnyScopeGetNoAliases() {
    use("genai", "langfuse", "langsmith");
    tracer.spanBuilder("GET /health").startSpan().end();
    assertThat(exporter.getFinishedSpanItems().get(0)).hasTotalAttributeCount(0);
  }

  @Test
  void manySpansOfOneScopeAllCarryTheSameMetadataAliases() {
    use("langfuse");
    try (Scope m = OpenInference.usingMetadata(Collections.singletonMap("k", "v"))) {
      Span parent = tracer.spanBuilder("parent").startSpan();
      try (Scope p = parent.makeCurrent()) {
        for (int i = 0; i < 3; i++) {
          tracer.spanBuilder("child").startSpan().end();
        }
      } finally {
        parent.end();
      }
    }
    assertThat(exporter.getFinishedSpanItems()).hasSize(4);
    for (SpanData span : exporter.getFinishedSpanItems()) {
      assertThat(span).hasAttribute(stringKey("langfuse.trace.metadata.k"), "v");
    }
  }

  @Test
  void moreThanThirtyTwoMetadataKeysAreAliasedUpToTheCapWithAWarning() {
    use("langsmith");
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (int i = 0; i < Aliases.MAX_METADATA_KEYS + 8; i++) {
      metadata.put("k" + i, i);
    }
    List<String> warnings;
    try (Warnings w = new Warnings()) {
      try (Scope m = OpenInference.usingMetadata(metadata)) {
        tracer.spanBuilder("span").startSpan().end();
      }
      warnings = w.messages;
    }
    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(aliasKeys(span)).hasSize(Aliases.MAX_METADATA_KEYS);
    assertThat(span).hasAttribute(AttributeKey.stringKey("langsmith.metadata.k31"), "31");
    assertThat(span.getAttributes().get(stringKey("langsmith.metadata.k32"))).isNull();
    assertThat(warnings).singleElement().asString().contains("40 keys", "first 32");
  }

  @Test
  void unknownNamesAreDroppedWithAWarningNamingThem() {
    List<String> warnings;
    Aliases aliases;
    Aliases noneKnown;
    try (Warnings w = new Warnings()) {
      aliases = Aliases.of(Arrays.asList(" LangFuse ", "", "phoenix", "genai"), "the setting");
      noneKnown = Aliases.of(Collections.singletonList("none-of-these"), "x");
      warnings = w.messages;
    }
    assertThat(aliases.names()).containsExactly("genai", "langfuse");
    assertThat(noneKnown.isEmpty()).isTrue();
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0))
        .contains("the setting", "\"phoenix\"", "genai, langfuse, langsmith");
    assertThat(warnings.get(1)).contains("x: ignored the unknown alias \"none-of-these\"");
  }

  @Test
  void configurationReadsTheCommaListFromItsPropertyAndEnvironmentVariable() {
    Map<String, String> properties =
        Collections.singletonMap("otel.openinference.aliases", "langsmith, genai");
    OpenInferenceConfiguration config =
        OpenInferenceConfiguration.read(ConfigValues.fromMap(properties));
    assertThat(config.getAliases().names()).containsExactly("genai", "langsmith");
    assertThat(config.newSpanProcessor().toString()).contains("aliases=[genai, langsmith]");
    assertThat(ConfigValues.toEnvironmentVariable(OpenInferenceConfiguration.ALIASES))
        .isEqualTo("OTEL_OPENINFERENCE_ALIASES");
    assertThat(OpenInferenceConfiguration.read(ConfigValues.fromMap(null)).getAliases().isEmpty())
        .isTrue();
  }

  /** Captures the warnings of {@link Aliases}, keeping them off the console. */
  private static final class Warnings extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(Aliases.class.getName());
    final List<String> messages = new ArrayList<>();

    Warnings() {
      Aliases.logger.reset();
      logger.setUseParentHandlers(false);
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      messages.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setUseParentHandlers(true);
    }
  }
}
