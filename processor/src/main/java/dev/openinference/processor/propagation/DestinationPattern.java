/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import javax.annotation.Nullable;

/**
 * One entry of the destination allow-list: an exact host ({@code tools.internal}, {@code 10.0.0.7},
 * {@code [::1]}) or every subdomain of one ({@code *.svc.cluster.local}, which does not match
 * {@code svc.cluster.local} itself), optionally with a port ({@code tools.internal:8443}), compared
 * without regard to case.
 */
final class DestinationPattern {

  private final String host;
  private final boolean subdomains;
  private final int port;
  private final String text;

  private DestinationPattern(String host, boolean subdomains, int port, String text) {
    this.host = host;
    this.subdomains = subdomains;
    this.port = port;
    this.text = text;
  }

  /** Returns the pattern, or null (the caller warns) when {@code text} is not one. */
  @Nullable
  static DestinationPattern parse(String text) {
    String t = text.trim();
    String hostPart = t;
    int port = -1;
    int colon = t.lastIndexOf(':');
    boolean bracketed = t.startsWith("[");
    if (colon > 0 && (bracketed ? t.charAt(colon - 1) == ']' : t.indexOf(':') == colon)) {
      try {
        port = Integer.parseInt(t.substring(colon + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (port <= 0 || port > 65535) {
        return null;
      }
      hostPart = t.substring(0, colon);
    }
    boolean subdomains = hostPart.startsWith("*.");
    String host = Destination.normalizeHost(subdomains ? hostPart.substring(2) : hostPart);
    if (host.isEmpty() || !isHostSyntax(host)) {
      return null;
    }
    return new DestinationPattern(host, subdomains, port, t);
  }

  private static boolean isHostSyntax(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  boolean matches(Destination destination) {
    if (port >= 0 && destination.port() != port) {
      return false;
    }
    String h = destination.host();
    if (subdomains) {
      return h.length() > host.length() + 1
          && h.endsWith(host)
          && h.charAt(h.length() - host.length() - 1) == '.';
    }
    return h.equals(host);
  }

  @Override
  public String toString() {
    return text;
  }
}
