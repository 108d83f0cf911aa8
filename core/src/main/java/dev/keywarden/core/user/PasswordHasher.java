package dev.keywarden.core.user;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password hashing with Argon2id (Spring Security's encoder over Bouncy Castle): the encoded form
 * carries its own salt and parameters. Thread-safe.
 */
public final class PasswordHasher {
  private final Argon2PasswordEncoder encoder =
      Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

  /** The encoded Argon2id hash of a password. */
  public String hash(String password) {
    return encoder.encode(password);
  }

  /** Whether a password matches an encoded hash. */
  public boolean matches(String password, String encodedHash) {
    return encodedHash != null && encoder.matches(password, encodedHash);
  }
}
