/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.internal;

import dev.openinference.processor.StampingMode;

/**
 * Every test of {@link AliasesTest} with the values stamped by the sampler, as autoconfigure does.
 */
class AliasesSamplerModeTest extends AliasesTest {
  @Override
  StampingMode mode() {
    return StampingMode.SAMPLER;
  }
}
