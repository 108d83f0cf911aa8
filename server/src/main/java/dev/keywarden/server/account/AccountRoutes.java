package dev.keywarden.server.account;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.AccountPolicy;
import dev.keywarden.core.account.AccountService;
import dev.keywarden.core.audit.AuditService;
import dev.keywarden.server.http.Body;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The account's key policy and its audit trail. */
public final class AccountRoutes {
  static final int DEFAULT_AUDIT_LIMIT = 100;

  private final AccountService accounts;
  private final AuditService audit;

  /** The operations over an account's policy and its audit trail. */
  public AccountRoutes(AccountService accounts, AuditService audit) {
    this.accounts = accounts;
    this.audit = audit;
  }

  public AccountViews.PolicyView policy(RoutingContext context, Caller caller) {
    return AccountViews.policy(accounts.policy(caller));
  }

  /** Replaces the policy: an absent field takes its default (one year, every scope). */
  public AccountViews.PolicyView updatePolicy(RoutingContext context, Caller caller) {
    Body body = Body.of(context);
    AccountPolicy policy =
        new AccountPolicy(body.integer("max_key_lifetime_days"), body.scopes("allowed_scopes"));
    return AccountViews.policy(accounts.updatePolicy(caller, policy));
  }

  public List<AccountViews.AuditView> audit(RoutingContext context, Caller caller) {
    return audit.recent(caller, limit(context)).stream().map(AccountViews::audit).toList();
  }

  private static int limit(RoutingContext context) {
    String text = context.queryParams().get("limit");
    if (text == null) {
      return DEFAULT_AUDIT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= AuditService.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw KeywardenException.invalid(
        ErrorCode.INVALID_INPUT,
        "limit",
        "limit must be a whole number from 1 to " + AuditService.MAX_LIMIT);
  }
}
