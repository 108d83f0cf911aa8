package dev.keywarden.core.key;

import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Binding;
import dev.keywarden.verification.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What may be shown of a key: everything but its secret and secret hashes.
 *
 * @param ownerUserId the owning user, or {@code null} for a license key (owned by the account)
 * @param ownerUsername the owning user's name, or {@code null} for a license key
 * @param previousSecretValidUntil until when the secret before the last regeneration still works,
 *     or {@code null}
 */
public record ApiKey(
    long id,
    long accountId,
    String accessId,
    String name,
    String description,
    Long ownerUserId,
    String ownerUsername,
    Binding binding,
    Set<Scope> scopes,
    ApiVersion apiVersion,
    boolean isDefault,
    boolean enabled,
    Instant createdAt,
    String createdBy,
    Instant expiresAt,
    Instant lastUsedAt,
    String lastUsedIp,
    List<String> allowedIps,
    Integer rateLimitPerMinute,
    Instant previousSecretValidUntil) {

  /** Whether the key is past its expiry at {@code now}. */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
