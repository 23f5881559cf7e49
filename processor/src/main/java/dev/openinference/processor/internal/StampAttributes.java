/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * The attributes {@link OpenInferenceSampler} hands the SDK for the spans of a scope: distinct keys
 * and values in one array, in the order they were given, built without {@code Attributes.builder()}
 * (whose sort and copies cost a scope's first span more than the rest of its stamping). The SDK
 * only iterates them into the new span's attribute map.
 */
final class StampAttributes implements Attributes {

  // Key, value, key, value... up to length; keys distinct, values not null.
  private final Object[] pairs;
  private final int length;

  private StampAttributes(Object[] pairs, int length) {
    this.pairs = pairs;
    this.length = length;
  }

  /**
   * Returns attributes of the first {@code length} entries of {@code pairs} (key, value, ...),
   * which the caller no longer changes.
   */
  static StampAttributes of(Object[] pairs, int length) {
    return new StampAttributes(pairs, length);
  }

  @Override
  @Nullable
  @SuppressWarnings("unchecked")
  public <T> T get(AttributeKey<T> key) {
    for (int i = 0; i < length; i += 2) {
      if (pairs[i].equals(key)) {
        return (T) pairs[i + 1];
      }
    }
    return null;
  }

  @Override
  public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
    for (int i = 0; i < length; i += 2) {
      consumer.accept((AttributeKey<?>) pairs[i], pairs[i + 1]);
    }
  }

  @Override
  public int size() {
    return length / 2;
  }

  @Override
  public boolean isEmpty() {
    return length == 0;
  }

  @Override
  public Map<AttributeKey<?>, Object> asMap() {
    Map<AttributeKey<?>, Object> map = new LinkedHashMap<>();
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  @Override
  @SuppressWarnings("unchecked")
  public AttributesBuilder toBuilder() {
    AttributesBuilder builder = Attributes.builder();
    forEach((key, value) -> builder.put((AttributeKey<Object>) key, value));
    return builder;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Attributes && asMap().equals(((Attributes) o).asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
