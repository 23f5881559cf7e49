/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The Quarkus wiring of OpenInference: a CDI bean that {@code quarkus-opentelemetry} hands its SDK
 * builder to. Internal: not for public use, and its API may change at any time.
 */
@javax.annotation.ParametersAreNonnullByDefault
package dev.openinference.instrumentation.quarkus.internal;
