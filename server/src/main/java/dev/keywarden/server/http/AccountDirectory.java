package dev.keywarden.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.account.AccountService;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the account a request addresses: the first label of the Host header under the base domain
 * ({@code acme.localhost}), or an explicit {@code /a/<account>/} path prefix where no wildcard DNS
 * exists. Accounts are cached (known ones for a minute, unknown ones for five seconds) so that the
 * verify path stays in memory; a miss is looked up off the event loop. Thread-safe.
 */
public final class AccountDirectory {
  /** The routing-context key of the resolved {@link Account}. */
  public static final String ACCOUNT = "keywarden.account";

  private final Vertx vertx;
  private final AccountService accounts;
  private final String baseDomain;
  private final String baseSuffix;
  private final Cache<String, Optional<Account>> known =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
  private final Cache<String, Boolean> unknown =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).maximumSize(10_000).build();

  /** A directory over the account service, for accounts under {@code baseDomain}. */
  public AccountDirectory(Vertx vertx, AccountService accounts, String baseDomain) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.baseDomain = baseDomain.toLowerCase(Locale.ROOT);
    this.baseSuffix = "." + this.baseDomain;
  }

  /** The account of a routed request, resolved by {@link #resolver}. */
  public static Account of(RoutingContext context) {
    return context.get(ACCOUNT);
  }

  /** A router handler that resolves the account and puts it in the context, or answers 404. */
  public Handler<RoutingContext> resolver() {
    return context ->
        resolve(
            context.request(),
            context.pathParam("account"),
            account -> {
              context.put(ACCOUNT, account);
              context.next();
            });
  }

  /**
   * Resolves the account a request addresses — by the {@code /a/<account>} prefix when given, else
   * by host — and hands it to {@code then} on the event loop: at once from memory, or after a
   * look-up off the event loop. Answers {@code 404} itself when there is no such account, and
   * {@code 503} when storage fails.
   */
  public void resolve(HttpServerRequest request, String pathAccount, Handler<Account> then) {
    String name = pathAccount != null ? pathAccount : nameFromHost(host(request));
    if (name == null) {
      Problems.send(
          request.response(),
          ErrorCode.ACCOUNT_NOT_FOUND,
          "Address an account as <account>." + baseDomain + " or /a/<account>/",
          null);
      return;
    }
    Optional<Account> cached = cached(name);
    if (cached != null) {
      found(request, cached, then);
      return;
    }
    vertx
        .executeBlocking(() -> load(name), false)
        .onSuccess(account -> found(request, account, then))
        .onFailure(
            error ->
                Problems.send(
                    request.response(),
                    error instanceof KeywardenException known
                        ? known
                        : KeywardenException.storage(error)));
  }

  private static void found(
      HttpServerRequest request, Optional<Account> account, Handler<Account> then) {
    if (account.isEmpty()) {
      Problems.send(request.response(), ErrorCode.ACCOUNT_NOT_FOUND);
      return;
    }
    then.handle(account.get());
  }

  /** The host a request names (authority, or the Host header). */
  public static String host(HttpServerRequest request) {
    return request.authority() == null ? request.getHeader("Host") : request.authority().toString();
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
  private Optional<Account> cached(String name) {
    Optional<Account> hit = known.getIfPresent(name);
    if (hit != null) {
      return hit;
    }
    return unknown.getIfPresent(name) != null ? Optional.empty() : null;
  }

  /** Looks the account up in storage and caches the answer. Blocking. */
  private Optional<Account> load(String name) {
    Optional<Account> found = accounts.find(name);
    if (found.isPresent()) {
      known.put(name, found);
    } else {
      unknown.put(name, Boolean.TRUE);
    }
    return found;
  }
}
