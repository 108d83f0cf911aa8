package dev.keywarden.server.auth;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.SessionService;
import dev.keywarden.core.verify.VerifyResult;
import dev.keywarden.server.http.AccountDirectory;
import dev.keywarden.server.http.Endpoints;
import dev.keywarden.server.http.Problems;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.VerifyCode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a request into a {@link Caller}, the one way the REST API, the verify endpoint and the
 * portal authenticate: an API key of the addressed account (in a header, never the URL), or a
 * portal session cookie with the session's CSRF token on every change. A key that does not verify
 * is refused by {@link Refusals}; counts go to {@link AuthMetrics}. Thread-safe.
 */
public final class Authenticator {
  /** The portal's session cookie. */
  public static final String SESSION_COOKIE = "kw_session";

  /** The header that carries a session's CSRF token on every change. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final Vertx vertx;
  private final KeyCheck keys;
  private final SessionService sessions;
  private final Credentials credentials;
  private final ClientAddress clientAddress;
  private final Refusals refusals;
  private final AuthMetrics metrics;

  /** An authenticator over the node's key check and sessions. */
  public Authenticator(
      Vertx vertx,
      KeyCheck keys,
      SessionService sessions,
      Credentials credentials,
      ClientAddress clientAddress,
      Refusals refusals,
      AuthMetrics metrics) {
    this.vertx = vertx;
    this.keys = keys;
    this.sessions = sessions;
    this.credentials = credentials;
    this.clientAddress = clientAddress;
    this.refusals = refusals;
    this.metrics = metrics;
  }

  /** The caller an authentication handler put in the context. */
  public static Caller caller(RoutingContext context) {
    return context.get(Endpoints.CALLER);
  }

  /**
   * A router handler that authenticates the caller for the API versions a route accepts (the first
   * one preferred), puts it in the context and passes on, or answers the refusal.
   */
  public Handler<RoutingContext> forApi(ApiVersion... versions) {
    Set<ApiVersion> accepted = EnumSet.copyOf(List.of(versions));
    ApiVersion preferred = versions[0];
    return context -> {
      Account account = AccountDirectory.of(context);
      authenticate(
          context.request(),
          account,
          preferred,
          accepted,
          caller -> {
            context.put(Endpoints.CALLER, caller);
            context.next();
          });
    };
  }

  /**
   * Authenticates a platform service's own key (same account, {@code APIKey} scope) on a request
   * handled without the router, and hands its caller to {@code then}, or answers the refusal.
   */
  public void platformService(HttpServerRequest request, Account account, Handler<Caller> then) {
    if (refusedKeyInUrl(request)) {
      return;
    }
    if (!(credentials.read(request) instanceof Credentials.Key key)) {
      metrics.noCredential();
      Problems.send(request.response(), ErrorCode.UNAUTHENTICATED);
      return;
    }
    Requirements needs =
        new Requirements(
            account.id(), Set.of(Scope.APIKey), null, ApiVersion.v2, clientAddress.of(request));
    keys.verify(
        request.response(),
        key.token(),
        needs,
        result -> keyCaller(request, account, result, then));
  }

  private void authenticate(
      HttpServerRequest request,
      Account account,
      ApiVersion preferred,
      Set<ApiVersion> accepted,
      Handler<Caller> then) {
    if (refusedKeyInUrl(request)) {
      return;
    }
    String ip = clientAddress.of(request);
    if (credentials.read(request) instanceof Credentials.Key key) {
      Requirements needs = new Requirements(account.id(), Set.of(), null, preferred, ip);
      keys.verify(
          request.response(),
          key.token(),
          needs,
          result -> {
            ApiVersion own = result.key() == null ? null : result.key().key().apiVersion();
            if (result.code() == VerifyCode.WRONG_API_VERSION && accepted.contains(own)) {
              Requirements other = new Requirements(account.id(), Set.of(), null, own, ip);
              keys.verify(
                  request.response(),
                  key.token(),
                  other,
                  second -> keyCaller(request, account, second, then));
            } else {
              keyCaller(request, account, result, then);
            }
          });
      return;
    }
    Cookie cookie = request.getCookie(SESSION_COOKIE);
    if (cookie == null) {
      metrics.noCredential();
      Problems.send(request.response(), ErrorCode.UNAUTHENTICATED);
      return;
    }
    vertx
        .executeBlocking(() -> sessions.find(cookie.getValue()), false)
        .onSuccess(session -> sessionCaller(request, account, session, ip, then))
        .onFailure(error -> Problems.fault(request.response(), "session look-up", error));
  }

  private boolean refusedKeyInUrl(HttpServerRequest request) {
    if (Credentials.keyInQuery(request)) {
      Problems.send(request.response(), ErrorCode.KEY_IN_URL);
      return true;
    }
    return false;
  }

  private void keyCaller(
      HttpServerRequest request, Account account, VerifyResult result, Handler<Caller> then) {
    metrics.key(result.code());
    if (!result.valid()) {
      refusals.send(request.response(), result.code());
      return;
    }
    ApiKey key = result.key().key();
    Role role = result.key().ownerRole() == null ? Role.member : result.key().ownerRole();
    then.handle(
        new Caller(
            Caller.Kind.KEY,
            account.id(),
            account.name(),
            key.ownerUserId(),
            key.ownerUsername(),
            role,
            key.scopes(),
            key.binding(),
            key.accessId(),
            clientAddress.of(request)));
  }

  private void sessionCaller(
      HttpServerRequest request,
      Account account,
      Optional<SessionService.Session> found,
      String ip,
      Handler<Caller> then) {
    if (found.isEmpty() || found.get().user().accountId() != account.id()) {
      metrics.session(false);
      Problems.send(request.response(), ErrorCode.UNAUTHENTICATED, "Log in again", null);
      return;
    }
    SessionService.Session session = found.get();
    if (changes(request.method()) && !csrfMatches(session, request.getHeader(CSRF_HEADER))) {
      metrics.session(false);
      Problems.send(request.response(), ErrorCode.CSRF_FAILED);
      return;
    }
    metrics.session(true);
    var user = session.user();
    then.handle(
        Caller.user(account.id(), account.name(), user.id(), user.username(), user.role(), ip));
  }

  private static boolean changes(HttpMethod method) {
    return !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
  }

  private static boolean csrfMatches(SessionService.Session session, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            session.csrfToken().getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  /** The address of the request's client (see {@link ClientAddress}). */
  public String clientIp(HttpServerRequest request) {
    return clientAddress.of(request);
  }
}
