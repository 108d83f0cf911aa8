package dev.keywarden.server.account;

import dev.keywarden.core.account.AccountPolicy;
import dev.keywarden.core.audit.AuditEvent;
import dev.keywarden.server.key.KeyViews;
import dev.keywarden.verification.Scope;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The JSON shapes of an account's policy and audit trail in the API. */
public final class AccountViews {
  private AccountViews() {}

  /**
   * An account's key policy. {@code max_key_lifetime_days} is {@code null} for one year; {@code
   * allowed_scopes} lists every scope new keys may carry.
   */
  public record PolicyView(Integer maxKeyLifetimeDays, List<String> allowedScopes) {}

  /** A policy. */
  public static PolicyView policy(AccountPolicy policy) {
    return new PolicyView(
        policy.maxKeyLifetimeDays(),
        KeyViews.scopeNames(Arrays.stream(Scope.values()).filter(policy::allows).toList()));
  }

  /** One audit event. */
  public record AuditView(
      Instant occurredAt,
      String actor,
      String action,
      String target,
      String sourceIp,
      String detail) {}

  /** An audit event. */
  public static AuditView audit(AuditEvent event) {
    return new AuditView(
        event.occurredAt(),
        event.actor(),
        event.action(),
        event.target(),
        event.sourceIp(),
        event.detail());
  }
}
