/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.openinference.testing.OtlpReceiverExtension;
import dev.openinference.testing.internal.MaskingMarkers;
import dev.openinference.testing.internal.MaskingMarkers.Flag;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Declarative-configuration mode of the masking leak check ({@link MaskingMarkers}): a YAML file
 * named by {@code otel.config.file} with a batch processor and the OTLP/HTTP exporter (nothing
 * OpenInference in it), the flag as the system property an application passes ({@code
 * -Dopeninference.hide.inputs=true}). The declarative customizers add the processor, wrap the
 * exporter and join GenAI log events onto their spans.
 */
class DeclarativeConfigMaskingLeakTest {

  private static final String CONFIG_FILE = "otel.config.file";

  @RegisterExtension static final OtlpReceiverExtension otlp = OtlpReceiverExtension.create();

  @TempDir Path dir;

  private String yaml() {
    return "file_format: \"1.1\"\n"
        + "resource:\n"
        + "  attributes:\n"
        + "    - name: service.name\n"
        + "      value: declarative-masking-leak-test\n"
        + "tracer_provider:\n"
        + "  processors:\n"
        + "    - batch:\n"
        + "        schedule_delay: 50\n"
        + "        exporter:\n"
        + "          otlp_http:\n"
        + "            endpoint: "
        + otlp.getHttpTracesEndpoint()
        + "\n";
  }

  @ParameterizedTest
  @EnumSource(Flag.class)
  void noHiddenMarkerReachesTheReceiver(Flag flag) throws IOException {
    emitUnder(yaml(), flag);

    MaskingMarkers.Outcome outcome =
        MaskingMarkers.check(
            flag,
            MaskingMarkers.everything(
                otlp.awaitSpans(MaskingMarkers.SPAN_COUNT, Duration.ofSeconds(10))));
    assertThat(outcome.leaked()).as("markers %s hides that reached the receiver", flag).isEmpty();
    assertThat(outcome.missing()).as("markers %s does not hide that never arrived", flag).isEmpty();
  }

  /**
   * The file's own OTLP log exporter sends GenAI content records masked too: the raw protobuf
   * bodies a loopback logs endpoint receives hold the marker only when no flag hides it.
   */
  @ParameterizedTest
  @EnumSource(
      value = Flag.class,
      names = {"HIDE_INPUTS", "HIDE_OUTPUTS"})
  void logRecordsTheFileExportsAreMaskedToo(Flag flag) throws Exception {
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    HttpServer logs =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    logs.createContext(
        "/v1/logs",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
              body.write(buffer, 0, n);
            }
            bodies.add(body.toByteArray());
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    logs.start();
    try {
      String yaml =
          yaml()
              + "logger_provider:\n"
              + "  processors:\n"
              + "    - simple:\n"
              + "        exporter:\n"
              + "          otlp_http:\n"
              + "            endpoint: http://127.0.0.1:"
              + logs.getAddress().getPort()
              + "/v1/logs\n";
      emitUnder(yaml, flag);
    } finally {
      logs.stop(0);
    }

    StringBuilder received = new StringBuilder();
    for (byte[] body : bodies) {
      received.append(new String(body, StandardCharsets.ISO_8859_1));
    }
    assertThat(bodies).as("log requests").isNotEmpty();
    for (MaskingMarkers.Place place :
        new MaskingMarkers.Place[] {
          MaskingMarkers.Place.LOG_EVENT_USER_MESSAGE, MaskingMarkers.Place.LOG_EVENT_CHOICE
        }) {
      assertThat(received.toString().contains(place.marker()))
          .as("%s in the exported log records under %s", place, flag)
          .isEqualTo(!place.isHiddenBy(flag));
    }
  }

  /** Starts the SDK from {@code yaml} with {@code flag} set, emits every marker, and closes it. */
  private void emitUnder(String yaml, Flag flag) throws IOException {
    Path file = Files.createTempFile(dir, "otel", ".yaml");
    Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
    String previousFile = System.setProperty(CONFIG_FILE, file.toString());
    String previousFlag = System.setProperty(flag.property(), flag.value());
    try {
      OpenTelemetrySdk openTelemetry;
      try {
        openTelemetry =
            AutoConfiguredOpenTelemetrySdk.builder()
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
      } finally {
        restore(CONFIG_FILE, previousFile);
      }
      try {
        MaskingMarkers.emitEverywhere(
            openTelemetry.getTracer("leak-test"), openTelemetry.getLogsBridge().get("leak-test"));
        openTelemetry.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      } finally {
        openTelemetry.close();
      }
    } finally {
      restore(flag.property(), previousFlag);
    }
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }
}
