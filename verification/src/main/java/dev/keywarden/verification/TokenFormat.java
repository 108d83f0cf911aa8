package dev.keywarden.verification;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The printable key format: {@code kw_<access id>_<secret><checksum>}.
 *
 * <ul>
 *   <li>{@code kw_} — a fixed prefix, so secret scanners find leaked keys;
 *   <li>access id — 16 base62 characters (about 95 random bits), public and unique;
 *   <li>{@code _} — a separator;
 *   <li>secret — 30 base62 characters (about 178 bits) from {@link SecureRandom};
 *   <li>checksum — the CRC32 of everything before it, 6 base62 characters, so a mistyped or random
 *       string is rejected without touching storage.
 * </ul>
 *
 * <p>A token is 56 characters. Parsing is allocation-light and never throws for bad input. This
 * class is thread-safe.
 */
public final class TokenFormat {
  /** The fixed prefix of every token. */
  public static final String PREFIX = "kw_";

  static final int ACCESS_ID_LENGTH = 16;
  static final int SECRET_LENGTH = 30;
  static final int CHECKSUM_LENGTH = 6;
  private static final int SEPARATOR_AT = PREFIX.length() + ACCESS_ID_LENGTH;
  private static final int SECRET_AT = SEPARATOR_AT + 1;
  private static final int CHECKSUM_AT = SECRET_AT + SECRET_LENGTH;

  /** The length of every token. */
  public static final int TOKEN_LENGTH = CHECKSUM_AT + CHECKSUM_LENGTH;

  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final SecureRandom random;

  /** A format drawing from a fresh {@link SecureRandom}. */
  public TokenFormat() {
    this(new SecureRandom());
  }

  /** A format drawing from the given random source. */
  public TokenFormat(SecureRandom random) {
    this.random = random;
  }

  /** A new random access id. */
  public String newAccessId() {
    return randomBase62(ACCESS_ID_LENGTH);
  }

  /** A new random secret. */
  public String newSecret() {
    return randomBase62(SECRET_LENGTH);
  }

  /** The printable token for an access id and a secret. */
  public static String format(String accessId, String secret) {
    String body = PREFIX + accessId + "_" + secret;
    return body + checksum(body, body.length());
  }

  /**
   * Splits a token into its parts, or returns {@code null} if it is not a well-formed token with a
   * correct checksum.
   */
  public static KeyToken parse(String token) {
    if (token == null || token.length() != TOKEN_LENGTH || !token.startsWith(PREFIX)) {
      return null;
    }
    if (token.charAt(SEPARATOR_AT) != '_') {
      return null;
    }
    for (int i = PREFIX.length(); i < TOKEN_LENGTH; i++) {
      if (i != SEPARATOR_AT && !isBase62(token.charAt(i))) {
        return null;
      }
    }
    if (!token.regionMatches(CHECKSUM_AT, checksum(token, CHECKSUM_AT), 0, CHECKSUM_LENGTH)) {
      return null;
    }
    return new KeyToken(
        token.substring(PREFIX.length(), SEPARATOR_AT), token.substring(SECRET_AT, CHECKSUM_AT));
  }

  /** Whether a string has the shape of a token (prefix and length), checksum aside. */
  public static boolean looksLikeToken(String text) {
    return text != null && text.length() == TOKEN_LENGTH && text.startsWith(PREFIX);
  }

  private static String checksum(String text, int length) {
    CRC32 crc = new CRC32();
    crc.update(text.substring(0, length).getBytes(StandardCharsets.US_ASCII));
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

  private String randomBase62(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
