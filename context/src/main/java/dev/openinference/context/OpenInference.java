/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import dev.openinference.context.internal.ContextValues;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The OpenInference context API: puts a session, a user, metadata, tags or a prompt template in the
 * current OpenTelemetry {@link Context} for the duration of a scope. {@code
 * OpenInferenceSpanProcessor} stamps them on every span started inside, whoever creates the span
 * (your code, HTTP and database instrumentation, the OTel javaagent, Spring AI, LangChain4j).
 *
 * <pre>{@code
 * try (Scope session = OpenInference.usingSession(conversationId);
 *     Scope user = OpenInference.usingUser(userId)) {
 *   return agent.answer(question);
 * }
 * }</pre>
 *
 * <h2>Nesting</h2>
 *
 * Scopes nest like any OTel context. An inner scope overrides the session, the user and the prompt
 * template; metadata merges by key with the inner value winning; tags are the union of all open
 * scopes, outer first, without duplicates. Closing a scope restores exactly what was in effect
 * before it opened. The values follow the context across threads wherever the context does ({@link
 * Context#wrap(java.util.concurrent.Executor)}, {@link Context#taskWrapping}, the OTel javaagent's
 * executor instrumentation); a thread the context was not handed to sees none of them.
 *
 * <h2>Bad input</h2>
 *
 * No method here throws, nor lets anything through that the caller's objects throw while they are
 * read ({@code Error}s included, see the README for why {@code OutOfMemoryError} too). A null,
 * empty or blank id, a null map or list, a null key or element is dropped with a rate-limited
 * {@code java.util.logging} warning naming the value; the returned scope then leaves that field as
 * it was. Values that JSON cannot hold are stringified. Closing a scope twice, out of order or on
 * another thread is ignored (with a warning where OTel reports it).
 *
 * <p>All work (merging, JSON encoding) happens when a scope opens; a span start only reads the
 * result.
 */
public final class OpenInference {

  /**
   * Sets the session id ({@code session.id}) until the returned scope is closed. Use the id of the
   * conversation or thread, so a backend can group its turns.
   *
   * @param sessionId the session id; null or blank is ignored with a warning and the enclosing
   *     session stays in effect
   * @return the scope to close (try-with-resources) on the same thread, never null; a no-op scope
   *     when the id was ignored
   */
  public static Scope usingSession(String sessionId) {
    try {
      String id = Inputs.id("OpenInference.usingSession", "session id", sessionId);
      if (id == null) {
        return Scope.noop();
      }
      Context current = Context.current();
      return open(
          current,
          ContextValues.store(
              current, ContextValues.withSessionId(current.get(ContextValues.KEY), id)),
          "OpenInference.usingSession");
    } catch (Throwable t) {
      return failed("OpenInference.usingSession", t);
    }
  }

  /**
   * Sets the user id ({@code user.id}) until the returned scope is closed.
   *
   * @param userId the end user's id; null or blank is ignored with a warning and the enclosing user
   *     stays in effect
   * @return the scope to close (try-with-resources) on the same thread, never null; a no-op scope
   *     when the id was ignored
   */
  public static Scope usingUser(String userId) {
    try {
      String id = Inputs.id("OpenInference.usingUser", "user id", userId);
      if (id == null) {
        return Scope.noop();
      }
      Context current = Context.current();
      return open(
          current,
          ContextValues.store(
              current, ContextValues.withUserId(current.get(ContextValues.KEY), id)),
          "OpenInference.usingUser");
    } catch (Throwable t) {
      return failed("OpenInference.usingUser", t);
    }
  }

  /**
   * Adds metadata ({@code metadata}, a JSON object string) until the returned scope is closed,
   * merged by key over the metadata of enclosing scopes. Values may be strings, numbers, booleans,
   * null, maps, collections and arrays; anything else is written as its {@code toString()}. The map
   * is encoded now: later changes to it have no effect.
   *
   * @param metadata the entries to add; null or empty changes nothing (null with a warning)
   * @return the scope to close (try-with-resources) on the same thread, never null
   */
  public static Scope usingMetadata(Map<String, ?> metadata) {
    String method = "OpenInference.usingMetadata";
    try {
      Map<String, String> members = Inputs.members(method, "metadata", metadata);
      if (members == null || members.isEmpty()) {
        return Scope.noop();
      }
      return openMerged(ContextValues.of(null, null, members, null, null, null, null), method);
    } catch (Throwable t) {
      return failed(method, t);
    }
  }

  /**
   * Adds tags ({@code tag.tags}) until the returned scope is closed, after those of enclosing
   * scopes. Duplicates, nulls and blanks are dropped.
   *
   * @param tags the tags to add; null (with a warning) or no usable tag changes nothing
   * @return the scope to close (try-with-resources) on the same thread, never null
   */
  public static Scope usingTags(String... tags) {
    return usingTags(tags == null ? null : Arrays.asList(tags), "OpenInference.usingTags");
  }

  /**
   * Adds tags ({@code tag.tags}) until the returned scope is closed, after those of enclosing
   * scopes. Duplicates, nulls and blanks are dropped.
   *
   * @param tags the tags to add; null (with a warning) or no usable tag changes nothing
   * @return the scope to close (try-with-resources) on the same thread, never null
   */
  public static Scope usingTags(List<String> tags) {
    return usingTags(tags, "OpenInference.usingTags");
  }

  private static Scope usingTags(@Nullable List<String> tags, String method) {
    try {
      List<String> usable = Inputs.tags(method, tags);
      if (usable == null) {
        return Scope.noop();
      }
      return openMerged(ContextValues.of(null, null, null, usable, null, null, null), method);
    } catch (Throwable t) {
      return failed(method, t);
    }
  }

  /**
   * Sets the prompt template ({@code llm.prompt_template.template}), its version ({@code
   * llm.prompt_template.version}) and the variables applied to it ({@code
   * llm.prompt_template.variables}, a JSON object string) until the returned scope is closed. The
   * three replace those of an enclosing prompt template scope together.
   *
   * @param template the template, for example {@code "Answer {question} in {language}"}
   * @param version the template's version, or null
   * @param variables the variables, or null; encoded like {@link #usingMetadata}
   * @return the scope to close (try-with-resources) on the same thread, never null; a no-op scope
   *     when the template is null or blank (ignored with a warning)
   */
  public static Scope usingPromptTemplate(
      String template, @Nullable String version, @Nullable Map<String, ?> variables) {
    String method = "OpenInference.usingPromptTemplate";
    try {
      String usableTemplate = Inputs.id(method, "prompt template", template);
      if (usableTemplate == null) {
        return Scope.noop();
      }
      String usableVersion =
          version == null ? null : Inputs.id(method, "prompt template version", version);
      Map<String, String> members =
          variables == null ? null : Inputs.members(method, "prompt template variables", variables);
      return openMerged(
          ContextValues.of(null, null, null, null, usableTemplate, usableVersion, members), method);
    } catch (Throwable t) {
      return failed(method, t);
    }
  }

  /**
   * Applies every value set in {@code attributes} until the returned scope is closed, with the same
   * nesting rules as the single-value methods. Equivalent to {@code attributes.makeCurrent()}
   * except that it never throws.
   *
   * @param attributes the values to apply, usually built once and reused; null is ignored with a
   *     warning
   * @return the scope to close (try-with-resources) on the same thread, never null
   */
  public static Scope usingAttributes(ContextAttributes attributes) {
    if (attributes == null) {
      Inputs.warn("OpenInference.usingAttributes: ignored null attributes; nothing changes.");
      return Scope.noop();
    }
    return usingAttributes(attributes, "OpenInference.usingAttributes");
  }

  static Scope usingAttributes(ContextAttributes attributes, String method) {
    try {
      return openMerged(attributes.values(), method);
    } catch (Throwable t) {
      return failed(method, t);
    }
  }

  /**
   * Returns the attributes a span started in {@code context} receives from OpenInference scopes:
   * {@code session.id}, {@code user.id}, {@code metadata}, {@code tag.tags} and {@code
   * llm.prompt_template.*}, each present only when a scope set it.
   *
   * @param context the context to read; null gives no attributes, with a warning
   * @return the attributes, never null; empty when no scope set anything
   */
  public static Attributes getAttributesFromContext(Context context) {
    if (context == null) {
      Inputs.warn("OpenInference.getAttributesFromContext: null context; returned no attributes.");
      return Attributes.empty();
    }
    try {
      ContextValues values = context.get(ContextValues.KEY);
      return values == null ? Attributes.empty() : values.asAttributes();
    } catch (Throwable t) {
      // A Context implementation is user code too.
      Inputs.failed("OpenInference.getAttributesFromContext", t, "returned no attributes");
      return Attributes.empty();
    }
  }

  /**
   * Returns {@link #getAttributesFromContext(Context)} for {@link Context#current()}.
   *
   * @return the attributes of the current context, never null; empty when no scope set anything
   */
  public static Attributes getAttributesFromContext() {
    Context current;
    try {
      current = Context.current();
    } catch (Throwable t) {
      Inputs.failed("OpenInference.getAttributesFromContext", t, "returned no attributes");
      return Attributes.empty();
    }
    return getAttributesFromContext(current);
  }

  private static Scope openMerged(ContextValues values, String method) {
    Context current = Context.current();
    return open(current, ContextValues.storeMerged(current, values), method);
  }

  // The scope is the return value: the caller closes it.
  @SuppressWarnings("MustBeClosedChecker")
  private static Scope open(Context before, Context context, String method) {
    if (context == before) {
      return Scope.noop();
    }
    Scope attached;
    try {
      attached = context.makeCurrent();
    } catch (Throwable t) {
      // A context storage that refuses the attach (a misuse it detected) must not fail the app.
      Inputs.failed(method, t, "changed nothing: could not make the context current");
      return Scope.noop();
    }
    return new SafeScope(attached, before, context, method);
  }

  /**
   * The last resort of every public method: something unforeseen was thrown (an {@code
   * OutOfMemoryError}, a context storage failing). The caller gets a scope that changes nothing.
   */
  private static Scope failed(String method, Throwable t) {
    Inputs.failed(method, t, "changed nothing");
    return Scope.noop();
  }

  private OpenInference() {}
}
