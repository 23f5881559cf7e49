/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class KeyValueListTest {

  @Test
  void parsesCommaSeparatedPairsAndPercentDecodes() {
    assertThat(
            KeyValueList.parse(
                " Authorization=Bearer%20abc , x-team = a%2Cb ,plus=a+b", "TEST", true))
        .containsExactly(
            entry("authorization", "Bearer abc"), entry("x-team", "a,b"), entry("plus", "a+b"));
  }

  @Test
  void keepsKeyCaseWhenAskedAndLaterDuplicatesWin() {
    assertThat(KeyValueList.parse("Service.Name=a,Service.Name=b", "TEST", false))
        .containsExactly(entry("Service.Name", "b"));
  }

  @Test
  void skipsEntriesThatAreNotKeyValueAndEmptyOnes() {
    assertThat(KeyValueList.parse("novalue,,=x, k=v ,k2=", "TEST", true))
        .containsExactly(entry("k", "v"), entry("k2", ""));
  }

  @Test
  void decodesUtf8AndKeepsMalformedEscapes() {
    assertThat(KeyValueList.percentDecode("caf%C3%A9")).isEqualTo("café");
    assertThat(KeyValueList.percentDecode("100%")).isEqualTo("100%");
    assertThat(KeyValueList.percentDecode("%zz%4")).isEqualTo("%zz%4");
    assertThat(KeyValueList.percentDecode("emoji 😀 %21")).isEqualTo("emoji 😀 !");
  }

  @Test
  void nullListIsEmpty() {
    assertThat(KeyValueList.parse(null, "TEST", true)).isEmpty();
  }
}
