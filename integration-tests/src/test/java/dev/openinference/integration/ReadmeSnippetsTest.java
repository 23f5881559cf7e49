/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every fenced snippet of the root README is code that a test compiles or runs, so none can rot:
 *
 * <ul>
 *   <li>Java, YAML and properties snippets must appear, line for line (indentation aside), in a
 *       source file of the build (a test that runs them, an example, a text block that a test
 *       feeds to the SDK);
 *   <li>XML snippets are Maven coordinates: each {@code dev.openinference} artifact must be a
 *       module of this build and managed by the BOM, and the BOM version is the build's;
 *   <li>shell snippets are commands: the modules, profiles, example classes and jar paths they
 *       name must be what the build has and produces (the commands themselves are what CI and the
 *       demo test run).
 * </ul>
 */
class ReadmeSnippetsTest {

  private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

  private static Path root;
  private static List<Snippet> snippets;
  private static List<List<String>> sources;

  /** One fenced block: its language, first line number, and lines. */
  record Snippet(String language, int line, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }

    @Override
    public String toString() {
      return "README.md:" + line + " (" + (language.isEmpty() ? "plain" : language) + ")";
    }
  }

  @BeforeAll
  static void readReadmeAndSources() throws IOException {
    root = Paths.get("").toAbsolutePath().getParent();
    snippets = snippets(Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> paths =
          files
              .filter(Files::isRegularFile)
              .filter(path -> !path.toString().contains("/target/"))
              .filter(path -> !path.toString().contains("/.git/"))
              .filter(path -> path.toString().contains("/src/"))
              .filter(
                  path ->
                      path.toString().endsWith(".java")
                          || path.toString().endsWith(".yaml")
                          || path.toString().endsWith(".properties"))
              .collect(Collectors.toList());
      sources = new ArrayList<>();
      for (Path path : paths) {
        sources.add(normalized(Files.readAllLines(path, StandardCharsets.UTF_8)));
      }
    }
  }

  static List<Snippet> snippets(List<String> readme) {
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      Matcher open = FENCE.matcher(readme.get(i));
      if (!open.matches()) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      int start = i + 1;
      for (i = i + 1; i < readme.size() && !readme.get(i).startsWith("```"); i++) {
        lines.add(readme.get(i));
      }
      found.add(new Snippet(open.group(1).toLowerCase(Locale.ROOT), start, lines));
    }
    return found;
  }

  /** Lines without indentation or trailing blanks, blank lines left out. */
  static List<String> normalized(List<String> lines) {
    return lines.stream().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.toList());
  }

  static boolean containsInOrder(List<String> haystack, List<String> needle) {
    if (needle.isEmpty()) {
      return true;
    }
    outer:
    for (int i = 0; i + needle.size() <= haystack.size(); i++) {
      for (int j = 0; j < needle.size(); j++) {
        if (!haystack.get(i + j).equals(needle.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void theReadmeHasSnippetsOfEveryKindThisTestKnows() {
    assertThat(snippets).extracting(Snippet::language).contains("java", "xml", "yaml", "sh");
    assertThat(snippets)
        .extracting(Snippet::language)
        .allMatch(language -> List.of("java", "xml", "yaml", "properties", "sh", "").contains(language));
  }

  @Test
  void everyJavaYamlAndPropertiesSnippetIsInASourceTheBuildCompilesOrRuns() {
    List<Snippet> orphans = new ArrayList<>();
    for (Snippet snippet : snippets) {
      if (!List.of("java", "yaml", "properties").contains(snippet.language())) {
        continue;
      }
      List<String> needle = normalized(snippet.lines());
      if (sources.stream().noneMatch(source -> containsInOrder(source, needle))) {
        orphans.add(snippet);
      }
    }
    assertThat(orphans).as("snippets no source of the build holds").isEmpty();
  }

  @Test
  void everyXmlSnippetNamesModulesTheBomManages() throws Exception {
    String bom = Files.readString(root.resolve("bom/pom.xml"));
    String version = projectVersion();
    for (Snippet snippet : snippets) {
      if (!snippet.language().equals("xml")) {
        continue;
      }
      Document document =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(new InputSource(new StringReader("<snippet>" + snippet.text() + "</snippet>")));
      NodeList dependencies = document.getElementsByTagName("dependency");
      assertThat(dependencies.getLength()).as("%s has dependencies", snippet).isPositive();
      for (int i = 0; i < dependencies.getLength(); i++) {
        Element dependency = (Element) dependencies.item(i);
        String groupId = text(dependency, "groupId");
        String artifactId = text(dependency, "artifactId");
        if (!"dev.openinference".equals(groupId)) {
          continue;
        }
        if ("openinference-bom".equals(artifactId)) {
          assertThat(text(dependency, "version")).as("%s: BOM version", snippet).isEqualTo(version);
          continue;
        }
        assertThat(bom)
            .as("%s: %s is managed by the BOM", snippet, artifactId)
            .contains("<artifactId>" + artifactId + "</artifactId>");
        assertThat(text(dependency, "version"))
            .as("%s: %s takes its version from the BOM", snippet, artifactId)
            .isNull();
      }
    }
  }

  @Test
  void everyCommandNamesModulesProfilesExamplesAndJarsTheBuildHas() throws IOException {
    String rootPom = Files.readString(root.resolve("pom.xml"));
    String version = projectVersion();
    Pattern modules = Pattern.compile("-pl\\s+(\\S+)");
    Pattern profile = Pattern.compile("-P(\\w[\\w-]*)");
    Pattern example = Pattern.compile("-Dexample=(\\w+)");
    Pattern jar = Pattern.compile("(\\w[\\w-]*)/target/([\\w.-]+\\.jar)");
    Pattern artifact = Pattern.compile("-Dartifact=([\\w.-]+):([\\w.-]+):([\\w.-]+)");
    // The agent's jar, wherever the command puts it (a path, quoted or not, may lead the name).
    Pattern agentJar = Pattern.compile("-javaagent:\\S*opentelemetry-javaagent-([\\w.-]+)\\.jar");
    for (Snippet snippet : snippets) {
      if (!List.of("sh", "").contains(snippet.language())) {
        continue;
      }
      String text = snippet.text();
      assertThat(text).as("%s is a command", snippet).containsAnyOf("mvn ", "java ");
      for (Matcher m = modules.matcher(text); m.find(); ) {
        for (String module : m.group(1).split(",")) {
          assertThat(root.resolve(module).resolve("pom.xml")).as("%s: module %s", snippet, module).exists();
          assertThat(rootPom).contains("<module>" + module + "</module>");
          for (Matcher p = profile.matcher(text); p.find(); ) {
            String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
            assertThat(pom + rootPom)
                .as("%s: profile %s", snippet, p.group(1))
                .contains("<id>" + p.group(1) + "</id>");
          }
        }
      }
      for (Matcher m = artifact.matcher(text); m.find(); ) {
        assertThat(m.group(3))
            .as("%s: %s:%s is the version the build uses", snippet, m.group(1), m.group(2))
            .isEqualTo(managedVersion(rootPom, m.group(2)));
      }
      for (Matcher m = agentJar.matcher(text); m.find(); ) {
        assertThat(m.group(1))
            .as("%s: the agent version", snippet)
            .isEqualTo(managedVersion(rootPom, "opentelemetry-javaagent"));
      }
      for (Matcher m = example.matcher(text); m.find(); ) {
        assertThat(root.resolve("examples/src/main/java/dev/openinference/examples/" + m.group(1) + ".java"))
            .as("%s: example %s", snippet, m.group(1))
            .exists();
      }
      for (Matcher m = jar.matcher(text); m.find(); ) {
        String module = m.group(1);
        String name = m.group(2);
        if (name.startsWith("opentelemetry-javaagent-")) {
          // The agent, copied into a target directory: its version is checked above.
          continue;
        }
        String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
        String builtArtifact = artifactId(pom);
        assertThat(
                name.equals(builtArtifact + "-" + version + ".jar")
                    || pom.contains("<finalName>" + name.replace(".jar", "") + "</finalName>"))
            .as("%s: %s/target/%s is what module %s builds", snippet, module, name, module)
            .isTrue();
      }
    }
  }

  private static String projectVersion() throws IOException {
    Matcher m =
        Pattern.compile("<artifactId>openinference-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(root.resolve("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** The version the root pom manages for {@code artifactId}, properties resolved. */
  private static String managedVersion(String rootPom, String artifactId) {
    Matcher m =
        Pattern.compile(
                "<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(rootPom);
    assertThat(m.find()).as("the root pom manages %s", artifactId).isTrue();
    String version = m.group(1);
    Matcher property = Pattern.compile("\\$\\{([^}]+)}").matcher(version);
    if (property.matches()) {
      Matcher value =
          Pattern.compile("<" + Pattern.quote(property.group(1)) + ">([^<]+)</").matcher(rootPom);
      assertThat(value.find()).as("property %s", property.group(1)).isTrue();
      return value.group(1);
    }
    return version;
  }

  private static String artifactId(String pom) {
    String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
    Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(withoutParent);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String text(Element element, String tag) {
    NodeList nodes = element.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
  }
}
