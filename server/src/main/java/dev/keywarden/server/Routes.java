package dev.keywarden.server;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.keywarden.server.account.AccountRoutes;
import dev.keywarden.server.auth.Authenticator;
import dev.keywarden.server.docs.DocsRoutes;
import dev.keywarden.server.http.Endpoints;
import dev.keywarden.server.http.RouteTable;
import dev.keywarden.server.key.KeyRoutes;
import dev.keywarden.server.license.LicenseRoutes;
import dev.keywarden.server.ops.OpsRoutes;
import dev.keywarden.server.portal.PortalRoutes;
import dev.keywarden.server.user.UserRoutes;
import dev.keywarden.server.verify.Verification;
import dev.keywarden.verification.ApiVersion;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Every route of the server, declared in this one place. Account routes are reached by host name
 * ({@code <account>.<base-domain>}) or under an {@code /a/<account>} prefix; the two verification
 * routes are hot, served by the front door without the router. The OpenAPI document ({@code
 * openapi.json}) describes each of them; a test reads this table and fails when one is missing
 * there.
 */
final class Routes {
  static final String USER_MANAGER = "/pro/user-manager/v1";
  static final String CURRENT_USER = USER_MANAGER + "/user/@current";
  static final String CURRENT_KEYS = CURRENT_USER + "/api-key";
  static final String SCOPES = CURRENT_USER + "/authorization-scopes";
  static final String ACCOUNT_KEYS = USER_MANAGER + "/api-keys";
  static final String LICENSES = USER_MANAGER + "/licenses";
  static final String LICENSE = LICENSES + "/:license_id";
  static final String LICENSE_KEYS = LICENSE + "/api-keys";
  static final String LICENSE_FILE = LICENSE + "/license-file";
  static final String USERS = USER_MANAGER + "/users";
  static final String POLICY = USER_MANAGER + "/account/policy";
  static final String AUDIT = USER_MANAGER + "/audit";
  static final String VERIFY = USER_MANAGER + "/verify";
  static final String FORWARD_AUTH = USER_MANAGER + "/forward-auth";
  static final String LEGACY_KEYS = "/pro-api/v1/api-keys";

  /** The handlers the routes are made of, each built with only what it uses. */
  record Features(
      Endpoints endpoints,
      Authenticator authenticator,
      OpsRoutes ops,
      DocsRoutes docs,
      Verification verification,
      PortalRoutes portal,
      KeyRoutes keys,
      LicenseRoutes licenses,
      UserRoutes users,
      AccountRoutes account) {}

  private Routes() {}

  static RouteTable declare(Features f) {
    RouteTable table = new RouteTable();
    table
        .management(GET, "/healthz", f.ops().health())
        .management(GET, "/readyz", f.ops().readiness())
        .management(GET, "/metrics", f.ops().metrics())
        .management(GET, "/version", f.ops().versionPage())
        .service(GET, "/openapi.json", f.docs().openapi())
        .service(GET, DocsRoutes.DOCS, f.docs().page())
        .service(GET, DocsRoutes.DOCS + "/init.js", f.docs().init())
        .service(GET, DocsRoutes.DOCS + "/*", f.docs().viewer());

    table
        .hot(POST, VERIFY, f.verification().verify())
        .hot(GET, FORWARD_AUTH, f.verification().forwardAuth());

    declarePortal(table, f);
    declareApi(table, f);
    return table;
  }

