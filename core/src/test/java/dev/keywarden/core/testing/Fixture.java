package dev.keywarden.core.testing;

import dev.keywarden.core.Caller;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.account.AccountService;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.license.LicenseService;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.util.EnumSet;
import java.util.List;

/**
 * Seed data for tests: an opened {@link Keywarden} with an account {@code acme} and its admin, plus
 * builders for more users, keys and licenses. Close it after the test.
 */
public final class Fixture implements AutoCloseable {
  /** The admin's password. */
  public static final String ADMIN_PASSWORD = "correct horse battery staple";

  public final Keywarden keywarden;
  public final MutableClock clock;
  public final Account account;
  public final User admin;

  private Fixture(Keywarden keywarden, MutableClock clock, Account account, User admin) {
    this.keywarden = keywarden;
    this.clock = clock;
    this.account = account;
    this.admin = admin;
  }

  /** Opens the store with a mutable clock and seeds account {@code acme}. */
  public static Fixture create(StoreConfig config) {
    return create(config, "acme");
  }

  /** Opens the store with a mutable clock and seeds the named account. */
  public static Fixture create(StoreConfig config, String accountName) {
    MutableClock clock = MutableClock.now();
    Keywarden keywarden = Keywarden.open(config.withClock(clock));
    AccountService.Created created =
        keywarden.accounts().create(accountName, "admin", ADMIN_PASSWORD);
    return new Fixture(keywarden, clock, created.account(), created.admin());
  }

  /** Another account in the same store, with its own admin. */
  public Account otherAccount(String name) {
    return keywarden.accounts().create(name, "admin", ADMIN_PASSWORD).account();
  }

  /** The operator (command line) acting on the account. */
  public Caller operator() {
    return Caller.operator(account.id(), account.name());
  }

  /** A portal session of a user. */
  public Caller session(User user) {
    return Caller.user(
        account.id(), account.name(), user.id(), user.username(), user.role(), "127.0.0.1");
  }

  /** A new user of the account. */
  public User user(String username, Role role) {
    return keywarden.users().create(operator(), username, ADMIN_PASSWORD, role);
  }

  /** A new key of a user with the given scopes and defaults for the rest. */
  public CreatedKey key(User owner, String name, Scope... scopes) {
    EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
    set.addAll(List.of(scopes));
    return keywarden.keys().createForUser(operator(), owner.username(), NewKey.of(name, set));
  }

  /** A new license with its default key. */
  public LicenseService.Created license(String name) {
    return keywarden.licenses().create(operator(), name);
  }

  @Override
  public void close() {
    keywarden.close();
  }
}
