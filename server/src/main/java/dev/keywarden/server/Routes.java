package dev.keywarden.server;

import dev.keywarden.server.portal.PortalRoutes;
import dev.keywarden.verification.ApiVersion;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every route of the server, registered in this one place. Accounts are addressed by host name or
 * by an {@code /a/<account>} prefix; both reach the same routes. The OpenAPI document ({@code
 * openapi.json}) describes each of them; a test fails when one is missing there.
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
  static final String LEGACY_KEYS = "/pro-api/v1/api-keys";

  private Routes() {}

  static Router build(Api api, PrometheusMeterRegistry metrics, VerifyRoutes verification) {
    Router root = Router.router(api.vertx);
    root.route().failureHandler(Problems::handleFailure);
    root.route().handler(Routes::securityHeaders);
    root.get("/healthz").handler(context -> context.response().end("ok"));
    root.get("/readyz").handler(context -> ready(api, context));
    root.get("/metrics")
        .handler(
            context ->
                context
                    .response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4")
                    .end(metrics.scrape()));
    DocsRoutes.register(root);

    Router accountRoutes = accountRoutes(api, verification);
    root.route("/a/:account/*").subRouter(accountRoutes);
    root.route("/*").subRouter(accountRoutes);
    root.errorHandler(
        404, context -> Problems.send(context, 404, "NOT_FOUND", "No such resource", null));
    root.errorHandler(
        405,
        context ->
            Problems.send(context, 405, "METHOD_NOT_ALLOWED", "Method not allowed here", null));
    return root;
  }

  private static Router accountRoutes(Api api, VerifyRoutes verification) {
    Router router = Router.router(api.vertx);
    router.route().failureHandler(Problems::handleFailure);
    // Registered first so that every answer of the previous endpoint, errors included, says so.
    router.route(LEGACY_KEYS + "*").handler(Routes::deprecated);
    router.route().handler(BodyHandler.create(false).setBodyLimit(api.config.bodyLimitBytes()));
    router.route().handler(api::account);
    // The verification hot path is matched first: every route before it costs each request a path
    // match, a regular expression for the parameterised ones.
    verification.register(router);

    Handler<RoutingContext> v2 = api.authenticate(ApiVersion.v2);
    PortalRoutes.register(
        router, new PortalRoutes.Wiring(api.vertx, api.keywarden, c -> c.get(Api.ACCOUNT), v2));
    KeyRoutes keys = new KeyRoutes(api.keywarden.keys());
    router.get(CURRENT_KEYS).handler(v2).handler(api.json(200, keys::list));
    router.post(CURRENT_KEYS).handler(v2).handler(api.json(201, keys::create));
    router.delete(CURRENT_KEYS + "/:name").handler(v2).handler(api.json(204, keys::delete));
    router.patch(CURRENT_KEYS + "/:name").handler(v2).handler(api.json(200, keys::setEnabled));
    router
        .post(CURRENT_KEYS + "/:name/regenerate")
        .handler(v2)
        .handler(api.json(200, keys::regenerate));
    router.get(SCOPES).handler(v2).handler(api.json(200, (context, caller) -> Views.scopes()));
    router.get(ACCOUNT_KEYS).handler(v2).handler(api.json(200, keys::listAccount));

    LicenseRoutes licenses = new LicenseRoutes(api.keywarden, api.config);
    router.get(LICENSES).handler(v2).handler(api.json(200, licenses::list));
    router.post(LICENSES).handler(v2).handler(api.json(201, licenses::create));
    router.get(LICENSE).handler(v2).handler(api.json(200, licenses::get));
    router.get(LICENSE_FILE).handler(v2).handler(api.json(200, licenses::licenseFile));
    router.get(LICENSE_KEYS).handler(v2).handler(api.json(200, licenses::listKeys));
    router.post(LICENSE_KEYS).handler(v2).handler(api.json(201, licenses::createKey));
    router.delete(LICENSE_KEYS + "/:name").handler(v2).handler(api.json(204, licenses::deleteKey));
    router
        .patch(LICENSE_KEYS + "/:name")
        .handler(v2)
        .handler(api.json(200, licenses::setKeyEnabled));
    router
        .post(LICENSE_KEYS + "/:name/regenerate")
        .handler(v2)
        .handler(api.json(200, licenses::regenerateKey));

    UserRoutes users = new UserRoutes(api.keywarden.users());
    router.get(CURRENT_USER).handler(v2).handler(api.json(200, users::current));
    router.get(USERS).handler(v2).handler(api.json(200, users::list));
    router.post(USERS).handler(v2).handler(api.json(201, users::create));
    router.delete(USERS + "/:username").handler(v2).handler(api.json(204, users::delete));

    AccountRoutes account = new AccountRoutes(api.keywarden);
    router.get(POLICY).handler(v2).handler(api.json(200, account::policy));
    router.put(POLICY).handler(v2).handler(api.json(200, account::updatePolicy));
    router.get(AUDIT).handler(v2).handler(api.json(200, account::audit));

    // The previous endpoint: same semantics, marked deprecated; legacy v1 keys work only here.
    Handler<RoutingContext> legacyOrV2 = api.authenticate(ApiVersion.v1, ApiVersion.v2);
    router.get(LEGACY_KEYS).handler(legacyOrV2).handler(api.json(200, keys::list));
    router.post(LEGACY_KEYS).handler(legacyOrV2).handler(api.json(201, keys::create));
    router.delete(LEGACY_KEYS + "/:name").handler(legacyOrV2).handler(api.json(204, keys::delete));

    router.route().last().handler(context -> methodNotAllowed(router, context));
    return router;
  }

  /**
   * Answers {@code 405} with {@code Allow} when the path is served under other methods; otherwise
   * passes on to the {@code 404}. Runs only for requests no route took.
   */
  private static void methodNotAllowed(Router router, RoutingContext context) {
    String mountPoint = context.mountPoint();
    String path = context.normalizedPath();
    if (mountPoint != null && path.startsWith(mountPoint)) {
      path =
          path.substring(mountPoint.endsWith("/") ? mountPoint.length() - 1 : mountPoint.length());
    }
    Set<String> allowed = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      Set<HttpMethod> methods = route.methods();
      String template = route.getPath();
      if (methods != null
          && template != null
          && !template.endsWith("*")
          && matches(template, path)) {
        methods.forEach(method -> allowed.add(method.name()));
      }
    }
    if (allowed.isEmpty()) {
      context.next();
      return;
    }
    context.response().putHeader("Allow", String.join(", ", allowed));
    Problems.send(context, 405, "METHOD_NOT_ALLOWED", "Allowed here: " + allowed, null);
  }

  /** Whether a path fits a route template, {@code :param} segments matching any one segment. */
  private static boolean matches(String template, String path) {
    String[] expected = template.split("/");
    String[] actual = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path).split("/");
    if (expected.length != actual.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      boolean parameter = expected[i].startsWith(":") && !actual[i].isEmpty();
      if (!parameter && !expected[i].equals(actual[i])) {
        return false;
      }
    }
    return true;
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

  private static final CharSequence CONTENT_TYPE_OPTIONS =
      io.vertx.core.http.HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF =
      io.vertx.core.http.HttpHeaders.createOptimized("nosniff");
  private static final CharSequence REFERRER_POLICY =
      io.vertx.core.http.HttpHeaders.createOptimized("Referrer-Policy");
  private static final CharSequence NO_REFERRER =
      io.vertx.core.http.HttpHeaders.createOptimized("no-referrer");

  private static void securityHeaders(RoutingContext context) {
    securityHeaders(context.response());
    context.next();
  }

  /** The headers every answer carries. */
  static void securityHeaders(io.vertx.core.http.HttpServerResponse response) {
    response.putHeader(CONTENT_TYPE_OPTIONS, NOSNIFF).putHeader(REFERRER_POLICY, NO_REFERRER);
  }

  private static void ready(Api api, RoutingContext context) {
    api.vertx
        .executeBlocking(() -> api.keywarden.database().isReachable(), false)
        .onComplete(
            result -> {
              boolean up = result.succeeded() && Boolean.TRUE.equals(result.result());
              context
                  .response()
                  .setStatusCode(up ? 200 : 503)
                  .end(up ? "ready" : "database unreachable");
            });
  }
}
