/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VARIABLES;
import static dev.openinference.semconv.SemanticConventions.LLM_PROMPT_TEMPLATE_VERSION;
import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenInferenceTest {

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void sessionIsInContextOnlyWhileScopeIsOpen() {
    assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
    try (Scope ignored = OpenInference.usingSession("s-1")) {
      assertThat(OpenInference.getAttributesFromContext())
          .isEqualTo(Attributes.of(SESSION_ID, "s-1"));
    }
    assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
  }

  @Test
  void innerSessionOverridesOuterAndRestoresOnClose() {
    try (Scope outer = OpenInference.usingSession("outer")) {
      try (Scope inner = OpenInference.usingSession("inner")) {
        assertThat(OpenInference.getAttributesFromContext().get(SESSION_ID)).isEqualTo("inner");
      }
      assertThat(OpenInference.getAttributesFromContext().get(SESSION_ID)).isEqualTo("outer");
    }
  }

  @Test
  void innerUserOverridesOuterAndKeepsSession() {
    try (Scope s = OpenInference.usingSession("s");
        Scope u1 = OpenInference.usingUser("alice")) {
      try (Scope u2 = OpenInference.usingUser("bob")) {
        assertThat(OpenInference.getAttributesFromContext())
            .isEqualTo(Attributes.of(SESSION_ID, "s", USER_ID, "bob"));
      }
      assertThat(OpenInference.getAttributesFromContext())
          .isEqualTo(Attributes.of(SESSION_ID, "s", USER_ID, "alice"));
    }
  }

  @Test
  void metadataMergesByKeyInnerWinsAndRestoresOnClose() {
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("a", 1);
    outer.put("b", "outer");
    try (Scope o = OpenInference.usingMetadata(outer)) {
      Map<String, Object> inner = new LinkedHashMap<>();
      inner.put("b", "inner");
      inner.put("c", true);
      try (Scope i = OpenInference.usingMetadata(inner)) {
        assertThat(OpenInference.getAttributesFromContext().get(METADATA))
            .isEqualTo("{\"a\":1,\"b\":\"inner\",\"c\":true}");
      }
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .isEqualTo("{\"a\":1,\"b\":\"outer\"}");
    }
  }

  @Test
  void tagsAreTheUnionOuterFirstWithoutDuplicates() {
    try (Scope o = OpenInference.usingTags("a", "b")) {
      try (Scope i = OpenInference.usingTags(Arrays.asList("b", "c", "a", "d"))) {
        assertThat(OpenInference.getAttributesFromContext().get(TAG_TAGS))
            .containsExactly("a", "b", "c", "d");
      }
      assertThat(OpenInference.getAttributesFromContext().get(TAG_TAGS)).containsExactly("a", "b");
    }
  }

  @Test
  void duplicateTagsInOneCallAreDroppedSilently() {
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingTags("x", "x", "y")) {
      assertThat(OpenInference.getAttributesFromContext().get(TAG_TAGS)).containsExactly("x", "y");
      assertThat(log.warnings()).isEmpty();
    }
  }

  @Test
  void innerPromptTemplateReplacesTemplateVersionAndVariablesTogether() {
    try (Scope o =
        OpenInference.usingPromptTemplate(
            "Hello {name}", "v1", Collections.singletonMap("name", "Bob"))) {
      assertThat(OpenInference.getAttributesFromContext())
          .isEqualTo(
              Attributes.of(
                  LLM_PROMPT_TEMPLATE,
                  "Hello {name}",
                  LLM_PROMPT_TEMPLATE_VERSION,
                  "v1",
                  LLM_PROMPT_TEMPLATE_VARIABLES,
                  "{\"name\":\"Bob\"}"));
      try (Scope i = OpenInference.usingPromptTemplate("Bye", null, null)) {
        assertThat(OpenInference.getAttributesFromContext())
            .isEqualTo(Attributes.of(LLM_PROMPT_TEMPLATE, "Bye"));
      }
      assertThat(OpenInference.getAttributesFromContext().get(LLM_PROMPT_TEMPLATE_VERSION))
          .isEqualTo("v1");
    }
  }

  @Test
  void usingAttributesAppliesAllSevenFieldsWithTheSameNestingRules() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("q", "why?");
    ContextAttributes all =
        ContextAttributes.builder()
            .setSessionId("s")
            .setUserId("u")
            .setMetadata(Collections.singletonMap("k", "v"))
            .setTags("t1", "t2")
            .setPromptTemplate("Q: {q}")
            .setPromptTemplateVersion("3")
            .setPromptTemplateVariables(vars)
            .build();
    try (Scope outer = OpenInference.usingTags("t0");
        Scope s = OpenInference.usingAttributes(all)) {
      assertThat(OpenInference.getAttributesFromContext())
          .isEqualTo(
              Attributes.builder()
                  .put(SESSION_ID, "s")
                  .put(USER_ID, "u")
                  .put(METADATA, "{\"k\":\"v\"}")
                  .put(TAG_TAGS, Arrays.asList("t0", "t1", "t2"))
                  .put(LLM_PROMPT_TEMPLATE, "Q: {q}")
                  .put(LLM_PROMPT_TEMPLATE_VERSION, "3")
                  .put(LLM_PROMPT_TEMPLATE_VARIABLES, "{\"q\":\"why?\"}")
                  .build());
    }
  }

  @Test
  void contextAttributesMakeCurrentMergesLikeBaggage() {
    try (Scope s = OpenInference.usingSession("s");
        Scope u = ContextAttributes.builder().setUserId("u").build().makeCurrent()) {
      assertThat(OpenInference.getAttributesFromContext())
          .isEqualTo(Attributes.of(SESSION_ID, "s", USER_ID, "u"));
    }
  }

  @Test
  void valuesCanBeStoredInAContextThatIsNotCurrent() {
    Context context =
        Context.root().with(ContextAttributes.builder().setSessionId("detached").build());
    assertThat(OpenInference.getAttributesFromContext(context).get(SESSION_ID))
        .isEqualTo("detached");
    assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
  }

  @Test
  void emptyContextAttributesLeaveTheContextUnchanged() {
    Context context = Context.root().with(ContextKey.named("other"), "x");
    assertThat(context.with(ContextAttributes.builder().build())).isSameAs(context);
  }

  @Test
  void metadataMapChangedAfterTheScopeOpensDoesNotChangeTheScope() {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("k", "before");
    try (Scope s = OpenInference.usingMetadata(metadata)) {
      metadata.put("k", "after");
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .isEqualTo("{\"k\":\"before\"}");
    }
  }

  @Test
  void closingTwiceIsHarmlessAndRestoresTheOuterScopeOnce() {
    try (Scope outer = OpenInference.usingSession("outer")) {
      Scope inner = OpenInference.usingSession("inner");
      inner.close();
      inner.close();
      assertThat(OpenInference.getAttributesFromContext().get(SESSION_ID)).isEqualTo("outer");
    }
  }

  @Test
  void closingOnAnotherThreadIsIgnoredWithAWarningAndTheOwnerCanStillClose() throws Exception {
    try (LogCapture log = new LogCapture()) {
      Scope scope = OpenInference.usingSession("s");
      Throwable[] thrown = new Throwable[1];
      Thread other = new Thread(scope::close, "foreign-closer");
      other.setUncaughtExceptionHandler((t, e) -> thrown[0] = e);
      other.start();
      other.join();
      assertThat(thrown[0]).isNull();
      assertThat(log.warnings())
          .anySatisfy(w -> assertThat(w).contains("usingSession").contains("foreign-closer"));
      assertThat(OpenInference.getAttributesFromContext().get(SESSION_ID)).isEqualTo("s");
      scope.close();
      assertThat(OpenInference.getAttributesFromContext().get(SESSION_ID)).isNull();
    }
  }

  @Test
  void closingOutOfOrderRestoresTheContextFromBeforeTheOuterScope() {
    try (LogCapture log = new LogCapture()) {
      Scope outer = OpenInference.usingSession("outer");
      Scope inner = OpenInference.usingUser("inner");
      outer.close();
      assertThat(Context.current()).isSameAs(Context.root());
      inner.close();
      assertThat(Context.current()).isSameAs(Context.root());
      assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("reverse order"));
    }
  }

  @Test
  // Scopes closed out of order on purpose.
  @SuppressWarnings("MustBeClosedChecker")
  void closingASessionScopeWithALeakedInnerScopeDoesNotLeaveTheSessionBehind() {
    try (LogCapture log = new LogCapture()) {
      Scope session = OpenInference.usingSession("s");
      Scope leaked = Context.current().with(ContextKey.named("other"), "x").makeCurrent();
      session.close();
      assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
      leaked.close();
      assertThat(Context.current()).isSameAs(Context.root());
      assertThat(log.warnings()).singleElement().asString().contains("reverse order");
    }
  }
}
