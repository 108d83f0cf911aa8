package dev.keywarden.server.http;

import dev.keywarden.core.Caller;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs API operations: an {@link Endpoint} goes off the event loop with the caller the
 * authentication put in the context, and its result is answered as JSON, a download or no content;
 * a failure goes to the route's failure handler. Thread-safe.
 */
public final class Endpoints {
  /** The routing-context key of the authenticated {@link Caller}. */
  public static final String CALLER = "keywarden.caller";

  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private final Vertx vertx;
  private final ChangeWait changes;

  /** Runs operations on Vert.x worker threads; change answers carry no change number. */
  public Endpoints(Vertx vertx) {
    this(vertx, null);
  }

  /** Runs operations on Vert.x worker threads; change answers go through {@code changes}. */
  public Endpoints(Vertx vertx, ChangeWait changes) {
    this.vertx = vertx;
    this.changes = changes;
  }

  /** A handler that runs an operation and answers its result with {@code status}. */
  public Handler<RoutingContext> json(int status, Endpoint endpoint) {
    return context -> {
      Caller caller = context.get(CALLER);
      if (changes == null) {
        vertx
            .executeBlocking(() -> endpoint.handle(context, caller), false)
            .onSuccess(result -> send(context.response(), status, result))
            .onFailure(context::fail);
        return;
      }
      vertx
          .executeBlocking(
              () -> {
                boolean wait = ChangeWait.wants(context);
                ChangeWait.begin();
                return changes.finish(endpoint.handle(context, caller), wait);
              },
              false)
          .onSuccess(
              answer ->
                  send(context.response(), status, ChangeWait.headers(context.response(), answer)))
          .onFailure(context::fail);
    };
  }

  /** Answers a result: JSON, a download, or {@code 204} for {@code null}. */
  public static void send(HttpServerResponse response, int status, Object body) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (body instanceof Endpoint.Download download) {
      response
          .setStatusCode(status)
          .putHeader(HttpHeaders.CONTENT_TYPE, download.contentType())
          .putHeader("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
          .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
          .end(download.text());
      return;
    }
    if (body == null) {
      response.setStatusCode(status == 200 ? 204 : status).end();
      return;
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .end(Json.write(body));
  }
}
