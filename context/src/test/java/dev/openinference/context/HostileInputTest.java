/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context;

import static dev.openinference.semconv.SemanticConventions.METADATA;
import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static dev.openinference.semconv.SemanticConventions.TAG_TAGS;
import static dev.openinference.semconv.SemanticConventions.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostileInputTest {

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Context.current()).isSameAs(Context.root());
  }

  private static Map<String, Object> throwingEntrySet(Throwable t) {
    return new AbstractMap<String, Object>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        throw sneaky(t);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void anErrorThrownByEntrySetDropsTheMetadataAndIsNotRethrown() {
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingMetadata(throwingEntrySet(new AssertionError("entrySet")))) {
      assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("usingMetadata")
          .contains("java.lang.AssertionError")
          .contains("entrySet");
    }
  }

  @Test
  void aCheckedExceptionThrownSneakilyIsCaughtToo() {
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingMetadata(throwingEntrySet(new java.io.IOException("io")))) {
      assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
      assertThat(log.warnings()).singleElement().asString().contains("java.io.IOException");
    }
  }

  @Test
  void anOutOfMemoryErrorFromUserCodeIsCaughtAndTheValueDropped() {
    try (LogCapture log = new LogCapture();
        Scope s =
            OpenInference.usingMetadata(throwingEntrySet(new OutOfMemoryError("simulated")))) {
      assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
      assertThat(log.warnings()).singleElement().asString().contains("OutOfMemoryError");
    }
  }

  @Test
  void anErrorThrownByListGetBecomesAMarkerAndTheOtherEntriesStay() {
    List<Object> failing =
        new AbstractList<Object>() {
          @Override
          public Object get(int index) {
            throw new AssertionError("get " + index);
          }

          @Override
          public int size() {
            return 3;
          }
        };
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("list", failing);
    metadata.put("ok", 1);
    try (Scope s = OpenInference.usingMetadata(metadata)) {
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .isEqualTo(
              "{\"list\":\"[unprintable "
                  + failing.getClass().getName()
                  + ": java.lang.AssertionError: get 0]\",\"ok\":1}");
    }
  }

  @Test
  // Hostile input on purpose.
  @SuppressWarnings("InfiniteRecursion")
  void aCharSequenceWhoseToStringRecursesIsStringifiedSafely() {
    CharSequence recursive =
        new CharSequence() {
          @Override
          public int length() {
            return toString().length();
          }

          @Override
          public char charAt(int index) {
            return toString().charAt(index);
          }

          @Override
          public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
          }

          @Override
          public String toString() {
            return "x" + toString();
          }
        };
    try (Scope s = OpenInference.usingMetadata(Collections.singletonMap("cs", recursive))) {
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .startsWith("{\"cs\":\"[unprintable ")
          .endsWith(": java.lang.StackOverflowError]\"}");
    }
  }

  @Test
  void aToStringReturningNullIsWrittenAsTheStringNull() {
    Object nullString =
        new Object() {
          // Hostile on purpose: what the API must survive.
          @SuppressWarnings("ToStringReturnsNull")
          @Override
          @Nullable
          public String toString() {
            return null;
          }
        };
    try (Scope s = OpenInference.usingMetadata(Collections.singletonMap("v", nullString))) {
      assertThat(OpenInference.getAttributesFromContext().get(METADATA))
          .isEqualTo("{\"v\":\"null\"}");
    }
  }

  @Test
  void anExceptionWhoseMessageThrowsIsNamedByItsClass() {
    RuntimeException hostile =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("no message for you");
          }
        };
    try (LogCapture log = new LogCapture();
        Scope s = OpenInference.usingMetadata(throwingEntrySet(hostile))) {
      assertThat(log.warnings()).singleElement().asString().contains(hostile.getClass().getName());
    }
  }

  @Test
  void storeInContextOfNullStoresInTheRootContext() {
    ContextAttributes attributes = ContextAttributes.builder().setSessionId("s").build();
    try (LogCapture log = new LogCapture()) {
      Context stored = attributes.storeInContext(null);
      assertThat(OpenInference.getAttributesFromContext(stored))
          .isEqualTo(Attributes.of(SESSION_ID, "s"));
      assertThat(log.warnings()).singleElement().asString().contains("storeInContext");
    }
  }

  @Test
  void makeCurrentClosedOutOfOrderLeavesNoValuesBehind() {
    ContextAttributes outerValues = ContextAttributes.builder().setSessionId("outer").build();
    ContextAttributes innerValues =
        ContextAttributes.builder().setUserId("inner").setTags("t").build();
    try (LogCapture log = new LogCapture()) {
      Scope outer = outerValues.makeCurrent();
      Scope inner = innerValues.makeCurrent();
      assertThat(OpenInference.getAttributesFromContext())
          .isEqualTo(
              Attributes.builder()
                  .put(SESSION_ID, "outer")
                  .put(USER_ID, "inner")
                  .put(TAG_TAGS, Collections.singletonList("t"))
                  .build());
      outer.close();
      assertThat(Context.current()).isSameAs(Context.root());
      inner.close();
      assertThat(Context.current()).isSameAs(Context.root());
      outer.close();
      assertThat(Context.current()).isSameAs(Context.root());
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("ContextAttributes.makeCurrent")
          .contains("reverse order");
    }
  }

  @Test
  void aContextWhoseGetThrowsGivesNoAttributes() {
    Context hostile =
        new Context() {
          @Override
          public <V> V get(ContextKey<V> key) {
            throw new AssertionError("get");
          }

          @Override
          public <V> Context with(ContextKey<V> k, V v) {
            throw new AssertionError("with");
          }
        };
    try (LogCapture log = new LogCapture()) {
      assertThat(OpenInference.getAttributesFromContext(hostile)).isEqualTo(Attributes.empty());
      Context returned = ContextAttributes.builder().setUserId("u").build().storeInContext(hostile);
      assertThat(returned).isSameAs(hostile);
      assertThat(log.warnings()).hasSize(2);
    }
  }

  @Test
  void aLogHandlerThatThrowsDoesNotBreakTheCaller() {
    Logger logger = Logger.getLogger(OpenInference.class.getName());
    Handler throwing =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            throw new AssertionError("handler");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    try (LogCapture log = new LogCapture()) {
      logger.addHandler(throwing);
      try (Scope s = OpenInference.usingSession(null)) {
        assertThat(OpenInference.getAttributesFromContext()).isEqualTo(Attributes.empty());
      } finally {
        logger.removeHandler(throwing);
      }
    }
  }
}
