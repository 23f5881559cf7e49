/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.testing.OtlpReceiver;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the README's session-turns snippet, and checks the README shows exactly this code. */
class TurnsReadmeSnippetTest {

  private static final String SELF =
      "src/test/java/dev/openinference/exporter/TurnsReadmeSnippetTest.java";

  @Test
  void snippetBuildsAnExporterThatLeavesRootsAlone() {
    try (OtlpReceiver receiver = OtlpReceiver.create()) {
      String endpoint = receiver.getHttpTracesEndpoint();
      // README:begin
      SpanExporter exporter =
          OpenInferenceSpanExporter.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
              .setTurnsEnabled(false) // roots are sent as the application left them
              .build();
      // README:end
      assertThat(((OpenInferenceSpanExporter) exporter).isTurnsEnabled()).isFalse();
      exporter.shutdown();
    }
  }

  @Test
  void readmeShowsThisTestsSnippetVerbatim() throws Exception {
    List<String> lines = Files.readAllLines(Paths.get(SELF), StandardCharsets.UTF_8);
    int begin = indexOf(lines, "// README:begin", 0);
    int end = indexOf(lines, "// README:end", begin);
    String indent = "      ";
    String fromTest =
        lines.subList(begin + 1, end).stream()
            .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
            .collect(Collectors.joining("\n"));

    List<String> readme = Files.readAllLines(Paths.get("../README.md"), StandardCharsets.UTF_8);
    int marker = indexOf(readme, "TurnsReadmeSnippetTest.java", 0);
    int fenceEnd = indexOf(readme, "```", marker + 2);
    String fromReadme = String.join("\n", readme.subList(marker + 2, fenceEnd));

    assertThat(fromReadme).isEqualTo(fromTest);
  }

  private static int indexOf(List<String> lines, String needle, int from) {
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains(needle) && (!needle.equals("```") || line.trim().equals("```"))) {
        return i;
      }
    }
    throw new AssertionError("no line containing " + needle);
  }
}
