/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionKeysTest {

  @Test
  void encodedStringMembersAreDecodedWithTheirEscapes() {
    String id = "t\"1\\\n\u00e9\ud83d\ude00/";
    Map<String, String> members = Collections.singletonMap("thread_id", JsonEncoder.quote(id));
    assertThat(SessionKeys.fromEncodedMembers(members)).isEqualTo(id);
    assertThat(SessionKeys.decodeString("\"\\u0041\\/\\t\"")).isEqualTo("A/\t");
  }

  @Test
  void brokenLiteralsDecodeToNothing() {
    assertThat(SessionKeys.decodeString("\"abc")).isNull();
    assertThat(SessionKeys.decodeString("\"\\u12\"")).isNull();
    assertThat(SessionKeys.decodeString("\"\\\"")).isNull();
    assertThat(SessionKeys.decodeString("\"")).isNull();
    assertThat(SessionKeys.textOfEncoded("\"abc")).isEqualTo("\"abc");
  }

  @Test
  void firstKeyWithAUsableValueWinsInDocumentedOrder() {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("conversation_id", "\"c\"");
    members.put("thread_id", "{\"id\":1}");
    members.put("session_id", "\"  \"");
    assertThat(SessionKeys.fromEncodedMembers(members)).isEqualTo("c");
    members.put("thread_id", "-7");
    assertThat(SessionKeys.fromEncodedMembers(members)).isEqualTo("-7");
    assertThat(SessionKeys.fromEncodedMembers(Collections.singletonMap("session_id", "null")))
        .isNull();
    assertThat(SessionKeys.fromEncodedMembers(null)).isNull();
  }

  @Test
  void parsedValuesNameASessionWhenStringsOrNumbers() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("session_id", true);
    metadata.put("thread_id", 42.0);
    assertThat(SessionKeys.fromValues(metadata)).isEqualTo("42");
    metadata.put("thread_id", 4.5);
    assertThat(SessionKeys.fromValues(metadata)).isEqualTo("4.5");
    metadata.put("session_id", "s");
    assertThat(SessionKeys.fromValues(metadata)).isEqualTo("s");
    assertThat(SessionKeys.fromValues(Collections.emptyMap())).isNull();
  }

  @Test
  void textOfEncodedUnquotesStringsAndKeepsOtherJson() {
    assertThat(SessionKeys.textOfEncoded("\"web\"")).isEqualTo("web");
    assertThat(SessionKeys.textOfEncoded("[1,2]")).isEqualTo("[1,2]");
    assertThat(SessionKeys.textOfEncoded("true")).isEqualTo("true");
  }
}
