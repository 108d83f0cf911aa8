package dev.keywarden.core.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a secret. Secrets carry at least 128 random bits, so a fast hash is right here: a
 * password hash would only slow verification without adding safety. Thread-safe.
 */
public final class SecretHash {
  private static final HexFormat HEX = HexFormat.of();

  private SecretHash() {}

  /** The SHA-256 digest of a secret. */
  public static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The digest as lower-case hex, the form kept in storage. */
  public static String hex(String secret) {
    return HEX.formatHex(digest(secret));
  }

  /** Decodes a stored hex digest. */
  public static byte[] fromHex(String hex) {
    return HEX.parseHex(hex);
  }

  /** Compares a presented secret with a stored digest in constant time. */
  public static boolean matches(byte[] presentedDigest, byte[] storedDigest) {
    return storedDigest != null && MessageDigest.isEqual(presentedDigest, storedDigest);
  }
}
