package dev.keywarden.core.account;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.verification.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/**
 * An account's rules for new keys: the longest lifetime (never more than one year) and the scopes
 * keys may carry.
 *
 * @param maxKeyLifetimeDays the longest lifetime in days, or {@code null} for one year
 * @param allowedScopes the scopes new keys may carry; all nine when empty
 */
public record AccountPolicy(Integer maxKeyLifetimeDays, Set<Scope> allowedScopes) {
  /** The policy of a new account: one year, every scope. */
  public static final AccountPolicy DEFAULT = new AccountPolicy(null, Set.of());

  /** Checks the lifetime bound and copies the scope set. */
  public AccountPolicy {
    if (maxKeyLifetimeDays != null && (maxKeyLifetimeDays < 1 || maxKeyLifetimeDays > 365)) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_POLICY,
          "max_key_lifetime_days",
          "max_key_lifetime_days must be between 1 and 365");
    }
    allowedScopes =
        allowedScopes == null || allowedScopes.isEmpty()
            ? Set.of()
            : Set.copyOf(EnumSet.copyOf(allowedScopes));
  }

  /** The latest expiry a key created at {@code createdAt} may have. */
  public Instant latestExpiry(Instant createdAt) {
    Instant oneYear = createdAt.atOffset(ZoneOffset.UTC).plusYears(1).toInstant();
    if (maxKeyLifetimeDays == null) {
      return oneYear;
    }
    Instant byPolicy = createdAt.plus(Duration.ofDays(maxKeyLifetimeDays));
    return byPolicy.isBefore(oneYear) ? byPolicy : oneYear;
  }

  /** Whether new keys may carry the scope. */
  public boolean allows(Scope scope) {
    return allowedScopes.isEmpty() || allowedScopes.contains(scope);
  }
}
