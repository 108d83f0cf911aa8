package dev.keywarden.verification;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a verification compares about one key — its secret's digests and its rules, never the
 * secret — prepared once so that checking a presented key only compares. The server's verification
 * cache and the client library's embedded verifier both check keys with this class, so they give
 * the same answer for the same key and requirements by construction.
 *
 * <p>The checks run in the order of {@link VerifyCode}, and the first that fails gives the code:
 * secret (current, or previous within its grace period) → {@code NOT_FOUND}; account → {@code
 * WRONG_ACCOUNT}; expiry → {@code EXPIRED}; enabled → {@code DISABLED}; API version → {@code
 * WRONG_API_VERSION}; client address → {@code IP_NOT_ALLOWED}; scopes → {@code INSUFFICIENT_SCOPE};
 * license → {@code WRONG_LICENSE}; rate limit → {@code RATE_LIMITED}. Only a use that passed every
 * other check is counted against the rate limit.
 *
 * <p>Times are kept as the first epoch millisecond at or after each instant, so that comparing
 * millisecond clock readings gives the same answers as comparing the instants. Immutable and
 * thread-safe.
 */
public final class KeyRules {
  private final String accessId;
  private final long accountId;
  private final byte[] secretDigest;
  private final byte[] previousSecretDigest;
  private final long previousValidUntilMillis;
  private final long expiresAtMillis;
  private final boolean enabled;
  private final ApiVersion apiVersion;
  private final IpRange[] allowedIps;
  private final Set<Scope> scopes;
  private final Binding binding;
  private final int rateLimitPerMinute;

  /**
   * The rules of one key.
   *
   * @param accessId the key's public id
   * @param accountId the account the key belongs to
   * @param secretDigest the SHA-256 of the current secret
   * @param previousSecretDigest the SHA-256 of the secret before the last regeneration, or {@code
   *     null}
   * @param previousValidUntil until when the previous secret still works, or {@code null}
   * @param expiresAt when the key stops working
   * @param enabled whether the key is enabled
   * @param apiVersion the API the key works with
   * @param allowedIps the client addresses the key may be used from; empty for any
   * @param scopes the key's scopes
   * @param binding what the key reaches
   * @param rateLimitPerMinute the key's limit, or {@code null} for none
   */
  public KeyRules(
      String accessId,
      long accountId,
      byte[] secretDigest,
      byte[] previousSecretDigest,
      Instant previousValidUntil,
      Instant expiresAt,
      boolean enabled,
      ApiVersion apiVersion,
      List<IpRange> allowedIps,
      Collection<Scope> scopes,
      Binding binding,
      Integer rateLimitPerMinute) {
    this.accessId = Objects.requireNonNull(accessId, "null accessId");
    this.accountId = accountId;
    this.secretDigest = Objects.requireNonNull(secretDigest, "null secretDigest").clone();
    this.previousSecretDigest = previousSecretDigest == null ? null : previousSecretDigest.clone();
    this.previousValidUntilMillis =
        previousValidUntil == null || previousSecretDigest == null
            ? Long.MIN_VALUE
            : ceilingMillis(previousValidUntil);
    this.expiresAtMillis = ceilingMillis(Objects.requireNonNull(expiresAt, "null expiresAt"));
    this.enabled = enabled;
    this.apiVersion = Objects.requireNonNull(apiVersion, "null apiVersion");
    this.allowedIps = allowedIps.toArray(IpRange[]::new);
    this.scopes = scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
    this.binding = Objects.requireNonNull(binding, "null binding");
    this.rateLimitPerMinute = rateLimitPerMinute == null ? 0 : rateLimitPerMinute;
  }

  /**
   * Checks a presented secret and the requirements, in the documented order, and returns the first
   * failure or {@link VerifyCode#VALID}. Counts the use against the rate limit only when every
   * other check passed.
   */
  public VerifyCode check(String secret, Requirements required, long nowMillis, RateLimit limit) {
    if (!secretMatches(secret, nowMillis)) {
      return VerifyCode.NOT_FOUND;
    }
    VerifyCode failure = firstRuleFailure(required, nowMillis);
    if (failure != VerifyCode.VALID) {
      return failure;
    }
    if (rateLimitPerMinute > 0 && !limit.tryAcquire(accessId, rateLimitPerMinute, nowMillis)) {
      return VerifyCode.RATE_LIMITED;
    }
    return VerifyCode.VALID;
  }

  /** Whether a secret is the key's current one, or its previous one within the grace period. */
  public boolean secretMatches(String secret, long nowMillis) {
    byte[] presented = SecretDigest.of(secret);
    // Both comparisons always run, in constant time, so timing tells nothing about which matched.
    boolean current = SecretDigest.matches(presented, secretDigest);
    boolean previous =
        SecretDigest.matches(presented, previousSecretDigest)
            & nowMillis < previousValidUntilMillis;
    return current | previous;
  }

  /** The first failing check after the secret, except the rate limit; {@code VALID} if none. */
  private VerifyCode firstRuleFailure(Requirements required, long nowMillis) {
    if (required.accountId() != null && required.accountId() != accountId) {
      return VerifyCode.WRONG_ACCOUNT;
    }
    if (nowMillis >= expiresAtMillis) {
      return VerifyCode.EXPIRED;
    }
    if (!enabled) {
      return VerifyCode.DISABLED;
    }
    if (apiVersion != required.apiVersion()) {
      return VerifyCode.WRONG_API_VERSION;
    }
    if (allowedIps.length > 0 && !allowsAddress(required.clientIp())) {
      return VerifyCode.IP_NOT_ALLOWED;
    }
    if (!scopes.containsAll(required.scopes())) {
      return VerifyCode.INSUFFICIENT_SCOPE;
    }
    if (required.licenseId() != null && !binding.reaches(required.licenseId())) {
      return VerifyCode.WRONG_LICENSE;
    }
    return VerifyCode.VALID;
  }

  private boolean allowsAddress(String clientIp) {
    for (IpRange range : allowedIps) {
      if (range.contains(clientIp)) {
        return true;
      }
    }
    return false;
  }

  /** The key's public id. */
  public String accessId() {
    return accessId;
  }

  /** The account the key belongs to. */
  public long accountId() {
    return accountId;
  }

  /** The key's limit per minute, or 0 for none. */
  public int rateLimitPerMinute() {
    return rateLimitPerMinute;
  }

  /** The first epoch millisecond not before the instant. */
  static long ceilingMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  @Override
  public String toString() {
    return "KeyRules[" + accessId + "]";
  }
}
