/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.semconv;

/**
 * The mime types of {@link SemanticConventions#INPUT_MIME_TYPE} and {@link
 * SemanticConventions#OUTPUT_MIME_TYPE}: they tell a backend whether to render a value as text or
 * parse it as JSON.
 */
public enum MimeType {
  /** Plain text. */
  TEXT("text/plain"),
  /** A JSON document. */
  JSON("application/json");

  private final String value;

  MimeType(String value) {
    this.value = value;
  }

  /**
   * Returns the wire value, for example {@code "application/json"}.
   *
   * @return the MIME type string as written to {@code input.mime_type} and {@code
   *     output.mime_type}, never null
   */
  public String getValue() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
