/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent.internal;

import io.opentelemetry.javaagent.extension.ignore.IgnoredTypesBuilder;
import io.opentelemetry.javaagent.extension.ignore.IgnoredTypesConfigurer;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

/**
 * Lets the agent transform the JDK proxy classes of public interfaces, so that the annotations
 * apply to them as they do to proxies of package-private interfaces.
 *
 * <p>Since JDK 16 {@link java.lang.reflect.Proxy} defines the class of a proxy whose interfaces are
 * all public in a dynamic module, as {@code jdk.proxyN.$ProxyM}; the agent ignores every {@code
 * jdk.} class, so a LangChain4j AI service, a Feign client or any hand-made proxy of a public
 * annotated interface got no span. The proxy of a package-private interface lives in that
 * interface's package and was never ignored, so allowing {@code jdk.proxy} only gives public
 * interfaces what package-private ones already had: every instrumentation whose type matcher fits
 * the proxy's interfaces sees it. Turned off with the annotations ({@code
 * otel.instrumentation.openinference-annotations.enabled=false}).
 *
 * <p>Public with a public constructor because {@link java.util.ServiceLoader} creates it. This
 * class is internal and is not intended for public use.
 */
public final class JdkProxyIgnoredTypesConfigurer implements IgnoredTypesConfigurer {

  /** The package prefix of the dynamic modules {@link java.lang.reflect.Proxy} defines. */
  static final String JDK_PROXY_PREFIX = "jdk.proxy";

  /** Called by the agent's {@link java.util.ServiceLoader}. */
  public JdkProxyIgnoredTypesConfigurer() {}

  @Override
  public void configure(IgnoredTypesBuilder builder, ConfigProperties config) {
    if (config.getBoolean(
        "otel.instrumentation.openinference-annotations.enabled",
        config.getBoolean("otel.instrumentation.common.default-enabled", true))) {
      builder.allowClass(JDK_PROXY_PREFIX);
    }
  }

  @Override
  public String toString() {
    return "JdkProxyIgnoredTypesConfigurer";
  }
}
