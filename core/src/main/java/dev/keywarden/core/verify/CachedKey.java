package dev.keywarden.core.verify;

import dev.keywarden.core.key.ApiKey;
import dev.keywarden.verification.KeyRules;
import dev.keywarden.verification.VerifyCode;

/**
 * A verification cache entry: a {@link VerifiableKey}, its {@link KeyRules} prepared once, and its
 * shared answer for valid uses, so that verifying a cached key allocates next to nothing when it is
 * valid. Immutable but for the last-use note.
 */
final class CachedKey {
  final VerifiableKey verifiable;
  final KeyRules rules;
  final long loadedAtMillis;

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
    this.rules = verifiable.rules();
    this.loadedAtMillis = loadedAtMillis;
    this.valid = new VerifyResult(VerifyCode.VALID, verifiable);
    this.lastUseNotedMillis = key.lastUsedAt() == null ? 0 : key.lastUsedAt().toEpochMilli();
  }
}
