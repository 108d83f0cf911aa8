package dev.keywarden.client;

import dev.keywarden.verification.TokenFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies presented keys for a platform service through the server's verify endpoint, with a small
 * local cache so that a busy service does not ask the server on every request.
 *
 * <p><b>Staleness bound.</b> Only positive ({@code VALID}) answers are cached, each for at most the
 * {@linkplain Builder#ttl(Duration) time to live} (default 5 seconds) and never past the key's own
 * expiry. So a key that is deleted, regenerated, disabled or expires on the server stops verifying
 * here within the time to live, and a key that becomes valid is seen at once. Negative answers are
 * never cached; malformed tokens (wrong prefix, length or checksum) are refused locally without a
 * server round trip. If the server cannot be reached the verifier throws: it never fails open.
 *
 * <p><b>Concurrency.</b> Thread-safe and lock-free: one {@link ConcurrentHashMap} from a digest of
 * (token, required scopes, license) to the answer and its deadline. Tokens are kept only as their
 * SHA-256 digests, so a heap dump does not reveal them. Concurrent misses for the same token may
 * each ask the server; the cache is bounded by {@link Builder#maximumSize(int)}: when full, expired
 * entries are dropped first, then arbitrary ones.
 *
 * <pre>{@code
 * KeyVerifier verifier = KeyVerifier.builder(client).ttl(Duration.ofSeconds(5)).build();
 * VerifyResult result = verifier.verify(presentedToken, Set.of("Tasks"), null);
 * if (!result.valid()) { respond 401 with result.code() }
 * }</pre>
 */
public final class KeyVerifier {
  /** The default time to live of a positive answer, which is also the staleness bound. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

  /** The default maximum number of cached answers. */
  public static final int DEFAULT_MAXIMUM_SIZE = 10_000;

  private final KeywardenClient client;
  private final Duration ttl;
  private final int maximumSize;
  private final InstantSource clock;
  private final ConcurrentHashMap<CacheKey, Entry> cache = new ConcurrentHashMap<>();

  private KeyVerifier(Builder builder) {
    this.client = builder.client;
    this.ttl = builder.ttl;
    this.maximumSize = builder.maximumSize;
    this.clock = builder.clock;
  }

  /** A builder over a client whose credential's key has the {@code APIKey} scope. */
  public static Builder builder(KeywardenClient client) {
    return new Builder(client);
  }

  /** The staleness bound: how long a positive answer may be reused. */
  public Duration ttl() {
    return ttl;
  }

  /** Verifies a token with no required scope or license. */
  public VerifyResult verify(String token) {
    return verify(token, Set.of(), null);
  }

  /**
   * Verifies a token for a request.
   *
   * @param token the presented token
   * @param requiredScopes the scopes the request needs (may be empty)
   * @param licenseId the license the request addresses, or {@code null}
   * @return the answer, at most {@link #ttl()} old
   * @throws KeywardenApiException if the server cannot answer (never a silent "valid")
   */
  public VerifyResult verify(String token, Collection<String> requiredScopes, Long licenseId) {
    if (TokenFormat.parse(token) == null) {
      return VerifyResult.invalid(VerifyCode.NOT_FOUND);
    }
    return verify(Credential.token(token), token, requiredScopes, licenseId);
  }

  /**
   * Verifies what a client presented: a whole token, or the access id and secret it sent in two
   * headers.
   *
   * @param presented the presented key
   * @param requiredScopes the scopes the request needs (may be empty)
   * @param licenseId the license the request addresses, or {@code null}
   * @return the answer, at most {@link #ttl()} old
   * @throws KeywardenApiException if the server cannot answer (never a silent "valid")
   */
  public VerifyResult verify(
      Credential presented, Collection<String> requiredScopes, Long licenseId) {
    Objects.requireNonNull(presented, "null presented");
    if (presented.tokenValue() != null) {
      return verify(presented.tokenValue(), requiredScopes, licenseId);
    }
    return verify(
        presented, presented.accessId() + "\n" + presented.secret(), requiredScopes, licenseId);
  }

  private VerifyResult verify(
      Credential presented, String identity, Collection<String> requiredScopes, Long licenseId) {
    Set<String> scopes = requiredScopes == null ? Set.of() : new TreeSet<>(requiredScopes);
    CacheKey key = new CacheKey(digest(identity), List.copyOf(scopes), licenseId);
    Instant now = clock.instant();
    Entry hit = cache.get(key);
    if (hit != null) {
      if (now.isBefore(hit.deadline())) {
        return hit.result();
      }
      cache.remove(key, hit);
    }
    VerifyResult result = client.verify(presented, scopes, licenseId);
    if (result.valid()) {
      remember(key, result, now);
    }
    return result;
  }

  /** Forgets every cached answer for a token, e.g. when the service itself revoked it. */
  public void invalidate(String token) {
    String digest = digest(token);
    cache.keySet().removeIf(key -> key.tokenDigest().equals(digest));
  }

  /** Forgets every cached answer for a presented key (a token, or an access id and secret). */
  public void invalidate(Credential presented) {
    invalidate(
        presented.tokenValue() != null
            ? presented.tokenValue()
            : presented.accessId() + "\n" + presented.secret());
  }

  /** Forgets every cached answer. */
  public void invalidateAll() {
    cache.clear();
  }

  /** How many answers are cached now (expired ones included until they are dropped). */
  public int cachedEntries() {
    return cache.size();
  }

  private void remember(CacheKey key, VerifyResult result, Instant now) {
    Instant deadline = now.plus(ttl);
    // A valid answer never outlives the key: after its expiry the server must be asked again.
    if (result.expiresAt() != null && result.expiresAt().isBefore(deadline)) {
      deadline = result.expiresAt();
    }
    if (!deadline.isAfter(now)) {
      return;
    }
    if (cache.size() >= maximumSize) {
      makeRoom(now);
    }
    cache.put(key, new Entry(result, deadline));
  }

  private void makeRoom(Instant now) {
    cache.values().removeIf(entry -> !now.isBefore(entry.deadline()));
    Iterator<CacheKey> keys = cache.keySet().iterator();
    int excess = cache.size() - maximumSize + Math.max(1, maximumSize / 10);
    while (excess-- > 0 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }

  private static String digest(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return java.util.HexFormat.of()
          .formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private record CacheKey(String tokenDigest, List<String> scopes, Long licenseId) {}

  private record Entry(VerifyResult result, Instant deadline) {}

  /** Builds a {@link KeyVerifier}. Not thread-safe; build once and share the verifier. */
  public static final class Builder {
    private final KeywardenClient client;
    private Duration ttl = DEFAULT_TTL;
    private int maximumSize = DEFAULT_MAXIMUM_SIZE;
    private InstantSource clock = Clock.systemUTC();

    private Builder(KeywardenClient client) {
      this.client = Objects.requireNonNull(client, "null client");
    }

    /**
     * How long a positive answer is reused: the staleness bound under revocation (default 5 s).
     * Zero disables caching.
     */
    public Builder ttl(Duration value) {
      Objects.requireNonNull(value, "null ttl");
      if (value.isNegative()) {
        throw new IllegalArgumentException("negative ttl");
      }
      this.ttl = value;
      return this;
    }

    /** The most answers kept (default 10,000). */
    public Builder maximumSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maximumSize must be positive");
      }
      this.maximumSize = value;
      return this;
    }

    /** The time source (tests inject one instead of sleeping). */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "null clock");
      return this;
    }

    /** The verifier. */
    public KeyVerifier build() {
      return new KeyVerifier(this);
    }
  }
}
