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
 * The {@code openinference} header, version 1: a comma list whose first element is {@code
 * v=1;t=<issue time, epoch seconds>}, followed by {@code <field>=<percent-encoded
 * value>;sig=<base64url HMAC>} entries, for example {@code
 * v=1;t=1764936000,session.id=conversation-42;sig=3q2-7w...,user.id=bob;sig=u7_a...}.
 *
 * <p>Compatibility: a receiver rejects, with a warning that says why, a header without the {@code
 * v=} element (sent by a release before version 1, whose signatures carry no time) and a header of
 * a version it does not know. A later version changes the {@code v=} number and the signed message,
 * so neither version's signatures verify as the other's; parameters other than {@code sig} are
 * ignored, so a version can add some without breaking receivers.
 */
final class HeaderCodec {

  /** The header (or other carrier key) the propagator reads and writes. */
  static final String HEADER = "openinference";

  /** The longest value, in characters, that is sent or accepted. */
  static final int MAX_VALUE_LENGTH = 256;

  /** A longer inbound header is not parsed at all. */
  static final int MAX_HEADER_LENGTH = 4096;

  static final String SIGNATURE_PARAMETER = "sig";

  /** The version this release sends and accepts. */
  static final String VERSION = "1";

  static final String VERSION_FIELD = "v";
  static final String TIME_PARAMETER = "t";

  /** A parsed header. */
  static final class Parsed {
    /** The {@code v=} value, null when the header has none (an unversioned, pre-1 header). */
    @Nullable final String version;

    /** The issue time in epoch seconds, null when missing or not a number. */
    @Nullable final Long issuedAt;

    final List<Entry> entries;

    Parsed(@Nullable String version, @Nullable Long issuedAt, List<Entry> entries) {
      this.version = version;
      this.issuedAt = issuedAt;
      this.entries = entries;
    }
  }

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
      // Never the value: entries are attacker-supplied and may hold personal data.
      return "Entry{field.length=" + field.length() + ", signed=" + (signature != null) + "}";
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

  /** Starts a header: the version and the issue time that every entry's signature covers. */
  static void appendPreamble(StringBuilder header, long issuedAt) {
    header
        .append(VERSION_FIELD)
        .append('=')
        .append(VERSION)
        .append(';')
        .append(TIME_PARAMETER)
        .append('=')
        .append(issuedAt);
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
   * Splits a header into its preamble and entries. An entry whose value is not valid %-encoding has
   * a null value; parameters other than {@code sig} are ignored, so a later version can add some.
   */
  static Parsed parse(String header) {
    List<Entry> entries = new ArrayList<>();
    String version = null;
    Long issuedAt = null;
    boolean first = true;
    for (String part : header.split(",", -1)) {
      String element = part.trim();
      if (element.isEmpty()) {
        continue;
      }
      String[] pieces = element.split(";", -1);
      String pair = pieces[0].trim();
      int eq = pair.indexOf('=');
      String field = eq < 0 ? pair : pair.substring(0, eq).trim();
      String rawValue = eq < 0 ? null : pair.substring(eq + 1).trim();
      if (first && VERSION_FIELD.equals(field)) {
        first = false;
        version = rawValue == null ? "" : rawValue;
        String time = parameter(pieces, TIME_PARAMETER);
        issuedAt = time == null ? null : epochSeconds(time);
        continue;
      }
      first = false;
      String value = rawValue == null ? null : percentDecode(rawValue);
      entries.add(new Entry(field, value, parameter(pieces, SIGNATURE_PARAMETER)));
    }
    return new Parsed(version, issuedAt, Collections.unmodifiableList(entries));
  }

  @Nullable
  private static String parameter(String[] pieces, String name) {
    for (int i = 1; i < pieces.length; i++) {
      String parameter = pieces[i].trim();
      if (parameter.startsWith(name + "=")) {
        return parameter.substring(name.length() + 1).trim();
      }
    }
    return null;
  }

  /** Plain decimal digits only (no sign, at most 18 of them), else null. */
  @Nullable
  private static Long epochSeconds(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return Long.parseLong(text);
  }

  private HeaderCodec() {}
}
