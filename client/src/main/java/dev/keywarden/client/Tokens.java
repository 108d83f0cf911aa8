package dev.keywarden.client;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The documented token format {@code kw_<16 base62 access id>_<30 base62 secret><6 base62 CRC32>},
 * checked locally so that a mistyped or random string never costs a server round trip. Thread-safe
 * (stateless).
 */
final class Tokens {
  static final String PREFIX = "kw_";
  private static final int ACCESS_ID_LENGTH = 16;
  private static final int SECRET_LENGTH = 30;
  private static final int CHECKSUM_LENGTH = 6;
  private static final int SEPARATOR_AT = PREFIX.length() + ACCESS_ID_LENGTH;
  private static final int CHECKSUM_AT = SEPARATOR_AT + 1 + SECRET_LENGTH;
  static final int TOKEN_LENGTH = CHECKSUM_AT + CHECKSUM_LENGTH;
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Tokens() {}

  /** Whether a string is a well-formed token with a correct checksum. */
  static boolean isWellFormed(String token) {
    if (token == null || token.length() != TOKEN_LENGTH || !token.startsWith(PREFIX)) {
      return false;
    }
    if (token.charAt(SEPARATOR_AT) != '_') {
      return false;
    }
    for (int i = PREFIX.length(); i < TOKEN_LENGTH; i++) {
      if (i != SEPARATOR_AT && !isBase62(token.charAt(i))) {
        return false;
      }
    }
    return token.regionMatches(CHECKSUM_AT, checksum(token), 0, CHECKSUM_LENGTH);
  }

  /** The access id of a well-formed token, or {@code null}. */
  static String accessIdOf(String token) {
    return isWellFormed(token) ? token.substring(PREFIX.length(), SEPARATOR_AT) : null;
  }

  private static String checksum(String token) {
    CRC32 crc = new CRC32();
    crc.update(token.substring(0, CHECKSUM_AT).getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = ALPHABET[(int) (value % 62)];
      value /= 62;
    }
    return new String(out);
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
