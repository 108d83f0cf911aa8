package dev.keywarden.core.verify;

import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.StoredKey;
import dev.keywarden.core.user.Role;
import dev.keywarden.verification.IpRange;
import dev.keywarden.verification.KeyRules;
import java.time.Instant;
import java.util.List;

/**
 * A key as the verification cache holds it: everything the checks need, prepared once when the key
 * is loaded so that a verification only compares. Immutable.
 *
 * @param ownerRole the owner's role, or {@code null} for a license key
 */
public record VerifiableKey(
    ApiKey key,
    String accountName,
    Role ownerRole,
    byte[] secretHash,
    byte[] previousSecretHash,
    Instant previousValidUntil,
    List<IpRange> allowedIps) {

  static VerifiableKey of(StoredKey stored) {
    ApiKey key = stored.key();
    return new VerifiableKey(
        key,
        stored.accountName(),
        stored.ownerRole(),
        stored.secretHash(),
        stored.previousSecretHash(),
        key.previousSecretValidUntil(),
        key.allowedIps().stream().map(ip -> IpRange.parse(ip)).toList());
  }

  /** What the checks compare, prepared for {@link KeyRules#check}. */
  public KeyRules rules() {
    return new KeyRules(
        key.accessId(),
        key.accountId(),
        secretHash,
        previousSecretHash,
        previousValidUntil,
        key.expiresAt(),
        key.enabled(),
        key.apiVersion(),
        allowedIps,
        key.scopes(),
        key.binding(),
        key.rateLimitPerMinute());
  }

  @Override
  public String toString() {
    return "VerifiableKey[" + key.accessId() + "]";
  }
}
