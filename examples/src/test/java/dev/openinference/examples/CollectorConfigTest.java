/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

import static dev.openinference.semconv.SemanticConventions.SESSION_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example Collector configurations in {@code examples/collector/}. No Collector runs here, so
 * this checks what can be checked without one: each file parses as YAML; every receiver, processor,
 * exporter, connector and extension it names is in the contrib distribution (the module list in
 * {@code otelcol-contrib-components.txt}, with its source); every pipeline uses only components the
 * file defines, and every connector both ends and starts a pipeline.
 */
class CollectorConfigTest {

  private static final Path DIRECTORY = Paths.get("collector");
  private static final List<String> KINDS =
      List.of("receivers", "processors", "exporters", "connectors", "extensions");

  private static JsonNode read(String file) throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(DIRECTORY.resolve(file).toFile());
  }

  /** Section name ("exporters") to the contrib distribution's module names in it. */
  private static Map<String, Set<String>> contribModules() throws IOException {
    Map<String, Set<String>> modules = new HashMap<>();
    try (InputStream in =
        CollectorConfigTest.class.getResourceAsStream("/otelcol-contrib-components.txt")) {
      String section = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        String l = line.trim();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        if (l.startsWith("[")) {
          section = l.substring(1, l.length() - 1);
          modules.put(section, new HashSet<>());
        } else {
          modules.get(section).add(l);
        }
      }
    }
    return modules;
  }

  /**
   * The module a configuration key stands for: its type (before any {@code /name}) without
   * underscores, plus the kind ({@code tail_sampling} → {@code tailsamplingprocessor}). This is how
   * the contrib components are named; a type it maps wrongly fails the test rather than passing.
   */
  private static String module(String key, String section) {
    String type = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
    return type.replace("_", "") + section.substring(0, section.length() - 1);
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    if (node != null) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
    }
    return keys;
  }

  @ParameterizedTest
  @ValueSource(strings = {"session-routing-tier.yaml", "session-aggregation-tier.yaml"})
  void everyComponentIsInTheContribDistributionAndEveryPipelineIsWired(String file)
      throws IOException {
    JsonNode config = read(file);
    Map<String, Set<String>> contrib = contribModules();
    for (String kind : KINDS) {
      for (String key : keys(config.get(kind))) {
        assertThat(contrib.get(kind))
            .as("%s %s of %s", kind, key, file)
            .contains(module(key, kind));
      }
    }
    Set<String> connectorsAsExporter = new HashSet<>();
    Set<String> connectorsAsReceiver = new HashSet<>();
    JsonNode pipelines = config.path("service").path("pipelines");
    assertThat(keys(pipelines)).as("pipelines of %s", file).isNotEmpty();
    for (String name : keys(pipelines)) {
      JsonNode pipeline = pipelines.get(name);
      for (String role : List.of("receivers", "processors", "exporters")) {
        for (JsonNode component : pipeline.path(role)) {
          String id = component.asText();
          boolean connector = config.path("connectors").has(id);
          assertThat(config.path(role).has(id) || (connector && !role.equals("processors")))
              .as("pipeline %s of %s uses %s %s, which the file defines", name, file, role, id)
              .isTrue();
          if (connector) {
            (role.equals("exporters") ? connectorsAsExporter : connectorsAsReceiver).add(id);
          }
        }
      }
    }
    assertThat(connectorsAsExporter).isEqualTo(connectorsAsReceiver);
  }

  @Test
  void theRoutingTierSendsASessionsSpansToOneBackendByItsSessionId() throws IOException {
    JsonNode config = read("session-routing-tier.yaml");
    JsonNode route = config.path("connectors").path("routing").path("table").get(0);
    assertThat(route.path("context").asText()).isEqualTo("span");
    assertThat(route.path("condition").asText())
        .isEqualTo("attributes[\"" + SESSION_ID.getKey() + "\"] != nil");
    assertThat(route.path("pipelines").get(0).asText()).isEqualTo("traces/by-session");

    JsonNode bySession = config.path("exporters").path("loadbalancing/by-session");
    assertThat(bySession.path("routing_key").asText()).isEqualTo("attributes");
    assertThat(bySession.path("routing_attributes"))
        .extracting(JsonNode::asText)
        .containsExactly(SESSION_ID.getKey());
    assertThat(config.path("exporters").path("loadbalancing/by-trace").path("routing_key").asText())
        .isEqualTo("traceID");
    assertThat(config.path("service").path("pipelines").path("traces/by-session").path("exporters"))
        .extracting(JsonNode::asText)
        .containsExactly("loadbalancing/by-session");
  }

  @Test
  void theAggregationTierKeepsEveryTraceOfASession() throws IOException {
    JsonNode policies =
        read("session-aggregation-tier.yaml")
            .path("processors")
            .path("tail_sampling")
            .path("policies");
    assertThat(policies.get(0).path("type").asText()).isEqualTo("ottl_condition");
    assertThat(policies.get(0).path("ottl_condition").path("span").get(0).asText())
        .isEqualTo("attributes[\"" + SESSION_ID.getKey() + "\"] != nil");
  }

  @Test
  void aComponentOutsideTheDistributionIsCaught() throws IOException {
    assertThat(contribModules().get("processors"))
        .contains(module("tail_sampling", "processors"), module("memory_limiter", "processors"))
        .doesNotContain(module("session_affinity", "processors"));
  }
}
