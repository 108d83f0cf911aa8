package dev.keywarden.server.portal;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.user.SessionService;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
  static final String SESSION_COOKIE = "kw_session";

  private final Vertx vertx;
  private final Keywarden keywarden;
  private final Function<RoutingContext, Account> account;

  private PortalRoutes(
      Vertx vertx, Keywarden keywarden, Function<RoutingContext, Account> account) {
    this.vertx = vertx;
    this.keywarden = keywarden;
    this.account = account;
  }

  /**
   * What the portal needs from the server.
   *
   * @param vertx runs blocking work off the event loop
   * @param keywarden the node's services
   * @param account the account the request addresses (resolved before the portal's routes)
   * @param authenticate the API's authentication: an API key, or the session cookie with its CSRF
   *     token on every change
   */
  public record Wiring(
      Vertx vertx,
      Keywarden keywarden,
      Function<RoutingContext, Account> account,
      Handler<RoutingContext> authenticate) {
    /** Checks every part. */
    public Wiring {
      Objects.requireNonNull(vertx, "null vertx");
      Objects.requireNonNull(keywarden, "null keywarden");
      Objects.requireNonNull(account, "null account");
      Objects.requireNonNull(authenticate, "null authenticate");
    }
  }

  /** Registers the portal's routes on an account's router. */
  public static void register(Router router, Wiring wiring) {
    PortalRoutes portal = new PortalRoutes(wiring.vertx(), wiring.keywarden(), wiring.account());
    PortalAssets assets = PortalAssets.load();
    // Vert.x matches a route with or without a trailing slash; the pages' relative links need to
    // know which one the browser sees.
    router.get("/").handler(context -> redirect(context, "portal/keys"));
    router
        .get("/portal")
        .handler(context -> redirect(context, slash(context) ? "keys" : "portal/keys"));
    for (String page : PortalAssets.PAGES) {
      router
          .get("/portal/" + page)
          .handler(
              context -> {
                if (slash(context)) {
                  redirect(context, "../" + page);
                } else {
                  assets.sendPage(context, page);
                }
              });
    }
    router.get("/portal/assets/:file").handler(assets::sendAsset);
    router.post("/portal/login").handler(portal::login);
    router.get("/portal/session").handler(portal::session);
    router.post("/portal/logout").handler(wiring.authenticate()).handler(portal::logout);
  }

  private static boolean slash(RoutingContext context) {
    return context.request().path().endsWith("/");
  }

  private static void redirect(RoutingContext context, String relative) {
    // Relative, so that it works under both addressing schemes (host name and /a/<account>/).
    context.response().setStatusCode(302).putHeader("Location", relative).end();
  }

  private void login(RoutingContext context) {
    String type = context.request().getHeader("Content-Type");
    // JSON only: a cross-site form cannot send it without a CORS preflight, which is refused.
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      context.fail(415);
      return;
    }
    JsonObject body;
    try {
      body = context.body() == null ? null : context.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      context.fail(KeywardenException.invalid(ErrorCode.INVALID_INPUT, null, "Send a JSON object"));
      return;
    }
    String username = text(body, "username");
    String password = text(body, "password");
    if (username == null || username.isBlank()) {
      context.fail(
          KeywardenException.invalid(ErrorCode.INVALID_INPUT, "username", "username is required"));
      return;
    }
    if (password == null || password.isEmpty()) {
      context.fail(
          KeywardenException.invalid(ErrorCode.INVALID_INPUT, "password", "password is required"));
      return;
    }
    Account target = account.apply(context);
    String ip = clientIp(context);
    Cookie previous = context.request().getCookie(SESSION_COOKIE);
    vertx
        .executeBlocking(
            () -> {
              SessionService.Opened opened =
                  keywarden
                      .sessions()
                      .open(keywarden.users().login(target.id(), username.strip(), password, ip));
              if (previous != null) {
                keywarden.sessions().close(previous.getValue());
              }
              return opened;
            },
            false)
        .onSuccess(
            opened -> {
              context
                  .response()
                  .addCookie(
                      sessionCookie(context, opened.token())
                          .setMaxAge(SessionService.LIFETIME.toSeconds()));
              sendJson(context, 200, sessionJson(opened.session()));
            })
        .onFailure(context::fail);
  }

  private void session(RoutingContext context) {
    Cookie cookie = context.request().getCookie(SESSION_COOKIE);
    if (cookie == null) {
      context.fail(KeywardenException.of(ErrorCode.UNAUTHENTICATED, "Log in"));
      return;
    }
    Account target = account.apply(context);
    vertx
        .executeBlocking(() -> keywarden.sessions().find(cookie.getValue()), false)
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
                keywarden.sessions().close(cookie.getValue());
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

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    return value instanceof String string ? string : null;
  }

  private static String clientIp(RoutingContext context) {
    var remote = context.request().remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }
}
