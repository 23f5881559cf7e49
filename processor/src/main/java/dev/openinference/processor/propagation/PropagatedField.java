/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import dev.openinference.context.internal.ContextValues;
import javax.annotation.Nullable;

/** An OpenInference value that may cross a process boundary, named like its span attribute. */
enum PropagatedField {
  SESSION_ID("session.id"),
  USER_ID("user.id");

  private final String wireName;

  PropagatedField(String wireName) {
    this.wireName = wireName;
  }

  /** The name in configuration and in the header: the span attribute's. */
  String wireName() {
    return wireName;
  }

  @Nullable
  String valueIn(ContextValues values) {
    return this == SESSION_ID ? values.getSessionId() : values.getUserId();
  }

  @Nullable
  static PropagatedField fromWireName(String name) {
    for (PropagatedField field : values()) {
      if (field.wireName.equals(name)) {
        return field;
      }
    }
    return null;
  }
}
