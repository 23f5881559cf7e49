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
 * HMAC-SHA256 signatures of propagated values, bound to a trace and an issue time: the first key
 * signs, every key verifies (so keys can be rotated without a flag day).
 */
final class Signer {

  private static final String ALGORITHM = "HmacSHA256";
  // Versions the signed message, so no other format (the unversioned headers of earlier releases,
  // which signed "openinference-propagation-v1" without a time, or a later version) verifies as
  // this one.
  private static final byte[] DOMAIN = "openinference-propagation/1".getBytes(UTF_8);
  // A different message for log fingerprints, so a fingerprint is never a signature.
  private static final byte[] FINGERPRINT_DOMAIN =
      "openinference-propagation/log-fingerprint".getBytes(UTF_8);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

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

  /**
   * Returns the unpadded base64url HMAC of {@code traceId}, {@code issuedAt} (epoch seconds),
   * {@code field} and {@code value}.
   */
  String sign(String traceId, long issuedAt, String field, String value) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac(0, traceId, issuedAt, field, value));
  }

  /** Returns whether {@code signature} is the HMAC of these under any of the keys. */
  boolean verify(String traceId, long issuedAt, String field, String value, String signature) {
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean match = false;
    for (int i = 0; i < prototypes.size(); i++) {
      // Every key is tried, so the time taken does not tell which one matched.
      match |= MessageDigest.isEqual(given, mac(i, traceId, issuedAt, field, value));
    }
    return match;
  }

  /**
   * Returns a short keyed fingerprint of {@code text} (8 hex digits) for log messages: equal texts
   * get equal fingerprints, so rejections can be correlated, but without the key a fingerprint
   * cannot be matched against guessed values, as a plain hash of a user id could.
   */
  String fingerprint(String text) {
    Mac mac = copy(0);
    mac.update(FINGERPRINT_DOMAIN);
    mac.update((byte) 0);
    byte[] digest = mac.doFinal(text.getBytes(UTF_8));
    char[] hex = new char[8];
    for (int i = 0; i < 4; i++) {
      hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(hex);
  }

  private byte[] mac(int key, String traceId, long issuedAt, String field, String value) {
    Mac mac = copy(key);
    mac.update(DOMAIN);
    mac.update((byte) 0);
    mac.update(traceId.getBytes(UTF_8));
    mac.update((byte) 0);
    mac.update(Long.toString(issuedAt).getBytes(UTF_8));
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
