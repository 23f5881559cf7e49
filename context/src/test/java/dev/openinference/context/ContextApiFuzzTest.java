/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Calls every public method of the context API with hostile input, seeded, and checks that none
 * throws and that every close leaves exactly the context the scope model expects.
 *
 * <p>About a million calls by default; more with {@code -Dopeninference.fuzz.calls=10000000}, and
 * another input sequence with {@code -Dopeninference.fuzz.seed=...}.
 *
 * <p>Model of the scopes: a stack of open scopes with the context current before each opened.
 * Closing the innermost restores its {@code before}; closing one further out (out of order)
 * restores its {@code before} too, and orphans the scopes above it, whose later close must change
 * nothing; closing twice, closing an orphan and closing on another thread change nothing. A {@link
 * Scope#noop()} (what bad input returns) changes nothing when closed.
 */
class ContextApiFuzzTest {

  private static final long CALLS = Long.getLong("openinference.fuzz.calls", 1_000_000L);
  private static final long SEED = Long.getLong("openinference.fuzz.seed", 20261202L);
  private static final ContextKey<String> OTHER_KEY = ContextKey.named("fuzz-other");

  private final Random random = new Random(SEED);
  private final ExecutorService foreign =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "fuzz-foreign-closer"));
  private long calls;
  private long throwsCount;
  private long restoreFailures;
  private final List<String> firstProblems = new ArrayList<>();

  /** An open scope and the context that was current before it opened. */
  private static final class Open {
    final Scope scope;
    final Context before;

    Open(Scope scope, Context before) {
      this.scope = scope;
      this.before = before;
    }
  }

  private final List<Open> open = new ArrayList<>();
  private final List<Scope> orphans = new ArrayList<>();
  private final List<Scope> closed = new ArrayList<>();

  // Built once: too costly to build per call, and sharing them is hostile too.
  private final Map<String, Object> hugeMap = new HashMap<>();
  private final List<Object> hugeList = new ArrayList<>();
  private final String hugeString;
  private final List<Object> deepList = new ArrayList<>();
  private final Map<String, Object> cyclicMap = new LinkedHashMap<>();
  private final List<Object> cyclicList = new ArrayList<>();
  private final Object[] cyclicArray = new Object[2];
  private final List<Object> exponential;

  ContextApiFuzzTest() {
    for (int i = 0; i < 100_000; i++) {
      hugeMap.put("key-" + i, i);
      hugeList.add("tag-" + i);
    }
    char[] chars = new char[200_000];
    Arrays.fill(chars, 'x');
    hugeString = new String(chars);
    List<Object> current = deepList;
    for (int i = 0; i < 20_000; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    cyclicMap.put("self", cyclicMap);
    cyclicMap.put("list", cyclicList);
    cyclicList.add(cyclicList);
    cyclicList.add(cyclicMap);
    cyclicArray[0] = cyclicArray;
    cyclicArray[1] = cyclicList;
    // The same list twice at every level: 2^40 leaves if the encoder did not stop at its budget.
    List<Object> level = Arrays.asList(1, 2);
    for (int i = 0; i < 40; i++) {
      level = Arrays.asList(level, level);
    }
    exponential = level;
  }

  @Test
  void noPublicMethodThrowsAndEveryCloseRestoresTheExpectedContext() throws Exception {
    RecordingHandler strict = new RecordingHandler();
    Logger strictLogger = Logger.getLogger("io.opentelemetry.context.StrictContextStorage");
    boolean strictParents = strictLogger.getUseParentHandlers();
    strictLogger.setUseParentHandlers(false);
    strictLogger.addHandler(strict);
    try (LogCapture log = new LogCapture()) {
      while (calls < CALLS) {
        step();
      }
      closeEverything();
      assertThat(Context.current()).isSameAs(Context.root());
      // The warnings are rate-limited: a million bad calls log a handful.
      assertThat(log.warnings()).hasSizeLessThanOrEqualTo(5 * 60);
    } finally {
      foreign.shutdownNow();
      // A scope closed out of order leaves the context it restored attached for good (that is
      // the point); strict context storage reports such scopes when they are collected.
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
      }
      strictLogger.removeHandler(strict);
      strictLogger.setUseParentHandlers(strictParents);
    }
    assertThat(strict.records)
        .allSatisfy(
            r -> {
              assertThat(r.getMessage()).isEqualTo("Scope garbage collected before being closed.");
              String stack = Arrays.toString(r.getThrown().getStackTrace());
              // Never closed on purpose: the restore of an out-of-order close, and the foreign
              // (non-OpenInference) scopes this test orphans and drops.
              assertThat(
                      stack.contains("SafeScope.closeOnce")
                          || stack.contains("ContextApiFuzzTest.openScope"))
                  .as(stack)
                  .isTrue();
            });
    assertThat(firstProblems).isEmpty();
    assertThat(throwsCount).as("throws in %s calls", calls).isZero();
    assertThat(restoreFailures).as("wrong context after close in %s calls", calls).isZero();
    assertThat(calls).isGreaterThanOrEqualTo(CALLS);
  }

  private void step() throws Exception {
    if (open.size() > 48) {
      closeEverything();
      return;
    }
    int op = random.nextInt(100);
    if (op < 40) {
      openScope();
    } else if (op < 55) {
      closeInOrder();
    } else if (op < 61) {
      closeOutOfOrder();
    } else if (op < 64) {
      closeAgain();
    } else if (op < 66) {
      closeOrphan();
    } else if (op < 67) {
      closeOnAnotherThread();
    } else if (op < 80) {
      buildAndUse();
    } else if (op < 90) {
      read();
    } else {
      storeAndCompare();
    }
  }

  // ---- calls ----

  /** Runs one public call, counting it and anything it throws. */
  @Nullable
  private <T> T call(String what, Supplier<T> body) {
    calls++;
    try {
      return body.get();
    } catch (Throwable t) {
      throwsCount++;
      problem(what + " threw " + t);
      return null;
    }
  }

  private void run(String what, Runnable body) {
    call(
        what,
        () -> {
          body.run();
          return null;
        });
  }

  private void problem(String message) {
    if (firstProblems.size() < 10) {
      firstProblems.add("call " + calls + ": " + message);
    }
  }

  // The scopes opened here are closed later, in random order: that is the test.
  @SuppressWarnings("MustBeClosedChecker")
  private void openScope() {
    Context before = Context.current();
    Scope scope;
    switch (random.nextInt(9)) {
      case 0:
        scope = call("usingSession", () -> OpenInference.usingSession(id()));
        break;
      case 1:
        scope = call("usingUser", () -> OpenInference.usingUser(id()));
        break;
      case 2:
        scope = call("usingMetadata", () -> OpenInference.usingMetadata(metadata()));
        break;
      case 3:
        scope = call("usingTags(String...)", () -> OpenInference.usingTags(tagArray()));
        break;
      case 4:
        scope = call("usingTags(List)", () -> OpenInference.usingTags(tagList()));
        break;
      case 5:
        scope =
            call(
                "usingPromptTemplate",
                () ->
                    OpenInference.usingPromptTemplate(
                        id(),
                        random.nextBoolean() ? null : id(),
                        random.nextBoolean() ? null : metadata()));
        break;
      case 6:
        {
          ContextAttributes attributes = attributes();
          scope =
              call(
                  "usingAttributes",
                  () -> OpenInference.usingAttributes(random.nextInt(20) == 0 ? null : attributes));
          break;
        }
      case 7:
        {
          ContextAttributes attributes = attributes();
          scope = call("makeCurrent", attributes::makeCurrent);
          break;
        }
      default:
        // A scope of someone else's in between ours.
        scope = Context.current().with(OTHER_KEY, "x").makeCurrent();
        break;
    }
    if (scope == null) {
      return;
    }
    if (scope == Scope.noop() && Context.current() != before) {
      restoreFailures++;
      problem("a no-op scope changed the context");
    }
    open.add(new Open(scope, before));
  }

  private void closeInOrder() {
    if (open.isEmpty()) {
      return;
    }
    Open top = open.remove(open.size() - 1);
    close(top.scope, top.before, "in-order close");
  }

  private void closeOutOfOrder() {
    if (open.size() < 2) {
      closeInOrder();
      return;
    }
    int i = random.nextInt(open.size() - 1);
    Open target = open.get(i);
    if (target.scope == Scope.noop() || !isOurs(target.scope)) {
      // Only OpenInference scopes repair an out-of-order close; OTel's own ignore it.
      return;
    }
    Context expected = target.before;
    List<Open> above = new ArrayList<>(open.subList(i + 1, open.size()));
    open.subList(i, open.size()).clear();
    close(target.scope, expected, "out-of-order close");
    for (Open orphan : above) {
      if (orphan.scope != Scope.noop()) {
        orphans.add(orphan.scope);
      }
    }
  }

  private static boolean isOurs(Scope scope) {
    return scope instanceof SafeScope;
  }

  private void closeAgain() {
    if (closed.isEmpty()) {
      return;
    }
    Scope scope = closed.get(random.nextInt(closed.size()));
    if (!isOurs(scope)) {
      return;
    }
    close(scope, Context.current(), "second close");
  }

  private void closeOrphan() {
    if (orphans.isEmpty()) {
      return;
    }
    Scope orphan = orphans.remove(random.nextInt(orphans.size()));
    if (!isOurs(orphan)) {
      // An OTel scope closed after the context moved on would restore a stale context; only
      // ours are guaranteed to change nothing. Dropping it is what the app would be left with.
      return;
    }
    close(orphan, Context.current(), "orphan close");
  }

  private void closeOnAnotherThread() throws Exception {
    if (open.isEmpty()) {
      return;
    }
    Open target = open.get(random.nextInt(open.size()));
    if (!isOurs(target.scope)) {
      return;
    }
    Context here = Context.current();
    calls++;
    Future<String> result =
        foreign.submit(
            () -> {
              try {
                target.scope.close();
              } catch (Throwable t) {
                return "foreign close threw " + t;
              }
              return Context.current() == Context.root()
                  ? null
                  : "foreign close changed that thread";
            });
    String outcome = result.get();
    if (outcome != null) {
      if (outcome.contains("threw")) {
        throwsCount++;
      } else {
        restoreFailures++;
      }
      problem(outcome);
    }
    if (Context.current() != here) {
      restoreFailures++;
      problem("a foreign close changed the owner's context");
    }
  }

  private void close(Scope scope, Context expected, String what) {
    run(what, scope::close);
    if (Context.current() != expected) {
      restoreFailures++;
      problem(what + " of " + scope + " left " + Context.current() + ", expected " + expected);
      // Carry on from where we are: later checks are relative to the actual context.
      resync();
    }
    if (closed.size() < 32) {
      closed.add(scope);
    } else {
      closed.set(random.nextInt(32), scope);
    }
  }

  private void resync() {
    open.clear();
  }

  private void closeEverything() {
    while (!open.isEmpty()) {
      closeInOrder();
    }
    orphans.removeIf(s -> !isOurs(s));
    while (!orphans.isEmpty()) {
      closeOrphan();
    }
    if (Context.current() != Context.root()) {
      restoreFailures++;
      problem("closing everything left " + Context.current());
    }
  }

  // Calls whose only check is that they do not throw.
  @SuppressWarnings("ReturnValueIgnored")
  private void buildAndUse() {
    ContextAttributes.Builder builder = call("builder", ContextAttributes::builder);
    if (builder == null) {
      return;
    }
    int setters = random.nextInt(6);
    for (int i = 0; i < setters; i++) {
      applySetter(builder);
    }
    run("Builder.toString", builder::toString);
    ContextAttributes attributes = call("build", builder::build);
    if (attributes == null) {
      return;
    }
    run("toString", attributes::toString);
    run("hashCode", attributes::hashCode);
  }

  private void applySetter(ContextAttributes.Builder builder) {
    switch (random.nextInt(8)) {
      case 0:
        run("setSessionId", () -> builder.setSessionId(id()));
        break;
      case 1:
        run("setUserId", () -> builder.setUserId(id()));
        break;
      case 2:
        run("setMetadata", () -> builder.setMetadata(metadata()));
        break;
      case 3:
        run("setTags(List)", () -> builder.setTags(tagList()));
        break;
      case 4:
        run("setTags(String...)", () -> builder.setTags(tagArray()));
        break;
      case 5:
        run("setPromptTemplate", () -> builder.setPromptTemplate(id()));
        break;
      case 6:
        run("setPromptTemplateVersion", () -> builder.setPromptTemplateVersion(id()));
        break;
      default:
        run("setPromptTemplateVariables", () -> builder.setPromptTemplateVariables(metadata()));
        break;
    }
  }

  private ContextAttributes attributes() {
    ContextAttributes.Builder builder = ContextAttributes.builder();
    int setters = 1 + random.nextInt(4);
    for (int i = 0; i < setters; i++) {
      applySetter(builder);
    }
    ContextAttributes attributes = call("build", builder::build);
    return attributes == null ? ContextAttributes.empty() : attributes;
  }

  private void read() {
    switch (random.nextInt(4)) {
      case 0:
        run("getAttributesFromContext()", OpenInference::getAttributesFromContext);
        break;
      case 1:
        run("getAttributesFromContext(null)", () -> OpenInference.getAttributesFromContext(null));
        break;
      case 2:
        run(
            "getAttributesFromContext(hostile)",
            () -> OpenInference.getAttributesFromContext(hostileContext()));
        break;
      default:
        run(
            "getAttributesFromContext(current)",
            () -> OpenInference.getAttributesFromContext(Context.current()));
        break;
    }
  }

  // Calls whose only check is that they do not throw, equals with another type included.
  @SuppressWarnings({"ReturnValueIgnored", "EqualsIncompatibleType"})
  private void storeAndCompare() {
    ContextAttributes a = attributes();
    ContextAttributes b = random.nextBoolean() ? a : attributes();
    Context target;
    switch (random.nextInt(4)) {
      case 0:
        target = null;
        break;
      case 1:
        target = Context.root();
        break;
      case 2:
        target = hostileContext();
        break;
      default:
        target = Context.current();
        break;
    }
    Context stored = call("storeInContext", () -> a.storeInContext(target));
    if (stored != null) {
      run("getAttributesFromContext(stored)", () -> OpenInference.getAttributesFromContext(stored));
    }
    run("equals", () -> a.equals(b));
    run("equals(other type)", () -> a.equals("x"));
  }

  // ---- hostile input ----

  private static Context hostileContext() {
    return new Context() {
      @Override
      public <V> V get(ContextKey<V> key) {
        throw new AssertionError("hostile context get");
      }

      @Override
      public <V> Context with(ContextKey<V> k, V v) {
        throw new IllegalStateException("hostile context with");
      }
    };
  }

  @Nullable
  private String id() {
    switch (random.nextInt(8)) {
      case 0:
        return null;
      case 1:
        return "";
      case 2:
        return " \t\n";
      case 3:
        return random.nextInt(50) == 0 ? hugeString : "id-" + random.nextInt(20);
      case 4:
        return "\uD800lone\uDC00 surrogates \uD83D";
      default:
        return randomString();
    }
  }

  private String randomString() {
    int length = random.nextInt(12);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0:
          sb.append((char) random.nextInt(0x20));
          break;
        case 1:
          sb.append((char) (0xD800 + random.nextInt(0x800)));
          break;
        case 2:
          sb.append('"').append('\\');
          break;
        case 3:
          sb.append('\u2028');
          break;
        default:
          sb.append((char) ('a' + random.nextInt(26)));
          break;
      }
    }
    return sb.toString();
  }

  private Throwable throwable() {
    switch (random.nextInt(7)) {
      case 0:
        return new AssertionError("assertion");
      case 1:
        return new StackOverflowError("simulated");
      case 2:
        return new OutOfMemoryError("simulated");
      case 3:
        return new java.io.IOException("checked, thrown sneakily");
      case 4:
        return new ConcurrentModificationException();
      case 5:
        return new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("hostile getMessage");
          }

          @Override
          public String toString() {
            throw new IllegalStateException("hostile toString");
          }
        };
      default:
        return new IllegalStateException("runtime");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  // Mixed mutability and an identity map on purpose: the API must take whatever maps callers have.
  @SuppressWarnings({"unchecked", "rawtypes", "MixedMutabilityReturnType", "IdentityHashMapUsage"})
  @Nullable
  private Map<String, Object> metadata() {
    switch (random.nextInt(12)) {
      case 0:
        return null;
      case 1:
        return Collections.emptyMap();
      case 2:
        return hugeMap;
      case 3:
        return cyclicMap;
      case 4:
        {
          Throwable t = throwable();
          return new AbstractMap<String, Object>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
              throw sneaky(t);
            }
          };
        }
      case 5:
        return throwingEntries();
      case 6:
        {
          // Raw: keys that are not strings, one of them hostile.
          // Identity keys: the generator must not call the hostile keys' hashCode() itself.
          Map raw = new java.util.IdentityHashMap();
          raw.put(random.nextInt(), value());
          raw.put(null, value());
          raw.put(hostileObject(), value());
          return raw;
        }
      case 7:
        return endlessMap();
      default:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          int entries = 1 + random.nextInt(6);
          for (int i = 0; i < entries; i++) {
            map.put(random.nextInt(10) == 0 ? randomString() : "k" + random.nextInt(200), value());
          }
          return map;
        }
    }
  }

  private Map<String, Object> throwingEntries() {
    Throwable t = throwable();
    boolean inKey = random.nextBoolean();
    return new AbstractMap<String, Object>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        return Collections.singleton(
            new SimpleEntry<String, Object>("k", "v") {
              @Override
              public String getKey() {
                if (inKey) {
                  throw sneaky(t);
                }
                return "k";
              }

              @Override
              public Object getValue() {
                throw sneaky(t);
              }
            });
      }
    };
  }

  private static Map<String, Object> endlessMap() {
    return new AbstractMap<String, Object>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<Entry<String, Object>>() {
          @Override
          public Iterator<Entry<String, Object>> iterator() {
            return new Iterator<Entry<String, Object>>() {
              long n;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Entry<String, Object> next() {
                n++;
                return new SimpleEntry<>("endless-" + n, n);
              }
            };
          }

          @Override
          public int size() {
            return Integer.MAX_VALUE;
          }
        };
      }
    };
  }

  @Nullable
  private Object value() {
    switch (random.nextInt(26)) {
      case 0:
        return null;
      case 1:
        return randomString();
      case 2:
        return random.nextInt(20) == 0 ? hugeString : "text";
      case 3:
        return cyclicMap;
      case 4:
        return cyclicList;
      case 5:
        return deepList;
      case 6:
        return endlessIterable();
      case 7:
        return (Iterable<Object>) () -> null;
      case 8:
        {
          Throwable t = throwable();
          return (Iterable<Object>)
              () ->
                  new Iterator<Object>() {
                    @Override
                    public boolean hasNext() {
                      throw sneaky(t);
                    }

                    @Override
                    public Object next() {
                      throw sneaky(t);
                    }
                  };
        }
      case 9:
        return hostileObject();
      case 10:
        return hostileCharSequence();
      case 11:
        return hugeMap;
      case 12:
        return Double.NaN;
      case 13:
        return random.nextBoolean()
            ? BigInteger.ONE.shiftLeft(200_000)
            : BigInteger.ONE.shiftLeft(1000);
      case 14:
        return new Number() {
          @Override
          public int intValue() {
            return 0;
          }

          @Override
          public long longValue() {
            return 0;
          }

          @Override
          public float floatValue() {
            return 0;
          }

          @Override
          public double doubleValue() {
            return 0;
          }

          @Override
          public String toString() {
            throw new AssertionError("hostile Number");
          }
        };
      case 15:
        return new BigDecimal("1.5") {
          @Override
          public String toString() {
            throw new AssertionError("hostile BigDecimal");
          }
        };
      case 16:
        return new int[] {1, 2, 3};
      case 17:
        return cyclicArray;
      case 18:
        return Optional.of(Optional.of(cyclicList));
      case 19:
        return exponential;
      case 20:
        return throwingEntries();
      case 21:
        return hostileList();
      case 22:
        return new double[][] {{Double.POSITIVE_INFINITY}, {}};
      case 23:
        // Really recursive: costly, so rare.
        return random.nextInt(100) == 0 ? recursiveToString() : 'c';
      case 24:
        return endlessMap();
      default:
        {
          Map<String, Object> nested = new HashMap<>();
          nested.put("list", Arrays.asList(1, "two", null, true));
          nested.put("map", Collections.singletonMap("x", 1.5));
          return nested;
        }
    }
  }

  // A lambda on purpose: the shortest endless Iterable.
  @SuppressWarnings("UnnecessaryLambda")
  private static Iterable<Object> endlessIterable() {
    return () ->
        new Iterator<Object>() {
          long n;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Object next() {
            return n++;
          }
        };
  }

  private List<Object> hostileList() {
    Throwable t = throwable();
    return new AbstractList<Object>() {
      @Override
      public Object get(int index) {
        throw sneaky(t);
      }

      @Override
      public int size() {
        return 3;
      }
    };
  }

  private Object hostileObject() {
    Throwable t = throwable();
    return new Object() {
      @Override
      public String toString() {
        throw sneaky(t);
      }

      @Override
      public int hashCode() {
        throw sneaky(t);
      }

      @Override
      public boolean equals(Object o) {
        throw sneaky(t);
      }
    };
  }

  private CharSequence hostileCharSequence() {
    Throwable t = throwable();
    boolean returnsNull = random.nextBoolean();
    return new CharSequence() {
      @Override
      public int length() {
        throw sneaky(t);
      }

      @Override
      public char charAt(int index) {
        throw sneaky(t);
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        throw sneaky(t);
      }

      // Hostile on purpose: what the API must survive.
      @SuppressWarnings("ToStringReturnsNull")
      @Override
      @Nullable
      public String toString() {
        if (returnsNull) {
          return null;
        }
        throw sneaky(t);
      }
    };
  }

  // Hostile input on purpose.
  @SuppressWarnings({"InfiniteRecursion", "ToStringReturnsNull"})
  private static Object recursiveToString() {
    return new Object() {
      @Override
      public String toString() {
        return "r" + toString();
      }
    };
  }

  @Nullable
  private String[] tagArray() {
    switch (random.nextInt(5)) {
      case 0:
        return null;
      case 1:
        return new String[] {null, "", " ", "a"};
      case 2:
        return new String[] {randomString(), randomString(), "t" + random.nextInt(300)};
      case 3:
        return new String[] {hugeString};
      default:
        return new String[] {"t" + random.nextInt(300)};
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Nullable
  private List<String> tagList() {
    switch (random.nextInt(8)) {
      case 0:
        return null;
      case 1:
        return Arrays.asList(null, "", "x", "x", randomString());
      case 2:
        return (List) hugeList;
      case 3:
        return (List) hostileList();
      case 4:
        {
          List raw = new ArrayList();
          raw.add(hostileObject());
          raw.add(1);
          raw.add(hostileCharSequence());
          return raw;
        }
      case 5:
        return new ArrayList<String>() {
          @Override
          public Iterator<String> iterator() {
            return new Iterator<String>() {
              int n;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public String next() {
                return "endless-" + n++;
              }
            };
          }
        };
      default:
        return Arrays.asList("t" + random.nextInt(300), "u" + random.nextInt(300));
    }
  }

  private static final class RecordingHandler extends Handler {
    final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
