package dev.keywarden.core.key;

import dev.keywarden.core.user.Role;

/**
 * A key as stored: its public view plus what verification needs. Never leaves the core.
 *
 * @param ownerRole the owning user's role, or {@code null} for a license key
 * @param previousSecretHash the hash of the secret before the last regeneration, or {@code null}
 * @param encryptedSecret the sealed secret of a recoverable key, or {@code null}
 */
public record StoredKey(
    ApiKey key,
    String accountName,
    Role ownerRole,
    byte[] secretHash,
    byte[] previousSecretHash,
    String encryptedSecret) {

  @Override
  public String toString() {
    return "StoredKey[" + key.accessId() + "]";
  }
}
