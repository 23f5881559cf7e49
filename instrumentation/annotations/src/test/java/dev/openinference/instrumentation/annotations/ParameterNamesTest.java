/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import static dev.openinference.semconv.SemanticConventions.INPUT_VALUE;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openinference.context.trace.OpenInferenceTracer;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Parameter names in input.value with and without javac's -parameters. */
class ParameterNamesTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  @TempDir Path dir;

  private Object proxyOfCompiled(boolean parameters) throws Exception {
    Path source = dir.resolve("gen/Pricing.java");
    Files.createDirectories(source.getParent());
    Files.write(
        source,
        String.join(
                "\n",
                "package gen;",
                "import dev.openinference.instrumentation.annotations.Tool;",
                "public interface Pricing {",
                "  @Tool String price(String sku, int quantity);",
                "  final class Impl implements Pricing {",
                "    public String price(String sku, int quantity) { return sku + quantity; }",
                "  }",
                "}")
            .getBytes(StandardCharsets.UTF_8));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                dir.toString(),
                source.toString()));
    if (parameters) {
      args.add(0, "-parameters");
    }
    assertThat(javac.run(null, null, null, args.toArray(new String[0]))).isZero();
    URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    Class<?> pricing = loader.loadClass("gen.Pricing");
    Object impl = loader.loadClass("gen.Pricing$Impl").getDeclaredConstructor().newInstance();
    return proxy(pricing, impl);
  }

  @SuppressWarnings("unchecked")
  private <T> T proxy(Class<T> type, Object impl) {
    return OpenInferenceAnnotations.proxy(
        type, (T) impl, OpenInferenceTracer.create(otel.getOpenTelemetry()));
  }

  private static Object price(Object pricing) throws Exception {
    return pricing.getClass().getMethod("price", String.class, int.class).invoke(pricing, "A-1", 2);
  }

  @Test
  void withParametersFlagInputIsKeyedByParameterName() throws Exception {
    assertThat(price(proxyOfCompiled(true))).isEqualTo("A-12");
    assertThat(otel.getSpans().get(0))
        .hasAttribute(INPUT_VALUE, "{\"sku\":\"A-1\",\"quantity\":2}");
  }

  @Test
  void withoutParametersFlagInputIsKeyedArg0Arg1() throws Exception {
    assertThat(price(proxyOfCompiled(false))).isEqualTo("A-12");
    assertThat(otel.getSpans().get(0)).hasAttribute(INPUT_VALUE, "{\"arg0\":\"A-1\",\"arg1\":2}");
  }
}
