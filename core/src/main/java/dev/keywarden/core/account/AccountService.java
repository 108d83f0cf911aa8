package dev.keywarden.core.account;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.audit.AuditEvent;
import dev.keywarden.core.store.Database;
import dev.keywarden.core.store.JdbcAccountStore;
import dev.keywarden.core.store.JdbcAuditLog;
import dev.keywarden.core.user.User;
import dev.keywarden.core.user.UserService;
import dev.keywarden.verification.Scope;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Accounts (created by operators) and their key policy (set by administrators). Blocking. */
public final class AccountService {
  private final Database database;
  private final JdbcAccountStore accounts;
  private final UserService users;
  private final JdbcAuditLog audit;
  private final Clock clock;

  /** Wires the service. */
  public AccountService(
      Database database,
      JdbcAccountStore accounts,
      UserService users,
      JdbcAuditLog audit,
      Clock clock) {
    this.database = database;
    this.accounts = accounts;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new account, its first administrator and that administrator's password. */
  public record Created(Account account, User admin, String password, boolean passwordGenerated) {
    @Override
    public String toString() {
      return "Created[" + account.name() + ", admin=" + admin.username() + "]";
    }
  }

  /**
   * Creates an account with its first administrator. A {@code null} password is generated and
   * returned once.
   */
  public Created create(String name, String adminUsername, String adminPassword) {
    String accountName = checkName(name);
    boolean generated = adminPassword == null;
    String password = generated ? users.generatePassword() : adminPassword;
    return database.inTransaction(
        connection -> {
          Account account;
          try {
            account = accounts.insert(accountName, clock.instant());
          } catch (Database.UniqueViolation e) {
            throw KeywardenException.invalid(
                ErrorCode.DUPLICATE_NAME,
                "account",
                "Account '" + accountName + "' already exists");
          }
          User admin = users.insertFirstAdmin(account.id(), adminUsername, password);
          audit.append(
              new AuditEvent(
                  account.id(),
                  clock.instant(),
                  "operator",
                  "account.create",
                  "account:" + accountName,
                  "local",
                  "admin=" + admin.username()));
          return new Created(account, admin, password, generated);
        });
  }

  /** The account with that name. */
  public Optional<Account> find(String name) {
    return name == null ? Optional.empty() : accounts.findByName(name);
  }

  /** The account with that name, or {@link ErrorCode#ACCOUNT_NOT_FOUND}. */
  public Account require(String name) {
    return find(name)
        .orElseThrow(
            () -> KeywardenException.of(ErrorCode.ACCOUNT_NOT_FOUND, "No account '" + name + "'"));
  }

  /** Every account (operators). */
  public List<Account> list() {
    return accounts.findAll();
  }

  /** The caller's account policy. */
  public AccountPolicy policy(Caller caller) {
    caller.requireScope(Scope.Account);
    return accounts.findById(caller.accountId()).orElseThrow().policy();
  }

  /** Replaces the caller's account policy (administrators with the Account scope). */
  public AccountPolicy updatePolicy(Caller caller, AccountPolicy policy) {
    caller.requireScope(Scope.Account);
    caller.requireAdmin();
    caller.requireAccountBinding();
    database.inTransaction(
        connection -> {
          accounts.updatePolicy(caller.accountId(), policy);
          audit.append(
              new AuditEvent(
                  caller.accountId(),
                  clock.instant(),
                  caller.actor(),
                  "policy.update",
                  "account:" + caller.accountName(),
                  caller.sourceIp(),
                  "max_key_lifetime_days="
                      + policy.maxKeyLifetimeDays()
                      + " allowed_scopes="
                      + policy.allowedScopes()));
          return null;
        });
    return policy;
  }

  /** Checks an account name: a DNS label, as accounts are addressed by host name. */
  public static String checkName(String name) {
    if (name == null || !name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_NAME,
          "account",
          "account must be 1 to 63 lower-case letters, digits or '-', as in a host name");
    }
    return name;
  }
}
