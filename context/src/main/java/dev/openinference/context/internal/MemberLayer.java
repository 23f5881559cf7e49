/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The JSON members (key to encoded value) one scope added to metadata or prompt template variables,
 * over those of the enclosing scopes.
 *
 * <p>Each layer holds only its own members and a link to the enclosing layer, so nested scopes cost
 * memory in proportion to what each adds, not to everything in effect. The merged members and their
 * JSON object are built on first use (a span start, {@code getAttributesFromContext}) and kept;
 * building them applies the entries cap and the encoded-length cap, dropping whole entries, so the
 * JSON stays valid whatever the SDK cuts at.
 */
final class MemberLayer {

  /** Marks a JSON that was built and came out empty. */
  private static final String NONE = new String("");

  private final Map<String, String> own;
  @Nullable private final MemberLayer outer;
  private final String what;
  @Nullable private volatile String json;

  private MemberLayer(Map<String, String> own, @Nullable MemberLayer outer, String what) {
    this.own = own;
    this.outer = outer;
    this.what = what;
  }

  /** Returns a layer of {@code members} (not copied, never modified), or null when empty. */
  @Nullable
  static MemberLayer of(@Nullable Map<String, String> members, String what) {
    return members == null || members.isEmpty()
        ? null
        : new MemberLayer(Collections.unmodifiableMap(members), null, what);
  }

  /** Returns {@code inner}'s members layered over {@code outer}. */
  @Nullable
  static MemberLayer over(@Nullable MemberLayer outer, @Nullable MemberLayer inner) {
    if (inner == null) {
      return outer;
    }
    if (outer == null) {
      return inner;
    }
    Map<String, String> own = inner.outer == null ? inner.own : inner.merged(Integer.MAX_VALUE);
    return new MemberLayer(own, outer, inner.what);
  }

  /** Returns the members in effect, outer first, an inner value replacing an outer one in place. */
  Map<String, String> members() {
    return Collections.unmodifiableMap(merged(ContextLimits.current().maxEntries()));
  }

  private Map<String, String> merged(int maxEntries) {
    if (outer == null && own.size() <= maxEntries) {
      return own;
    }
    List<MemberLayer> layers = new ArrayList<>();
    for (MemberLayer layer = this; layer != null; layer = layer.outer) {
      layers.add(layer);
    }
    Map<String, String> merged = new LinkedHashMap<>();
    int dropped = 0;
    for (int i = layers.size() - 1; i >= 0; i--) {
      for (Map.Entry<String, String> member : layers.get(i).own.entrySet()) {
        if (merged.size() < maxEntries || merged.containsKey(member.getKey())) {
          merged.put(member.getKey(), member.getValue());
        } else {
          dropped++;
        }
      }
    }
    if (dropped > 0 && maxEntries != Integer.MAX_VALUE) {
      ContextWarnings.warn(
          "The "
              + what
              + " of the nested scopes have more than "
              + maxEntries
              + " keys together; dropped "
              + dropped
              + " entries of the innermost scopes. Raise "
              + ContextLimits.current().entriesSetting()
              + " to keep them.");
    }
    return merged;
  }

  /**
   * Returns the members in effect as a JSON object no longer than the JSON length cap, or null when
   * no member fits.
   */
  @Nullable
  // Identity, not equality: NONE is a sentinel no encoded JSON can be.
  @SuppressWarnings("ReferenceEquality")
  String json() {
    String result = json;
    if (result == null) {
      result = buildJson();
      json = result;
    }
    return result == NONE ? null : result;
  }

  private String buildJson() {
    ContextLimits limits = ContextLimits.current();
    int maxLength = limits.maxJsonLength();
    Map<String, String> members = merged(limits.maxEntries());
    StringBuilder sb = new StringBuilder(Math.min(maxLength, 16 * members.size() + 2)).append('{');
    List<String> dropped = null;
    for (Map.Entry<String, String> member : members.entrySet()) {
      String key = JsonEncoder.quote(member.getKey());
      int length = (sb.length() > 1 ? 1 : 0) + key.length() + 1 + member.getValue().length();
      // Whole entries only: the closing brace must still fit.
      if (sb.length() + length + 1 > maxLength) {
        if (dropped == null) {
          dropped = new ArrayList<>();
        }
        dropped.add(member.getKey());
        continue;
      }
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(key).append(':').append(member.getValue());
    }
    if (dropped != null) {
      ContextWarnings.warn(
          "The "
              + what
              + " JSON would be longer than "
              + maxLength
              + " characters; dropped the entries "
              + RateLimitedLogger.describe(dropped)
              + " to keep it valid JSON. Raise "
              + limits.jsonLengthSetting()
              + " to keep them.");
    }
    return sb.length() == 1 ? NONE : sb.append('}').toString();
  }

  @Override
  public String toString() {
    return "MemberLayer{own=" + own.keySet() + (outer == null ? "}" : ", over " + outer + "}");
  }
}
