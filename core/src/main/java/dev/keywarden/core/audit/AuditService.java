package dev.keywarden.core.audit;

import dev.keywarden.core.Caller;
import dev.keywarden.core.store.JdbcAuditLog;
import dev.keywarden.verification.Scope;
import java.util.List;

/** Reading the audit trail (administrators; keys need the Account scope). Blocking. */
public final class AuditService {
  /** The most events one read returns. */
  public static final int MAX_LIMIT = 1000;

  private final JdbcAuditLog log;

  /** Reads from the log. */
  public AuditService(JdbcAuditLog log) {
    this.log = log;
  }

  /** The account's latest events, newest first. */
  public List<AuditEvent> recent(Caller caller, int limit) {
    caller.requireScope(Scope.Account);
    caller.requireAdmin();
    caller.requireAccountBinding();
    return log.recent(caller.accountId(), Math.max(1, Math.min(limit, MAX_LIMIT)));
  }
}
