/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Spring AI" snippet is the one dependency this module publishes: its coordinates
 * are read from the README and checked against this module's pom and the BOM.
 */
class ReadmeSpringAiSectionTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  @Test
  void theReadmeDependencyIsThisModule() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("### Spring AI\n");
    assertThat(start).as("README has a Spring AI section").isNotNegative();
    int end = readme.indexOf("\n### ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Matcher xml = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(xml.find()).as("the section has an xml snippet").isTrue();
    assertThat(xml.find()).as("and only one").isFalse();
    xml.reset().find();
    String snippet = xml.group(1);

    String pom = Files.readString(ROOT.resolve("instrumentation/spring-ai/pom.xml"));
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
    String artifactId = tag(snippet, "artifactId");
    assertThat(tag(snippet, "groupId")).isEqualTo("dev.openinference");
    assertThat(pom).contains("<artifactId>" + artifactId + "</artifactId>");
    assertThat(tag(pom.substring(pom.indexOf("</parent>")), "artifactId")).isEqualTo(artifactId);
    assertThat(bom).contains("<artifactId>" + artifactId + "</artifactId>");
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
    assertThat(m.find()).as("<%s> in %s", name, xml).isTrue();
    return m.group(1).trim();
  }
}
