/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.benchmarks;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

class ChatExportBenchmarkTest {

  private static final String BLACKHOLE_OK =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private final ChatExportBenchmark benchmark = new ChatExportBenchmark();

  ChatExportBenchmarkTest() {
    benchmark.setUp(new Blackhole(BLACKHOLE_OK));
  }

  @Test
  void translateTenMessageChatWritesAllTenInputMessagesAndTheAnswer() {
    benchmark.translateTenMessageChat();
    Attributes attributes = benchmark.delegate.last.getAttributes();
    assertThat(attributes.get(stringKey("llm.input_messages.0.message.role"))).isEqualTo("system");
    assertThat(attributes.get(stringKey("llm.input_messages.9.message.role"))).isEqualTo("user");
    assertThat(attributes.get(stringKey("llm.input_messages.10.message.role"))).isNull();
    assertThat(
            attributes.get(
                stringKey("llm.input_messages.9.message.contents.0.message_content.text")))
        .isEqualTo("How do I reset my password myself?");
    assertThat(
            attributes.get(
                stringKey("llm.input_messages.4.message.tool_calls.0.tool_call.function.name")))
        .isEqualTo("lookup_account");
    assertThat(
            attributes.get(
                stringKey("llm.output_messages.0.message.contents.0.message_content.text")))
        .isEqualTo("Open Settings > Security and choose Reset password.");
    assertThat(attributes.get(stringKey("output.value"))).isNotNull();
  }

  @Test
  void translateTenMessageChatHideInputsRedactsTheInput() {
    benchmark.translateTenMessageChatHideInputs();
    Attributes attributes = benchmark.delegate.last.getAttributes();
    assertThat(attributes.get(stringKey("input.value"))).isEqualTo("__REDACTED__");
    assertThat(
            attributes.get(
                stringKey("llm.input_messages.9.message.contents.0.message_content.text")))
        .isNull();
  }
}
