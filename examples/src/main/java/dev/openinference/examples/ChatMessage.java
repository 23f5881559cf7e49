/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.examples;

/** One message of a chat: {@code system}, {@code user} or {@code assistant}, and its text. */
record ChatMessage(String role, String content) {

  static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }
}
