package dev.keywarden.core.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keywarden.core.key.IpRange;
import dev.keywarden.core.key.KeyToken;
import dev.keywarden.core.key.SecretHash;
import dev.keywarden.core.key.TokenFormat;
import dev.keywarden.core.store.JdbcKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifies presented keys, from memory for every key it has seen.
 *
 * <p>Cache: every looked-up access id is cached, known keys as a {@link VerifiableKey} and unknown
 * ones as an absent entry, so that neither a busy key nor a flood of made-up ids reaches storage.
 * Entries are dropped the moment this process changes a key, and within one poll interval of the
 * change log when another node does ({@link KeyChangeFeed}); a ten-minute expiry bounds the damage
 * of any missed change. Loading goes through Caffeine's per-key compute, so an invalidation that
 * races a load waits for it and then removes what it loaded.
 *
 * <p>Checks, in this order (the first failure gives the code): token well-formed with a correct
 * checksum, access id known and secret matching (current, or previous within its grace period) →
 * {@code NOT_FOUND}; account → {@code WRONG_ACCOUNT}; expiry → {@code EXPIRED}; enabled → {@code
 * DISABLED}; API version → {@code WRONG_API_VERSION}; client address → {@code IP_NOT_ALLOWED};
 * scopes → {@code INSUFFICIENT_SCOPE}; license → {@code WRONG_LICENSE}; rate limit → {@code
 * RATE_LIMITED}. A valid use is noted for last-use tracking, written behind.
 *
 * <p>Performance: a cache entry ({@link CachedKey}) holds everything the checks compare, prepared
 * when the key is loaded, and its shared answer for valid uses; the secret is hashed with a digest
 * per thread ({@link Sha256}) and time is read as epoch milliseconds. Verifying a cached, valid key
 * thus allocates only the secret's bytes, takes no lock, and notes last use at most once a second
 * per key.
 *
 * <p>Thread-safe. {@link #verifyIfCached} never blocks; {@link #verify} may read storage.
 */
public final class Verifier {
  private static final Object ABSENT = new Object();

  private final JdbcKeyStore keys;
  private final LastUseRecorder lastUse;
  private final Clock clock;
  private final Cache<String, Object> cache;
  private final RateLimiter rateLimiter = new RateLimiter();
  private final EnumMap<VerifyCode, LongAdder> counts = new EnumMap<>(VerifyCode.class);

  /** A verifier over the key store, caching up to {@code maximumKeys} access ids. */
  public Verifier(JdbcKeyStore keys, LastUseRecorder lastUse, Clock clock, long maximumKeys) {
    this.keys = keys;
    this.lastUse = lastUse;
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumKeys)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();
    for (VerifyCode code : VerifyCode.values()) {
      counts.put(code, new LongAdder());
    }
  }

  /** Splits a printable token; {@code null} for malformed tokens or a bad checksum. */
  public static KeyToken parse(String token) {
    return TokenFormat.parse(token);
  }

  /** Verifies, reading storage if the access id is not cached. Blocking. */
  public VerifyResult verify(KeyToken credential, Requirements requirements) {
    if (credential == null) {
      return count(VerifyResult.NOT_FOUND);
    }
    Object entry = cache.get(credential.accessId(), this::load);
    return check(entry, credential, requirements);
  }

  /**
   * Verifies from memory only: the result, or {@code null} when the access id is not cached and
   * {@link #verify} must be called off the event loop. Never blocks.
   */
  public VerifyResult verifyIfCached(KeyToken credential, Requirements requirements) {
    if (credential == null) {
      return count(VerifyResult.NOT_FOUND);
    }
    Object entry = cache.getIfPresent(credential.accessId());
    return entry == null ? null : check(entry, credential, requirements);
  }

  /** Drops an access id from the cache (its key changed). */
  public void invalidate(String accessId) {
    cache.invalidate(accessId);
    rateLimiter.forget(accessId);
  }

  /** Drops every cached entry. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** How many verifications ended with the code, since start. */
  public long count(VerifyCode code) {
    return counts.get(code).sum();
  }

  /** How many access ids are cached. */
  public long cachedKeys() {
    return cache.estimatedSize();
  }

  private Object load(String accessId) {
    Optional<VerifiableKey> key = keys.findByAccessId(accessId).map(VerifiableKey::of);
    return key.isPresent() ? new CachedKey(key.get()) : ABSENT;
  }

  private VerifyResult check(Object entry, KeyToken credential, Requirements requirements) {
    if (!(entry instanceof CachedKey key)) {
      return count(VerifyResult.NOT_FOUND);
    }
    long now = clock.millis();
    if (!secretMatches(key, credential.secret(), now)) {
      return count(VerifyResult.NOT_FOUND);
    }
    VerifyCode code = firstFailure(key, requirements, now);
    if (code == VerifyCode.VALID) {
      lastUse.record(key.accessId, now, requirements.clientIp());
      return count(key.valid);
    }
    return count(new VerifyResult(code, key.verifiable));
  }

  private static boolean secretMatches(CachedKey key, String secret, long now) {
    byte[] presented = Sha256.of(secret);
    // Both comparisons always run, in constant time, so timing tells nothing about which matched.
    boolean current = SecretHash.matches(presented, key.secretHash);
    boolean previous =
        key.previousSecretHash != null
            && SecretHash.matches(presented, key.previousSecretHash)
            && now < key.previousValidUntilMillis;
    return current | previous;
  }

  private VerifyCode firstFailure(CachedKey key, Requirements required, long now) {
    if (required.accountId() != null && required.accountId() != key.accountId) {
      return VerifyCode.WRONG_ACCOUNT;
    }
    if (now >= key.expiresAtMillis) {
      return VerifyCode.EXPIRED;
    }
    if (!key.enabled) {
      return VerifyCode.DISABLED;
    }
    if (key.verifiable.key().apiVersion() != required.apiVersion()) {
      return VerifyCode.WRONG_API_VERSION;
    }
    if (key.allowedIps.length > 0 && !allowed(key, required.clientIp())) {
      return VerifyCode.IP_NOT_ALLOWED;
    }
    if (!key.scopes.containsAll(required.scopes())) {
      return VerifyCode.INSUFFICIENT_SCOPE;
    }
    if (required.licenseId() != null
        && !key.verifiable.key().binding().reaches(required.licenseId())) {
      return VerifyCode.WRONG_LICENSE;
    }
    Integer limit = key.rateLimitPerMinute;
    if (limit != null && !rateLimiter.tryAcquire(key.accessId, limit, now)) {
      return VerifyCode.RATE_LIMITED;
    }
    return VerifyCode.VALID;
  }

  private static boolean allowed(CachedKey key, String clientIp) {
    for (IpRange range : key.allowedIps) {
      if (range.contains(clientIp)) {
        return true;
      }
    }
    return false;
  }

  private VerifyResult count(VerifyResult result) {
    counts.get(result.code()).increment();
    return result;
  }
}
