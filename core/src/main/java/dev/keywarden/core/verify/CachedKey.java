package dev.keywarden.core.verify;

import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.IpRange;
import dev.keywarden.core.key.Scope;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A verification cache entry: a {@link VerifiableKey} with what the checks compare prepared once,
 * so that verifying a cached key allocates next to nothing when it is valid. Times are kept as the
 * first epoch millisecond at or after the instant, so that comparing millisecond clock readings
 * gives the same answers as comparing the instants. Immutable but for the last-use note.
 */
final class CachedKey {
  final VerifiableKey verifiable;
  final long loadedAtMillis;
  final String accessId;
  final long accountId;
  final byte[] secretHash;
  final byte[] previousSecretHash;
  final long previousValidUntilMillis;
  final long expiresAtMillis;
  final boolean enabled;
  final Set<Scope> scopes;
  final IpRange[] allowedIps;
  final Integer rateLimitPerMinute;

  /** The answer for every valid use, shared: a result is immutable. */
  final VerifyResult valid;

  /**
   * When a use was last noted for writing behind, so that a busy key is noted once per resolution
   * period, not on every request. Racing writers may both note a use, which is harmless.
   */
  volatile long lastUseNotedMillis;

  CachedKey(VerifiableKey verifiable, long loadedAtMillis) {
    ApiKey key = verifiable.key();
    this.verifiable = verifiable;
    this.loadedAtMillis = loadedAtMillis;
    this.accessId = key.accessId();
    this.accountId = key.accountId();
    this.secretHash = verifiable.secretHash();
    this.previousSecretHash = verifiable.previousSecretHash();
    this.previousValidUntilMillis =
        verifiable.previousValidUntil() == null
            ? Long.MIN_VALUE
            : ceilingMillis(verifiable.previousValidUntil());
    this.expiresAtMillis = ceilingMillis(key.expiresAt());
    this.enabled = key.enabled();
    this.scopes =
        key.scopes().isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(key.scopes());
    this.allowedIps = verifiable.allowedIps().toArray(IpRange[]::new);
    this.rateLimitPerMinute = key.rateLimitPerMinute();
    this.valid = new VerifyResult(VerifyCode.VALID, verifiable);
    this.lastUseNotedMillis = key.lastUsedAt() == null ? 0 : key.lastUsedAt().toEpochMilli();
  }

  /** The first epoch millisecond not before the instant. */
  static long ceilingMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }
}
