package dev.keywarden.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption (AES-256-GCM) of recoverable secrets under the master key. The access id
 * is bound in as associated data, so a ciphertext moved to another key row does not decrypt. Stored
 * form: base64 of a 12-byte random nonce followed by the ciphertext and tag. Thread-safe.
 */
public final class SecretBox {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /** A box under a 32-byte master key. */
  public SecretBox(MasterKey masterKey) {
    Objects.requireNonNull(masterKey, "null masterKey");
    this.key = new SecretKeySpec(masterKey.bytes(), "AES");
  }

  /** Encrypts a secret, bound to an access id. */
  public String seal(String secret, String accessId) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(accessId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts a sealed secret.
   *
   * @throws IllegalStateException if the ciphertext was altered, belongs to another access id or
   *     was sealed under another master key
   */
  public String open(String sealed, String accessId) {
    byte[] bytes = Base64.getDecoder().decode(sealed);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(accessId.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "A recoverable secret could not be decrypted: wrong master key or altered data", e);
    }
  }
}