  private static void declareApi(RouteTable table, Features f) {
    Handler<RoutingContext> v2 = f.authenticator().forApi(ApiVersion.v2);
    Endpoints run = f.endpoints();
    KeyRoutes keys = f.keys();
    table
        .account(GET, CURRENT_KEYS, v2, run.json(200, keys::list))
        .account(POST, CURRENT_KEYS, v2, run.json(201, keys::create))
        .account(DELETE, CURRENT_KEYS + "/:name", v2, run.json(204, keys::delete))
        .account(PATCH, CURRENT_KEYS + "/:name", v2, run.json(200, keys::setEnabled))
        .account(POST, CURRENT_KEYS + "/:name/regenerate", v2, run.json(200, keys::regenerate))
        .account(GET, SCOPES, v2, run.json(200, keys::scopes))
        .account(GET, ACCOUNT_KEYS, v2, run.json(200, keys::listAccount));

    LicenseRoutes licenses = f.licenses();
    table
        .account(GET, LICENSES, v2, run.json(200, licenses::list))
        .account(POST, LICENSES, v2, run.json(201, licenses::create))
        .account(GET, LICENSE, v2, run.json(200, licenses::get))
        .account(GET, LICENSE_FILE, v2, run.json(200, licenses::licenseFile))
        .account(GET, LICENSE_KEYS, v2, run.json(200, licenses::listKeys))
        .account(POST, LICENSE_KEYS, v2, run.json(201, licenses::createKey))
        .account(DELETE, LICENSE_KEYS + "/:name", v2, run.json(204, licenses::deleteKey))
        .account(PATCH, LICENSE_KEYS + "/:name", v2, run.json(200, licenses::setKeyEnabled))
        .account(
            POST, LICENSE_KEYS + "/:name/regenerate", v2, run.json(200, licenses::regenerateKey));

    declareUsersAndAccount(table, f, v2);

    // The previous endpoint: same semantics, marked deprecated on every answer (errors too);
    // legacy v1 keys work only here.
    Handler<RoutingContext> legacy = f.authenticator().forApi(ApiVersion.v1, ApiVersion.v2);
    table
        .filter(LEGACY_KEYS, Routes::deprecated)
        .account(GET, LEGACY_KEYS, legacy, run.json(200, keys::list))
        .account(POST, LEGACY_KEYS, legacy, run.json(201, keys::create))
        .account(DELETE, LEGACY_KEYS + "/:name", legacy, run.json(204, keys::delete));
  }

  private static void declareUsersAndAccount(
      RouteTable table, Features f, Handler<RoutingContext> v2) {
    Endpoints run = f.endpoints();
    UserRoutes users = f.users();
    table
        .account(GET, CURRENT_USER, v2, run.json(200, users::current))
        .account(GET, USERS, v2, run.json(200, users::list))
        .account(POST, USERS, v2, run.json(201, users::create))
        .account(DELETE, USERS + "/:username", v2, run.json(204, users::delete));

    AccountRoutes account = f.account();
    table
        .account(GET, POLICY, v2, run.json(200, account::policy))
        .account(PUT, POLICY, v2, run.json(200, account::updatePolicy))
        .account(GET, AUDIT, v2, run.json(200, account::audit));
  }

  private static void declarePortal(RouteTable table, Features f) {
    PortalRoutes portal = f.portal();
    table.account(GET, "/", portal.home()).account(GET, "/portal", portal.portal());
    for (String page : PortalRoutes.pages()) {
      table.account(GET, "/portal/" + page, portal.page(page));
    }
    table
        .account(GET, "/portal/assets/:file", portal.asset())
        .account(POST, "/portal/login", portal.login())
        .account(GET, "/portal/session", portal.session())
        .account(POST, "/portal/logout", f.authenticator().forApi(ApiVersion.v2), portal.logout());
  }

  /** Marks an answer of the previous endpoint deprecated (RFC 9745, RFC 8594). */
  private static void deprecated(RoutingContext context) {
    String mountPoint = context.mountPoint();
    String prefix =
        mountPoint == null || mountPoint.equals("/")
            ? ""
            : mountPoint.substring(0, mountPoint.length() - (mountPoint.endsWith("/") ? 1 : 0));
    context
        .response()
        .putHeader("Deprecation", "@1767225600")
        .putHeader("Sunset", "Fri, 31 Dec 2027 23:59:59 GMT")
        .putHeader("Link", "<" + prefix + CURRENT_KEYS + ">; rel=\"successor-version\"");
    context.next();
  }
}
