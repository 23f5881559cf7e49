/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.instrumentation.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a parameter of an annotated method out of {@code input.value}: for secrets (API keys,
 * tokens) and for values that are not the input (callbacks, clients).
 *
 * <pre>{@code
 * @Tool(description = "Looks up an order")
 * Order lookUp(String orderId, @ExcludeFromInput String apiKey) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ExcludeFromInput {}
