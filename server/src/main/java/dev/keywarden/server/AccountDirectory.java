package dev.keywarden.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.account.AccountService;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the account a request addresses: the first label of the Host header under the base domain
 * ({@code acme.localhost}), or an explicit {@code /a/<account>/} path prefix where no wildcard DNS
 * exists. Accounts are cached (known ones for a minute, unknown ones for five seconds) so that the
 * verify path stays in memory. Thread-safe.
 */
final class AccountDirectory {
  private final AccountService accounts;
  private final String baseSuffix;
  private final Cache<String, Optional<Account>> known =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
  private final Cache<String, Boolean> unknown =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).maximumSize(100_000).build();

  AccountDirectory(AccountService accounts, String baseDomain) {
    this.accounts = accounts;
    this.baseSuffix = "." + baseDomain.toLowerCase(Locale.ROOT);
  }

  /** The account name in a Host header, or {@code null}. */
  String nameFromHost(String host) {
    if (host == null) {
      return null;
    }
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > 0 && name.indexOf(']') < colon) {
      name = name.substring(0, colon);
    }
    if (!name.endsWith(baseSuffix)) {
      return null;
    }
    String label = name.substring(0, name.length() - baseSuffix.length());
    return label.isEmpty() || label.contains(".") ? null : label;
  }

  /** The cached answer, or {@code null} when storage must be asked. Never blocks. */
  Optional<Account> cached(String name) {
    Optional<Account> hit = known.getIfPresent(name);
    if (hit != null) {
      return hit;
    }
    return unknown.getIfPresent(name) != null ? Optional.empty() : null;
  }

  /** Looks the account up in storage and caches the answer. Blocking. */
  Optional<Account> load(String name) {
    Optional<Account> found = accounts.find(name);
    if (found.isPresent()) {
      known.put(name, found);
    } else {
      unknown.put(name, Boolean.TRUE);
    }
    return found;
  }
}
