package dev.keywarden.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.Objects;

/**
 * The one request handler of the server. Every answer carries the security headers set here; the
 * hot routes of the {@link RouteTable} (verification) go straight to their one implementation,
 * everything else to the router the table built.
 *
 * <p>Why: vertx-web's routing context, route matching and body handler cost about as much CPU per
 * request as a verification from memory (measured with {@code bench/load.sh}), so the two hot
 * operations read their requests themselves, the way TechEmpower's Vert.x entry answers without a
 * router. Thread-safe: it holds only read-only state.
 */
public final class FrontDoor implements Handler<HttpServerRequest> {
  private static final CharSequence CONTENT_TYPE_OPTIONS =
      HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence REFERRER_POLICY =
      HttpHeaders.createOptimized("Referrer-Policy");
  private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");

  private final RouteTable table;
  private final Router router;
  private final AccessLog accessLog;

  /** A front door over a route table and the router it built, observed by the access log. */
  public FrontDoor(RouteTable table, Router router, AccessLog accessLog) {
    this.table = Objects.requireNonNull(table, "null table");
    this.router = Objects.requireNonNull(router, "null router");
    this.accessLog = Objects.requireNonNull(accessLog, "null accessLog");
  }

  @Override
  public void handle(HttpServerRequest request) {
    accessLog.observe(request);
    HttpServerResponse response = request.response();
    response.putHeader(CONTENT_TYPE_OPTIONS, NOSNIFF).putHeader(REFERRER_POLICY, NO_REFERRER);
    if (!table.dispatchHot(request)) {
      router.handle(request);
    }
  }
}
