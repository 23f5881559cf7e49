/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.processor.propagation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The {@code openinference} header: a comma list of {@code <field>=<percent-encoded
 * value>;sig=<base64url HMAC>} entries, for example {@code
 * session.id=conversation-42;sig=3q2-7w...,user.id=bob;sig=u7_a...}.
 */
final class HeaderCodec {

  /** The header (or other carrier key) the propagator reads and writes. */
  static final String HEADER = "openinference";

  /** The longest value, in characters, that is sent or accepted. */
  static final int MAX_VALUE_LENGTH = 256;

  /** A longer inbound header is not parsed at all. */
  static final int MAX_HEADER_LENGTH = 4096;

  static final String SIGNATURE_PARAMETER = "sig";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** One parsed entry; {@code value} is decoded, {@code signature} null when there is none. */
  static final class Entry {
    final String field;
    @Nullable final String value;
    @Nullable final String signature;

    Entry(String field, @Nullable String value, @Nullable String signature) {
      this.field = field;
      this.value = value;
      this.signature = signature;
    }

    @Override
    public String toString() {
      return field + "=" + value + (signature == null ? "" : ";sig=" + signature);
    }
  }

  /**
   * Returns why {@code value} may not be propagated, or null when it may: it must be 1 to {@link
   * #MAX_VALUE_LENGTH} characters, with no control characters and no unpaired surrogates.
   */
  @Nullable
  static String invalidValue(String value) {
    if (value.isEmpty()) {
      return "it is empty";
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      return "it is longer than " + MAX_VALUE_LENGTH + " characters (" + value.length() + ")";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return "it holds a control character";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "it holds an unpaired surrogate";
      }
    }
    return null;
  }

  /** Appends one entry, separated from the ones before by a comma. */
  static void append(StringBuilder header, String field, String value, String signature) {
    if (header.length() > 0) {
      header.append(',');
    }
    header.append(field).append('=');
    percentEncode(value, header);
    header.append(';').append(SIGNATURE_PARAMETER).append('=').append(signature);
  }

  /** Everything but RFC 3986 unreserved characters is %-encoded, so no header syntax leaks in. */
  static void percentEncode(String value, StringBuilder out) {
    for (byte b : value.getBytes(UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
  }

  /** Returns the decoded value, or null when it is not valid %-encoded UTF-8. */
  @Nullable
  static String percentDecode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          return null;
        }
        int hi = Character.digit(encoded.charAt(i + 1), 16);
        int lo = Character.digit(encoded.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0x20 && c < 0x7f && c != ',' && c != ';' && c != '=') {
        bytes.write(c);
      } else {
        return null;
      }
    }
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Splits a header into entries. An entry whose value is not valid %-encoding has a null value;
   * parameters other than {@code sig} are ignored, so a later version can add some.
   */
  static List<Entry> parse(String header) {
    List<Entry> entries = new ArrayList<>();
    for (String part : header.split(",", -1)) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      String[] pieces = entry.split(";", -1);
      String pair = pieces[0].trim();
      int eq = pair.indexOf('=');
      String field = eq < 0 ? pair : pair.substring(0, eq).trim();
      String value = eq < 0 ? null : percentDecode(pair.substring(eq + 1).trim());
      String signature = null;
      for (int i = 1; i < pieces.length; i++) {
        String parameter = pieces[i].trim();
        if (parameter.startsWith(SIGNATURE_PARAMETER + "=")) {
          signature = parameter.substring(SIGNATURE_PARAMETER.length() + 1).trim();
        }
      }
      entries.add(new Entry(field, value, signature));
    }
    return Collections.unmodifiableList(entries);
  }

  private HeaderCodec() {}
}
