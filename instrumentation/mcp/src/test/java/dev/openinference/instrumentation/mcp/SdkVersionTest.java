/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

/** Each surefire run of this module tests the MCP SDK it says it does (2.x, then 1.x). */
class SdkVersionTest {

  @Test
  void theMcpSdkOnTheClassPathIsTheOneThisRunTests() {
    String expected = System.getProperty("mcp.expected.version");
    assertThat(expected).as("mcp.expected.version, set by the surefire execution").isNotBlank();
    String jar = McpSchema.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertThat(jar).endsWith("mcp-core-" + expected + ".jar");
    assertThat(WeatherToolServer.sdkJar()).isEqualTo("mcp-core-" + expected + ".jar");
  }
}
