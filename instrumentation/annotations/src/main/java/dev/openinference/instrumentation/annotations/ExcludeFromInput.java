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
 * tokens) and for values that are not the input (callbacks, clients). Excluded parameters do not
 * count: with one parameter left, {@code input.value} is that parameter's value as it is (below,
 * the order id); with several, a JSON object of those by name; with none, there is no {@code
 * input.value}.
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
