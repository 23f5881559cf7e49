/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of propagated values, bound to a trace: the first key signs, every key
 * verifies (so keys can be rotated without a flag day).
 */
final class Signer {

  private static final String ALGORITHM = "HmacSHA256";
  // Versions the signed message, so a later format cannot be confused with this one.
  private static final byte[] DOMAIN = "openinference-propagation-v1".getBytes(UTF_8);

  private final List<SecretKeySpec> keys;
  // Initialised once per key and cloned per use: a Mac is not thread-safe.
  private final List<Mac> prototypes;

  private Signer(List<SecretKeySpec> keys, List<Mac> prototypes) {
    this.keys = keys;
    this.prototypes = prototypes;
  }

  /** Returns a signer for {@code keys} (each already validated), the first of which signs. */
  static Signer create(List<String> keys) throws GeneralSecurityException {
    List<SecretKeySpec> specs = new ArrayList<>(keys.size());
    List<Mac> macs = new ArrayList<>(keys.size());
    for (String key : keys) {
      SecretKeySpec spec = new SecretKeySpec(key.getBytes(UTF_8), ALGORITHM);
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(spec);
      specs.add(spec);
      macs.add(mac);
    }
    return new Signer(Collections.unmodifiableList(specs), Collections.unmodifiableList(macs));
  }

  int keyCount() {
    return prototypes.size();
  }

  /** Returns the unpadded base64url HMAC of {@code field}, {@code value} and {@code traceId}. */
  String sign(String traceId, String field, String value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(0, traceId, field, value));
  }

  /** Returns whether {@code signature} is the HMAC of these under any of the keys. */
  boolean verify(String traceId, String field, String value, String signature) {
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean match = false;
    for (int i = 0; i < prototypes.size(); i++) {
      // Every key is tried, so the time taken does not tell which one matched.
      match |= MessageDigest.isEqual(given, mac(i, traceId, field, value));
    }
    return match;
  }

  private byte[] mac(int key, String traceId, String field, String value) {
    Mac mac = copy(key);
    mac.update(DOMAIN);
    mac.update((byte) 0);
    mac.update(traceId.getBytes(UTF_8));
    mac.update((byte) 0);
    mac.update(field.getBytes(UTF_8));
    mac.update((byte) 0);
    return mac.doFinal(value.getBytes(UTF_8));
  }

  private Mac copy(int key) {
    try {
      return (Mac) prototypes.get(key).clone();
    } catch (CloneNotSupportedException e) {
      // The JDK's HmacSHA256 is cloneable; a provider's that is not gets a fresh instance.
      try {
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(keys.get(key));
        return mac;
      } catch (GeneralSecurityException again) {
        throw new IllegalStateException(again);
      }
    }
  }

  @Override
  public String toString() {
    return "Signer{algorithm=" + ALGORITHM + ", keys=" + prototypes.size() + "}";
  }
}
