package dev.keywarden.core.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keywarden.core.store.JdbcKeyStore;
import dev.keywarden.verification.FixedWindowRateLimit;
import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.RateLimit;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.TokenFormat;
import dev.keywarden.verification.VerifyCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
 * <p>Checks: a malformed token or an unknown access id is {@code NOT_FOUND}; a known key is checked
 * by its {@link dev.keywarden.verification.KeyRules}, in the order documented there (the same
 * checks the client library's embedded verifier runs). A valid use is noted for last-use tracking,
 * written behind.
 *
 * <p>Performance: a cache entry ({@link CachedKey}) holds everything the checks compare, prepared
 * when the key is loaded, and its shared answer for valid uses; the secret is hashed with a digest
 * per thread and time is read as epoch milliseconds. Verifying a cached, valid key thus allocates
 * only the secret's bytes, takes no lock, and notes last use at most once per {@link
 * #LAST_USE_RESOLUTION} per key and address.
 *
 * <p>Thread-safe. {@link #verifyIfCached} never blocks; {@link #verify} may read storage.
 */
public final class Verifier {
  /** How precisely last use is tracked: a key's use is written at most once per period. */
  public static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

  private static final long LAST_USE_RESOLUTION_MILLIS = LAST_USE_RESOLUTION.toMillis();

  /** How long an entry is trusted without a change-log notice: bounds any missed change. */
  static final Duration MAXIMUM_AGE = Duration.ofMinutes(10);

  private static final long MAXIMUM_AGE_MILLIS = MAXIMUM_AGE.toMillis();

  private final JdbcKeyStore keys;
  private final LastUseRecorder lastUse;
  private final Clock clock;
  private final Cache<String, Object> cache;

  /**
   * Access ids storage does not know, kept apart from the keys and small, so made-up ids can
   * neither fill memory nor evict real keys.
   */
  private final Cache<String, Absent> absent =
      Caffeine.newBuilder().maximumSize(MAXIMUM_ABSENT).build();

  /** How many unknown access ids are remembered. */
  static final int MAXIMUM_ABSENT = 10_000;

  /** The longest access id stored (the {@code access_id} column). */
  static final int MAXIMUM_ACCESS_ID_LENGTH = 64;

  private final RateLimit rateLimit = new FixedWindowRateLimit();

  /** A verifier over the key store, caching up to {@code maximumKeys} access ids. */
  public Verifier(JdbcKeyStore keys, LastUseRecorder lastUse, Clock clock, long maximumKeys) {
    this.keys = keys;
    this.lastUse = lastUse;
    this.clock = clock;
    // Entries carry their load time and are aged against the clock the checks read anyway, which
    // spares Caffeine's expiry bookkeeping (a second clock read) on every verification.
    this.cache = Caffeine.newBuilder().maximumSize(maximumKeys).build();
  }

  /** Splits a printable token; {@code null} for malformed tokens or a bad checksum. */
  public static KeyToken parse(String token) {
    return TokenFormat.parse(token);
  }

  /** Verifies, reading storage if the access id is not cached. Blocking. */
  public VerifyResult verify(KeyToken credential, Requirements requirements) {
    if (credential == null) {
      return VerifyResult.NOT_FOUND;
    }
    String accessId = credential.accessId();
    if (accessId == null || accessId.length() > MAXIMUM_ACCESS_ID_LENGTH) {
      return VerifyResult.NOT_FOUND;
    }
    long now = clock.millis();
    Object entry = lookUp(accessId, now);
    if (entry == null) {
      // Loaded inside the key cache's computation, so an invalidation waits for it and then
      // drops whichever entry it made (a key, or an absent id).
      entry = cache.get(accessId, this::loadKey);
      if (entry == null) {
        entry = absent.getIfPresent(accessId);
      }
      if (entry == null) {
        entry = new Absent(now);
      }
    }
    return check(entry, credential, requirements, now);
  }

  /**
   * Verifies from memory only: the result, or {@code null} when the access id is not cached and
   * {@link #verify} must be called off the event loop. Never blocks.
   */
  public VerifyResult verifyIfCached(KeyToken credential, Requirements requirements) {
    if (credential == null) {
      return VerifyResult.NOT_FOUND;
    }
    String accessId = credential.accessId();
    if (accessId == null || accessId.length() > MAXIMUM_ACCESS_ID_LENGTH) {
      return VerifyResult.NOT_FOUND;
    }
    long now = clock.millis();
    Object entry = lookUp(accessId, now);
    return entry == null ? null : check(entry, credential, requirements, now);
  }

  /** A fresh entry of either cache, or {@code null}. */
  private Object lookUp(String accessId, long now) {
    Object entry = cache.getIfPresent(accessId);
    if (entry == null) {
      entry = absent.getIfPresent(accessId);
    }
    if (entry != null && isStale(entry, now)) {
      cache.asMap().remove(accessId, entry);
      absent.asMap().remove(accessId, entry);
      return null;
    }
    return entry;
  }

  /** Drops an access id from the cache (its key changed). */
  public void invalidate(String accessId) {
    cache.invalidate(accessId);
    absent.invalidate(accessId);
    rateLimit.forget(accessId);
  }

  /** Drops every cached entry. */
  public void invalidateAll() {
    cache.invalidateAll();
    absent.invalidateAll();
  }

  /** How many access ids are cached. */
  public long cachedKeys() {
    return cache.estimatedSize();
  }

  private Object load(String accessId) {
    long now = clock.millis();
    Optional<VerifiableKey> key = keys.findByAccessId(accessId).map(VerifiableKey::of);
    return key.isPresent() ? new CachedKey(key.get(), now) : new Absent(now);
  }

  /** A key for the key cache, or {@code null} (remembered among the absent ids) if none. */
  private Object loadKey(String accessId) {
    Object entry = load(accessId);
    if (entry instanceof Absent missing) {
      absent.put(accessId, missing);
      return null;
    }
    return entry;
  }

  /** An access id storage does not know, remembered so that made-up ids never reach storage. */
  private record Absent(long loadedAtMillis) {}

  private static boolean isStale(Object entry, long now) {
    long loadedAt =
        entry instanceof CachedKey key ? key.loadedAtMillis : ((Absent) entry).loadedAtMillis();
    return now - loadedAt >= MAXIMUM_AGE_MILLIS;
  }

  private VerifyResult check(
      Object entry, KeyToken credential, Requirements requirements, long now) {
    if (!(entry instanceof CachedKey key)) {
      return VerifyResult.NOT_FOUND;
    }
    VerifyCode code = key.rules.check(credential.secret(), requirements, now, rateLimit);
    return switch (code) {
      case VALID -> {
        noteUse(key, now, requirements.clientIp());
        yield key.valid;
      }
      case NOT_FOUND -> VerifyResult.NOT_FOUND;
      case WRONG_ACCOUNT,
          EXPIRED,
          DISABLED,
          WRONG_API_VERSION,
          IP_NOT_ALLOWED,
          INSUFFICIENT_SCOPE,
          WRONG_LICENSE,
          RATE_LIMITED ->
          new VerifyResult(code, key.verifiable);
    };
  }

  /**
   * Notes a valid use for last-use tracking at most once per {@link #LAST_USE_RESOLUTION} per key
   * (with that use's address): writing every use of 100,000 busy keys behind cost the database as
   * much CPU as serving the requests did, and a key used from many addresses must not undo that.
   */
  private void noteUse(CachedKey key, long now, String clientIp) {
    if (now - key.lastUseNotedMillis >= LAST_USE_RESOLUTION_MILLIS) {
      key.lastUseNotedMillis = now;
      lastUse.record(key.rules.accessId(), Instant.ofEpochMilli(now), clientIp);
    }
  }
}
