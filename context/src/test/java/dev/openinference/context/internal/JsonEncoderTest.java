/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonEncoderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode parse(Object value) throws Exception {
    String json = JsonEncoder.toJson(value);
    return MAPPER.readTree(json);
  }

  @Test
  void scalarsKeepTheirJsonForm() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("s", "text");
    map.put("i", 42);
    map.put("l", 1L << 40);
    map.put("d", 2.5);
    map.put("f", 1.5f);
    map.put("b", true);
    map.put("n", null);
    map.put("big", new BigInteger("123456789012345678901234567890"));
    map.put("dec", new BigDecimal("1.10"));
    map.put("c", 'x');
    JsonNode node = parse(map);
    assertThat(node.get("s").asText()).isEqualTo("text");
    assertThat(node.get("i").asInt()).isEqualTo(42);
    assertThat(node.get("l").asLong()).isEqualTo(1L << 40);
    assertThat(node.get("d").asDouble()).isEqualTo(2.5);
    assertThat(node.get("f").asDouble()).isEqualTo(1.5);
    assertThat(node.get("b").asBoolean()).isTrue();
    assertThat(node.get("n").isNull()).isTrue();
    assertThat(node.get("big").bigIntegerValue())
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(node.get("dec").decimalValue()).isEqualByComparingTo("1.10");
    assertThat(node.get("c").asText()).isEqualTo("x");
  }

  @Test
  void nestedMapsCollectionsAndArraysBecomeObjectsAndArrays() throws Exception {
    Map<String, Object> inner = new HashMap<>();
    inner.put("list", Arrays.asList(1, "two", null));
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("inner", inner);
    map.put("ints", new int[] {1, 2, 3});
    map.put("strings", new String[] {"a", "b"});
    map.put("matrix", new double[][] {{1.0}, {2.0, 3.0}});
    map.put(7, "non-string key");
    map.put("optional", Optional.of("present"));
    map.put("empty", Optional.empty());
    JsonNode node = parse(map);
    assertThat(node.get("inner").get("list").toString()).isEqualTo("[1,\"two\",null]");
    assertThat(node.get("ints").toString()).isEqualTo("[1,2,3]");
    assertThat(node.get("strings").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(node.get("matrix").toString()).isEqualTo("[[1.0],[2.0,3.0]]");
    assertThat(node.get("7").asText()).isEqualTo("non-string key");
    assertThat(node.get("optional").asText()).isEqualTo("present");
    assertThat(node.get("empty").isNull()).isTrue();
  }

  @Test
  void nonFiniteNumbersBecomeStrings() throws Exception {
    JsonNode node =
        parse(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
    assertThat(node.get(0).asText()).isEqualTo("NaN");
    assertThat(node.get(1).asText()).isEqualTo("Infinity");
    assertThat(node.get(2).asText()).isEqualTo("-Infinity");
  }

  @Test
  void controlCharactersQuotesAndSurrogatesProduceValidJson() throws Exception {
    String nasty =
        "a\"b\\c\n\r\t\b\f\u0000\u001f\u2028 \uD83D\uDE00 lone:\uD800 low:\uDC00 end\uD83D";
    JsonNode node = parse(nasty);
    assertThat(node.asText())
        .isEqualTo(
            "a\"b\\c\n\r\t\b\f\u0000\u001f\u2028 \uD83D\uDE00 lone:\uFFFD low:\uFFFD end\uFFFD");
    // Strict parsers (and Phoenix) must accept it too: no raw control character in the output.
    assertThat(JsonEncoder.toJson(nasty)).doesNotContainPattern("[\\x00-\\x1f]");
  }

  @Test
  void cyclesAreCutNotFollowed() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    List<Object> list = new ArrayList<>();
    map.put("self", map);
    map.put("list", list);
    list.add(list);
    list.add(map);
    JsonNode node = parse(map);
    assertThat(node.get("self").asText()).isEqualTo("[cycle]");
    assertThat(node.get("list").get(0).asText()).isEqualTo("[cycle]");
    assertThat(node.get("list").get(1).asText()).isEqualTo("[cycle]");
  }

  @Test
  void theSameObjectTwiceIsNotACycle() throws Exception {
    List<Integer> shared = Arrays.asList(1, 2);
    JsonNode node = parse(Arrays.asList(shared, shared));
    assertThat(node.toString()).isEqualTo("[[1,2],[1,2]]");
  }

  @Test
  void veryDeepNestingIsCut() throws Exception {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < 10_000; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    assertThat(JsonEncoder.toJson(root)).contains("[too deep]");
    assertThat(parse(root).isArray()).isTrue();
  }

  @Test
  void throwingToStringAndFailingIteratorsAreStringifiedNotThrown() throws Exception {
    Object bad =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };
    Iterable<Object> failing =
        () ->
            new Iterator<Object>() {
              int n;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Object next() {
                if (n++ == 2) {
                  throw new ConcurrentModificationException();
                }
                return n;
              }
            };
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("bad", bad);
    map.put("failing", failing);
    map.put("after", "still here");
    JsonNode node = parse(map);
    assertThat(node.get("bad").asText()).startsWith("[unprintable").contains("boom");
    assertThat(node.get("failing").asText())
        .startsWith("[unprintable")
        .contains("ConcurrentModificationException");
    assertThat(node.get("after").asText()).isEqualTo("still here");
  }

  @Test
  void otherObjectsUseToString() throws Exception {
    assertThat(parse(java.time.Duration.ofSeconds(3)).asText()).isEqualTo("PT3S");
    assertThat(parse(Thread.State.NEW).asText()).isEqualTo("NEW");
  }
}
