/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.context.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The tags one scope added over those of the enclosing scopes. Like {@link MemberLayer}, each layer
 * holds only its own tags; the union in effect (outer first, no duplicates, within the entries and
 * length caps) is built on first use and kept.
 */
final class TagLayer {

  private final List<String> own;
  @Nullable private final TagLayer outer;
  @Nullable private volatile List<String> union;

  private TagLayer(List<String> own, @Nullable TagLayer outer) {
    this.own = own;
    this.outer = outer;
  }

  /** Returns a layer of the distinct {@code tags} (not copied, never modified), or null. */
  @Nullable
  static TagLayer of(@Nullable List<String> tags) {
    return tags == null || tags.isEmpty()
        ? null
        : new TagLayer(Collections.unmodifiableList(tags), null);
  }

  /** Returns {@code inner}'s tags layered over {@code outer}. */
  @Nullable
  static TagLayer over(@Nullable TagLayer outer, @Nullable TagLayer inner) {
    if (inner == null) {
      return outer;
    }
    if (outer == null) {
      return inner;
    }
    return new TagLayer(inner.outer == null ? inner.own : inner.tags(), outer);
  }

  /** Returns the tags in effect, or null when none fits the caps. */
  @Nullable
  List<String> tags() {
    List<String> result = union;
    if (result == null) {
      result = build();
      union = result;
    }
    return result.isEmpty() ? null : result;
  }

  private List<String> build() {
    ContextLimits limits = ContextLimits.current();
    List<TagLayer> layers = new ArrayList<>();
    for (TagLayer layer = this; layer != null; layer = layer.outer) {
      layers.add(layer);
    }
    if (layers.size() == 1
        && own.size() <= limits.maxEntries()
        && length(own) <= limits.maxLength()) {
      return own;
    }
    LinkedHashSet<String> all = new LinkedHashSet<>();
    int length = 0;
    int dropped = 0;
    for (int i = layers.size() - 1; i >= 0; i--) {
      for (String tag : layers.get(i).own) {
        if (all.contains(tag)) {
          continue;
        }
        if (all.size() < limits.maxEntries() && length + tag.length() <= limits.maxLength()) {
          all.add(tag);
          length += tag.length();
        } else {
          dropped++;
        }
      }
    }
    if (dropped > 0) {
      ContextWarnings.warn(
          "The tags of the nested scopes exceed "
              + limits.maxEntries()
              + " tags or "
              + limits.maxLength()
              + " characters together; dropped "
              + dropped
              + " tags of the innermost scopes. Raise "
              + limits.entriesSetting()
              + " or "
              + limits.lengthSetting()
              + " to keep them.");
    }
    return Collections.unmodifiableList(new ArrayList<>(all));
  }

  private static long length(List<String> tags) {
    long length = 0;
    for (String tag : tags) {
      length += tag.length();
    }
    return length;
  }

  @Override
  public String toString() {
    return "TagLayer{own=" + own + (outer == null ? "}" : ", over " + outer + "}");
  }
}
