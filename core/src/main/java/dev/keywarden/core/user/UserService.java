package dev.keywarden.core.user;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.audit.AuditEvent;
import dev.keywarden.core.store.Database;
import dev.keywarden.core.store.JdbcAuditLog;
import dev.keywarden.core.store.JdbcKeyStore;
import dev.keywarden.core.store.JdbcUserStore;
import dev.keywarden.verification.Scope;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Users of an account: created, listed and deleted by administrators, and logged in with a password
 * (Argon2id, throttled). Deleting a user deletes its keys, which stop working at once on every
 * node. Thread-safe; blocking.
 */
public final class UserService {
  static final int MIN_PASSWORD_LENGTH = 12;
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private final Database database;
  private final JdbcUserStore users;
  private final JdbcKeyStore keys;
  private final JdbcAuditLog audit;
  private final PasswordHasher passwords;
  private final Clock clock;
  private final Consumer<String> invalidate;
  private final LoginThrottle throttle = new LoginThrottle();
  private final SecureRandom random = new SecureRandom();

  /** Wires the service; {@code invalidate} drops a key from the local verification cache. */
  public UserService(
      Database database,
      JdbcUserStore users,
      JdbcKeyStore keys,
      JdbcAuditLog audit,
      PasswordHasher passwords,
      Clock clock,
      Consumer<String> invalidate) {
    this.database = database;
    this.users = users;
    this.keys = keys;
    this.audit = audit;
    this.passwords = passwords;
    this.clock = clock;
    this.invalidate = invalidate;
  }

  /** The account's users (administrators; keys need the Authentication scope). */
  public List<User> list(Caller caller) {
    authorize(caller);
    return users.findByAccount(caller.accountId());
  }

  /** The caller's own user. */
  public User current(Caller caller) {
    if (caller.userId() == null) {
      throw KeywardenException.of(
          ErrorCode.NO_CURRENT_USER, "This credential does not belong to a user");
    }
    return users.findById(caller.userId()).orElseThrow();
  }

  /** Creates a user with a password of at least twelve characters. */
  public User create(Caller caller, String username, String password, Role role) {
    authorize(caller);
    String name = checkUsername(username);
    checkPassword(password);
    if (role == null) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_INPUT, "role", "role must be member or admin");
    }
    String hash = passwords.hash(password);
    return database.inTransaction(
        connection -> {
          User user;
          try {
            user = users.insert(caller.accountId(), name, hash, role, clock.instant());
          } catch (Database.UniqueViolation e) {
            throw KeywardenException.invalid(
                ErrorCode.DUPLICATE_NAME, "username", "A user named '" + name + "' already exists");
          }
          record(caller, "user.create", "user:" + name, "role=" + role);
          return user;
        });
  }

  /** Deletes a user and its keys; the account's last administrator cannot be deleted. */
  public void delete(Caller caller, String username) {
    authorize(caller);
    User user =
        users
            .findByUsername(caller.accountId(), username)
            .orElseThrow(
                () ->
                    KeywardenException.of(ErrorCode.USER_NOT_FOUND, "No user '" + username + "'"));
    List<String> accessIds =
        database.inTransaction(
            connection -> {
              if (user.role() == Role.admin && users.countAdmins(caller.accountId()) <= 1) {
                throw KeywardenException.of(
                    ErrorCode.LAST_ADMIN, "The account's last administrator cannot be deleted");
              }
              List<String> owned = new java.util.ArrayList<>();
              for (var key : keys.findByOwner(user.id())) {
                keys.delete(key.id(), key.accessId());
                owned.add(key.accessId());
              }
              users.delete(user.id());
              record(caller, "user.delete", "user:" + user.username(), "keys=" + owned.size());
              return owned;
            });
    accessIds.forEach(invalidate);
  }

  /**
   * Checks a password, throttling repeated failures per user name and per address.
   *
   * @throws KeywardenException {@link ErrorCode#LOGIN_FAILED} (the same for an unknown user and a
   *     wrong password) or {@link ErrorCode#THROTTLED}
   */
  public User login(long accountId, String username, String password, String sourceIp) {
    String userKey = accountId + "/" + username;
    String ipKey = "ip/" + sourceIp;
    throttle.check(userKey, ipKey);
    var found = users.findWithPassword(accountId, username == null ? "" : username);
    boolean ok =
        found.isPresent()
            && password != null
            && passwords.matches(password, found.get().passwordHash());
    if (!ok) {
      throttle.failed(userKey, ipKey);
      throw KeywardenException.of(ErrorCode.LOGIN_FAILED, "Wrong user name or password");
    }
    throttle.succeeded(userKey);
    return found.get().user();
  }

  /** A random password of 20 characters (about 116 bits), for first administrators. */
  public String generatePassword() {
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
    }
    return new String(out);
  }

  /** Inserts the first administrator of a new account (no caller yet). */
  public User insertFirstAdmin(long accountId, String username, String password) {
    String name = checkUsername(username);
    checkPassword(password);
    return users.insert(accountId, name, passwords.hash(password), Role.admin, clock.instant());
  }

  private static void authorize(Caller caller) {
    caller.requireScope(Scope.Authentication);
    caller.requireAdmin();
    caller.requireAccountBinding();
  }

  static String checkUsername(String username) {
    if (username == null || !username.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_NAME,
          "username",
          "username must be 1 to 64 letters, digits or . _ @ - (starting with a letter or digit)");
    }
    return username;
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_PASSWORD,
          "password",
          "password must be " + MIN_PASSWORD_LENGTH + " to 200 characters");
    }
  }

  private void record(Caller caller, String action, String target, String detail) {
    audit.append(
        new AuditEvent(
            caller.accountId(),
            clock.instant(),
            caller.actor(),
            action,
            target,
            caller.sourceIp(),
            detail));
  }
}
