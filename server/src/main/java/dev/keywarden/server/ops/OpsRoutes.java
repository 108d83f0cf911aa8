package dev.keywarden.server.ops;

import dev.keywarden.core.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * What operators and orchestrators ask the service: {@code /healthz} (the process answers), {@code
 * /readyz} (the database answers too) and {@code /metrics} (Prometheus text format).
 */
public final class OpsRoutes {
  private final Vertx vertx;
  private final Database database;
  private final PrometheusMeterRegistry metrics;

  /** Health over the database, metrics from the registry. */
  public OpsRoutes(Vertx vertx, Database database, PrometheusMeterRegistry metrics) {
    this.vertx = vertx;
    this.database = database;
    this.metrics = metrics;
  }

  /** This build's version, from the version resource the build writes. */
  public static String version() {
    java.util.Properties properties = new java.util.Properties();
    try (java.io.InputStream in = OpsRoutes.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  /** {@code GET /version}: the build's version, as JSON. */
  public Handler<RoutingContext> versionPage() {
    String body = new io.vertx.core.json.JsonObject().put("version", version()).encode();
    return context -> context.response().putHeader("Content-Type", "application/json").end(body);
  }

  /** {@code GET /healthz}. */
  public Handler<RoutingContext> health() {
    return context -> context.response().end("ok");
  }

  /** {@code GET /readyz}: checked off the event loop. */
  public Handler<RoutingContext> readiness() {
    return context ->
        vertx
            .executeBlocking(database::isReachable, false)
            .onComplete(
                result -> {
                  boolean up = result.succeeded() && Boolean.TRUE.equals(result.result());
                  context
                      .response()
                      .setStatusCode(up ? 200 : 503)
                      .end(up ? "ready" : "database unreachable");
                });
  }

  /** {@code GET /metrics}. */
  public Handler<RoutingContext> metrics() {
    return context ->
        context
            .response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(metrics.scrape());
  }
}
