/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.masking;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.exporter.TraceConfig;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * GenAI content records on their way to a logs exporter are masked whether the instrumentation
 * names them by event name (OpenAI) or by the {@code event.name} attribute (the AWS SDK's Bedrock
 * events).
 */
class MaskingLogRecordExporterTest {

  @Test
  void hiddenOutputTextIsRedactedInAChoiceNamedByAttribute() {
    List<LogRecordData> exported =
        export(
            TraceConfig.builder().setHideOutputText(true).build(),
            builder ->
                builder
                    .setAttribute(stringKey("event.name"), "gen_ai.choice")
                    .setBody(
                        Value.of(
                            KeyValue.of("content", Value.of("secret answer")),
                            KeyValue.of("index", Value.of(0L)))));

    assertThat(exported).hasSize(1);
    assertThat(exported.get(0).getBodyValue().asString())
        .contains(TraceConfig.REDACTED_VALUE)
        .doesNotContain("secret answer");
  }

  @Test
  void hiddenInputMessagesDropAUserMessageNamedByAttribute() {
    List<LogRecordData> exported =
        export(
            TraceConfig.builder().setHideInputMessages(true).build(),
            builder ->
                builder
                    .setAttribute(stringKey("event.name"), "gen_ai.user.message")
                    .setBody(Value.of(KeyValue.of("content", Value.of("secret question")))));

    assertThat(exported).isEmpty();
  }

  @Test
  void otherRecordsPassUnchanged() {
    List<LogRecordData> exported =
        export(
            TraceConfig.builder().setHideInputMessages(true).setHideOutputText(true).build(),
            builder -> builder.setBody("an application log line"));

    assertThat(exported).hasSize(1);
    assertThat(exported.get(0).getBodyValue().asString()).isEqualTo("an application log line");
  }

  private static List<LogRecordData> export(TraceConfig config, Consumer<LogRecordBuilder> record) {
    InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create(MaskingLogRecordExporter.wrap(logs, config)))
            .build()) {
      LogRecordBuilder builder = provider.get("io.opentelemetry.aws-sdk-2.2").logRecordBuilder();
      record.accept(builder);
      builder.emit();
      return logs.getFinishedLogRecordItems();
    }
  }
}
