package dev.keywarden.server;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.user.SessionService;
import dev.keywarden.core.verify.VerifyResult;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.VerifyCode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The request pipeline shared by every route: find the account, authenticate the caller (a key, or
 * a portal session with its CSRF token), run the endpoint off the event loop, and answer JSON or a
 * problem. The verify path uses only the in-memory parts ({@link #account} and {@link #verify})
 * unless something is not cached yet.
 */
final class Api {
  static final String ACCOUNT = "keywarden.account";
  static final String CALLER = "keywarden.caller";
  static final String SESSION_COOKIE = "kw_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  final Vertx vertx;
  final Keywarden keywarden;
  final ServerConfig config;
  final Credentials credentials;
  final AccountDirectory accounts;

  Api(Vertx vertx, Keywarden keywarden, ServerConfig config) {
    this.vertx = vertx;
    this.keywarden = keywarden;
    this.config = config;
    this.credentials = new Credentials(config.headers());
    this.accounts = new AccountDirectory(keywarden.accounts(), config.baseDomain());
  }

  /** An endpoint body: runs off the event loop, returns what to send as JSON (or null). */
  @FunctionalInterface
  interface Endpoint {
    Object handle(RoutingContext context, Caller caller) throws Exception;
  }

  /** Resolves the account from the Host header or the {@code :account} path parameter. */
  void account(RoutingContext context) {
    String name = context.pathParam("account");
    if (name == null) {
      name = accounts.nameFromHost(host(context.request()));
    }
    if (name == null) {
      Problems.send(
          context,
          404,
          "ACCOUNT_NOT_FOUND",
          "Address an account as <account>." + config.baseDomain() + " or /a/<account>/",
          null);
      return;
    }
    String accountName = name;
    Optional<Account> cached = accounts.cached(accountName);
    if (cached != null) {
      continueWithAccount(context, cached, accountName);
      return;
    }
    vertx
        .executeBlocking(() -> accounts.load(accountName), false)
        .onSuccess(found -> continueWithAccount(context, found, accountName))
        .onFailure(context::fail);
  }

  private static void continueWithAccount(
      RoutingContext context, Optional<Account> account, String name) {
    if (account.isEmpty()) {
      Problems.send(context, 404, "ACCOUNT_NOT_FOUND", "No account '" + name + "'", null);
      return;
    }
    context.put(ACCOUNT, account.get());
    context.next();
  }

  /** A handler authenticating the caller for the API versions a route accepts (first preferred). */
  Handler<RoutingContext> authenticate(ApiVersion... versions) {
    java.util.Set<ApiVersion> accepted = java.util.EnumSet.copyOf(java.util.List.of(versions));
    return context -> authenticate(context, versions[0], accepted);
  }

  private void authenticate(
      RoutingContext context, ApiVersion version, java.util.Set<ApiVersion> accepted) {
    if (Credentials.keyInQuery(context.request())) {
      Problems.send(
          context,
          400,
          "KEY_IN_URL",
          "Send keys in a header, never in the URL: the URL ends up in logs",
          null);
      return;
    }
    Account account = context.get(ACCOUNT);
    Credentials.Presented presented = credentials.read(context.request());
    if (presented instanceof Credentials.Key key) {
      Requirements required =
          new Requirements(account.id(), java.util.Set.of(), null, version, clientIp(context));
      verify(
          context.request(),
          key.token(),
          required,
          result -> {
            if (result.code() == VerifyCode.WRONG_API_VERSION
                && accepted.contains(result.key().key().apiVersion())) {
              Requirements other =
                  new Requirements(
                      account.id(),
                      java.util.Set.of(),
                      null,
                      result.key().key().apiVersion(),
                      required.clientIp());
              verify(
                  context.request(),
                  key.token(),
                  other,
                  second -> keyCaller(context, account, second));
            } else {
              keyCaller(context, account, result);
            }
          });
      return;
    }
    Cookie cookie = context.request().getCookie(SESSION_COOKIE);
    if (cookie == null) {
      Problems.send(context, 401, "UNAUTHENTICATED", "Present an API key", null);
      return;
    }
    vertx
        .executeBlocking(() -> keywarden.sessions().find(cookie.getValue()), false)
        .onSuccess(session -> sessionCaller(context, account, session))
        .onFailure(context::fail);
  }

  /**
   * Verifies from memory, or off the event loop if the key is not cached yet. If storage fails on
   * the way, the request is answered {@code 503} and {@code then} is not called.
   */
  void verify(
      HttpServerRequest request,
      dev.keywarden.verification.KeyToken token,
      Requirements required,
      Handler<VerifyResult> then) {
    VerifyResult cached = keywarden.verifier().verifyIfCached(token, required);
    if (cached != null) {
      then.handle(cached);
      return;
    }
    vertx
        .executeBlocking(() -> keywarden.verifier().verify(token, required), false)
        .onSuccess(then)
        .onFailure(error -> Problems.send(request, unavailable(error)));
  }

  private static KeywardenException unavailable(Throwable error) {
    return error instanceof KeywardenException known ? known : KeywardenException.storage(error);
  }

  private void keyCaller(RoutingContext context, Account account, VerifyResult result) {
    if (result.code() == VerifyCode.RATE_LIMITED) {
      context.response().putHeader("Retry-After", "60");
      Problems.send(context, 429, "RATE_LIMITED", "This key has used its requests for now", null);
      return;
    }
    if (!result.valid()) {
      Problems.send(
          context,
          401,
          "UNAUTHENTICATED",
          "The key is not usable here (" + result.code() + ")",
          null);
      return;
    }
    ApiKey key = result.key().key();
    context.put(
        CALLER,
        new Caller(
            Caller.Kind.KEY,
            account.id(),
            account.name(),
            key.ownerUserId(),
            key.ownerUsername(),
            result.key().ownerRole() == null
                ? dev.keywarden.core.user.Role.member
                : result.key().ownerRole(),
            key.scopes(),
            key.binding(),
            key.accessId(),
            clientIp(context)));
    context.next();
  }

  private void sessionCaller(
      RoutingContext context, Account account, Optional<SessionService.Session> session) {
    if (session.isEmpty() || session.get().user().accountId() != account.id()) {
      Problems.send(context, 401, "UNAUTHENTICATED", "Log in again", null);
      return;
    }
    HttpMethod method = context.request().method();
    boolean changes =
        !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
    if (changes
        && !java.security.MessageDigest.isEqual(
            session.get().csrfToken().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            String.valueOf(context.request().getHeader(CSRF_HEADER))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      Problems.send(context, 403, "CSRF_FAILED", "Missing or wrong CSRF token", null);
      return;
    }
    var user = session.get().user();
    context.put(
        CALLER,
        Caller.user(
            account.id(),
            account.name(),
            user.id(),
            user.username(),
            user.role(),
            clientIp(context)));
    context.next();
  }

  /** A handler that runs an endpoint off the event loop and answers its result as JSON. */
  Handler<RoutingContext> json(int status, Endpoint endpoint) {
    return context -> {
      Caller caller = context.get(CALLER);
      Callable<Object> work = () -> endpoint.handle(context, caller);
      vertx
          .executeBlocking(work, false)
          .onSuccess(result -> sendJson(context, status, result))
          .onFailure(context::fail);
    };
  }

  /** A file to download instead of JSON: its name, content type and text. */
  record Download(String fileName, String contentType, String text) {
    @Override
    public String toString() {
      return "Download[" + fileName + "]";
    }
  }

  static void sendJson(RoutingContext context, int status, Object body) {
    if (context.response().ended()) {
      return;
    }
    if (body instanceof Download download) {
      context
          .response()
          .setStatusCode(status)
          .putHeader("Content-Type", download.contentType())
          .putHeader("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
          .putHeader("Cache-Control", "no-store")
          .end(download.text());
      return;
    }
    if (body == null) {
      context.response().setStatusCode(status == 200 ? 204 : status).end();
      return;
    }
    context
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(Json.write(body));
  }

  /** The client address: the connection's peer (proxies are not trusted by default). */
  static String clientIp(RoutingContext context) {
    return clientIp(context.request());
  }

  /** The host a request names (authority, or the Host header). */
  static String host(HttpServerRequest request) {
    return request.authority() == null ? request.getHeader("Host") : request.authority().toString();
  }

  /** The client address of a request handled without a router. */
  static String clientIp(HttpServerRequest request) {
    var remote = request.remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }

  /** Throws unless the request's body is JSON. */
  static void requireJson(RoutingContext context) {
    String type = context.request().getHeader("Content-Type");
    String mediaType =
        type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    if (!mediaType.equals("application/json")
        && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
      throw new UnsupportedType();
    }
  }

  /** Thrown for a body that is not JSON; answered 415. */
  static final class UnsupportedType extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedType() {
      super("unsupported media type", null, false, false);
    }
  }

  static KeywardenException notFound(ErrorCode code, String message) {
    return KeywardenException.of(code, message);
  }
}
