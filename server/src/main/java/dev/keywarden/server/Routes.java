package dev.keywarden.server;

import dev.keywarden.core.key.ApiVersion;
import dev.keywarden.server.portal.PortalRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Every route of the server, registered in this one place. Accounts are addressed by host name or
 * by an {@code /a/<account>} prefix; both reach the same routes.
 */
final class Routes {
  static final String USER_MANAGER = "/pro/user-manager/v1";
  static final String CURRENT_KEYS = USER_MANAGER + "/user/@current/api-key";
  static final String LEGACY_KEYS = "/pro-api/v1/api-keys";

  private Routes() {}

  static Router build(Api api, PrometheusMeterRegistry metrics) {
    Router root = Router.router(api.vertx);
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

    Router accountRoutes = accountRoutes(api);
    root.route("/a/:account/*").subRouter(accountRoutes);
    root.route("/*").subRouter(accountRoutes);
    root.route()
        .last()
        .handler(context -> Problems.send(context, 404, "NOT_FOUND", "No such resource", null));
    return root;
  }

  private static Router accountRoutes(Api api) {
    Router router = Router.router(api.vertx);
    router.route().failureHandler(Problems::handleFailure);
    router.route().handler(BodyHandler.create(false).setBodyLimit(api.config.bodyLimitBytes()));
    router.route().handler(api::account);

    Handler<RoutingContext> v2 = api.authenticate(ApiVersion.v2);
    PortalRoutes.register(
        router, new PortalRoutes.Wiring(api.vertx, api.keywarden, c -> c.get(Api.ACCOUNT), v2));
    KeyRoutes keys = new KeyRoutes(api.keywarden.keys());
    router.get(CURRENT_KEYS).handler(v2).handler(api.json(200, keys::list));
    router.post(CURRENT_KEYS).handler(v2).handler(api.json(201, keys::create));
    router.delete(CURRENT_KEYS + "/:name").handler(v2).handler(api.json(204, keys::delete));
    router
        .post(CURRENT_KEYS + "/:name/regenerate")
        .handler(v2)
        .handler(api.json(200, keys::regenerate));
    router
        .get(USER_MANAGER + "/user/@current/authorization-scopes")
        .handler(v2)
        .handler(api.json(200, (context, caller) -> Views.scopes()));

    // The previous endpoint: same semantics, marked deprecated; legacy v1 keys work only here.
    Handler<RoutingContext> legacyOrV2 = api.authenticate(ApiVersion.v1, ApiVersion.v2);
    router.route(LEGACY_KEYS + "*").handler(Routes::deprecated);
    router.get(LEGACY_KEYS).handler(legacyOrV2).handler(api.json(200, keys::list));
    router.post(LEGACY_KEYS).handler(legacyOrV2).handler(api.json(201, keys::create));
    router.delete(LEGACY_KEYS + "/:name").handler(legacyOrV2).handler(api.json(204, keys::delete));
    return router;
  }

  private static void deprecated(RoutingContext context) {
    context
        .response()
        .putHeader("Deprecation", "@1767225600")
        .putHeader("Sunset", "Thu, 31 Dec 2026 23:59:59 GMT")
        .putHeader("Link", "<" + CURRENT_KEYS + ">; rel=\"successor-version\"");
    context.next();
  }

  private static void securityHeaders(RoutingContext context) {
    context
        .response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    context.next();
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
