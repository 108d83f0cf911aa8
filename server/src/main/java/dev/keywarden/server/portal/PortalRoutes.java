package dev.keywarden.server.portal;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.user.SessionService;
import dev.keywarden.core.user.UserService;
import dev.keywarden.server.auth.Authenticator;
import dev.keywarden.server.http.AccountDirectory;
import dev.keywarden.server.http.Body;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The web portal: its pages and assets, and the three session endpoints behind them (log in, log
 * out, who am I). Everything else the pages do goes through the REST API with the session cookie
 * and the session's CSRF token, so the portal has no second way to change data.
 *
 * <p>The session cookie is {@code HttpOnly} (scripts never see it), {@code SameSite=Strict} (no
 * other site can make the browser send it) and {@code Secure} when served over TLS. Pages carry a
 * strict Content-Security-Policy without inline scripts, so an injected markup fragment cannot run.
 */
public final class PortalRoutes {
  /** The session cookie, the same one the API's authentication reads. */
  static final String SESSION_COOKIE = Authenticator.SESSION_COOKIE;

  private final Vertx vertx;
  private final SessionService sessions;
  private final UserService users;
  private final Authenticator authenticator;
  private final PortalAssets assets = PortalAssets.load();

  /** The portal over the node's sessions and users; the API's authenticator reads its cookie. */
  public PortalRoutes(
      Vertx vertx, SessionService sessions, UserService users, Authenticator authenticator) {
    this.vertx = Objects.requireNonNull(vertx, "null vertx");
    this.sessions = Objects.requireNonNull(sessions, "null sessions");
    this.users = Objects.requireNonNull(users, "null users");
    this.authenticator = Objects.requireNonNull(authenticator, "null authenticator");
  }

  /** The portal's pages. */
  public static List<String> pages() {
    return PortalAssets.PAGES;
  }

  /** {@code GET /}: the account's home leads to its keys. */
  public Handler<RoutingContext> home() {
    return context -> redirect(context, "portal/keys");
  }

  /** {@code GET /portal}: leads to the keys page. */
  public Handler<RoutingContext> portal() {
    // Vert.x matches a route with or without a trailing slash; the pages' relative links need to
    // know which one the browser sees.
    return context -> redirect(context, slash(context) ? "keys" : "portal/keys");
  }

  /** {@code GET /portal/<page>}. */
  public Handler<RoutingContext> page(String page) {
    return context -> {
      if (slash(context)) {
        redirect(context, "../" + page);
      } else {
        assets.sendPage(context, page);
      }
    };
  }

  /** {@code GET /portal/assets/:file}. */
  public Handler<RoutingContext> asset() {
    return assets::sendAsset;
  }

  /** {@code POST /portal/login}. */
  public Handler<RoutingContext> login() {
    return this::login;
  }

  /** {@code GET /portal/session}. */
  public Handler<RoutingContext> session() {
    return this::session;
  }

  /** {@code POST /portal/logout} (after the API's authentication). */
  public Handler<RoutingContext> logout() {
    return this::logout;
  }

  private static boolean slash(RoutingContext context) {
    return context.request().path().endsWith("/");
  }

  private static void redirect(RoutingContext context, String relative) {
    // Relative, so that it works under both addressing schemes (host name and /a/<account>/).
    context.response().setStatusCode(302).putHeader("Location", relative).end();
  }

  private void login(RoutingContext context) {
    // JSON only: a cross-site form cannot send it without a CORS preflight, which is refused.
    String username;
    String password;
    try {
      Body body = Body.of(context);
      username = body.requiredString("username");
      password = body.requiredString("password");
    } catch (RuntimeException e) {
      context.fail(e);
      return;
    }
    if (username.isBlank() || password.isEmpty()) {
      String field = username.isBlank() ? "username" : "password";
      context.fail(
          KeywardenException.invalid(ErrorCode.INVALID_INPUT, field, field + " is required"));
      return;
    }
    Account target = AccountDirectory.of(context);
    String ip = authenticator.clientIp(context.request());
    Cookie previous = context.request().getCookie(SESSION_COOKIE);
    vertx
        .executeBlocking(
            () -> {
              SessionService.Opened opened =
                  sessions.open(users.login(target.id(), username.strip(), password, ip));
              if (previous != null) {
                sessions.close(previous.getValue());
              }
              return opened;
            },
            false)
        .onSuccess(opened -> loggedIn(context, opened))
        .onFailure(context::fail);
  }

  private static void loggedIn(RoutingContext context, SessionService.Opened opened) {
    context
        .response()
        .addCookie(
            sessionCookie(context, opened.token()).setMaxAge(SessionService.LIFETIME.toSeconds()));
    sendJson(context, 200, sessionJson(opened.session()));
  }

  private void session(RoutingContext context) {
    Cookie cookie = context.request().getCookie(SESSION_COOKIE);
    if (cookie == null) {
      context.fail(KeywardenException.of(ErrorCode.UNAUTHENTICATED, "Log in"));
      return;
    }
    Account target = AccountDirectory.of(context);
    vertx
        .executeBlocking(() -> sessions.find(cookie.getValue()), false)
        .onSuccess(
            found -> {
              Optional<SessionService.Session> session =
                  found.filter(live -> live.user().accountId() == target.id());
              if (session.isEmpty()) {
                context.fail(KeywardenException.of(ErrorCode.UNAUTHENTICATED, "Log in again"));
                return;
              }
              JsonObject json = sessionJson(session.get()).put("account", target.name());
              sendJson(context, 200, json);
            })
        .onFailure(context::fail);
  }

  private void logout(RoutingContext context) {
    Cookie cookie = context.request().getCookie(SESSION_COOKIE);
    vertx
        .executeBlocking(
            () -> {
              if (cookie != null) {
                sessions.close(cookie.getValue());
              }
              return null;
            },
            false)
        .onSuccess(
            ignored -> {
              context.response().addCookie(sessionCookie(context, "").setMaxAge(0));
              context.response().setStatusCode(204).end();
            })
        .onFailure(context::fail);
  }

  static Cookie sessionCookie(RoutingContext context, String value) {
    return Cookie.cookie(SESSION_COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(overTls(context));
  }

  /**
   * Whether the browser reached us over TLS: directly, or through a proxy that terminated it. The
   * proxy's header is trusted here although proxies are not trusted in general, because a forged
   * one can only make the cookie stricter ({@code Secure}), never weaker.
   */
  static boolean overTls(RoutingContext context) {
    return context.request().isSSL()
        || "https".equalsIgnoreCase(context.request().getHeader("X-Forwarded-Proto"));
  }

  private static JsonObject sessionJson(SessionService.Session session) {
    return new JsonObject()
        .put("username", session.user().username())
        .put("role", session.user().role().name())
        .put("csrf_token", session.csrfToken());
  }

  private static void sendJson(RoutingContext context, int status, JsonObject body) {
    context
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
