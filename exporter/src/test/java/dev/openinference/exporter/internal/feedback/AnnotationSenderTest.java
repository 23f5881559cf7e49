/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AnnotationSenderTest {

  @Test
  void credentialsInTheBaseUrlNeverShowInItsDescription() {
    AnnotationSender sender =
        AnnotationSender.create(
            "http://phoenix:s3cret-pass@127.0.0.1:6006/",
            Collections.singletonMap("authorization", "Bearer s3cret-token"),
            8,
            TimeUnit.SECONDS.toNanos(1));
    try {
      assertThat(sender.toString())
          .contains("http://****@127.0.0.1:6006")
          .contains("authorization")
          .doesNotContain("s3cret");
    } finally {
      sender.shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
