/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor;

/**
 * Every test of {@link SessionKeysInTest} with the values stamped by the sampler, as autoconfigure
 * does.
 */
class SessionKeysInSamplerModeTest extends SessionKeysInTest {
  @Override
  StampingMode mode() {
    return StampingMode.SAMPLER;
  }
}
