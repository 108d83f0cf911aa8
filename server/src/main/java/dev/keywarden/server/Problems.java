package dev.keywarden.server;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become HTTP: every {@link KeywardenException} maps by its kind to a status
 * and an {@code application/problem+json} body with its stable code. Anything else is logged with
 * its stack (never sent) and answered 500 with no detail.
 */
final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);
  static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  /**
   * The status of an error: invalid input is 422 when a field is named (the request was understood
   * but a value is wrong) and 400 when the request itself is malformed.
   */
  static int status(KeywardenException error) {
    ErrorCode code = error.code();
    return switch (code.kind()) {
      case INVALID -> code == ErrorCode.INVALID_INPUT && error.field() == null ? 400 : 422;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case THROTTLED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  /** Answers a Keywarden error. */
  static void send(RoutingContext context, KeywardenException error) {
    send(context.request(), error);
  }

  /** Answers a Keywarden error on a request handled without a router. */
  static void send(HttpServerRequest request, KeywardenException error) {
    if (error.code() == ErrorCode.STORAGE_UNAVAILABLE) {
      log.error("Storage failure on {} {}", request.method(), request.path(), error);
    }
    if (error.retryAfter() != null) {
      request.response().putHeader("Retry-After", Long.toString(error.retryAfter().toSeconds()));
    }
    send(request.response(), status(error), error.code().name(), error.getMessage(), error.field());
  }

  /** Answers a problem with an explicit status and code. */
  static void send(RoutingContext context, int status, String code, String detail, String field) {
    send(context.response(), status, code, detail, field);
  }

  /** Answers a problem on a response. */
  static void send(
      HttpServerResponse response, int status, String code, String detail, String field) {
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"keywarden\"");
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(Json.write(Problem.of(status, code, detail, field)));
  }

  /** The failure handler for every route. */
  static void handleFailure(RoutingContext context) {
    Throwable failure = context.failure();
    if (failure instanceof KeywardenException error) {
      send(context, error);
      return;
    }
    if (failure instanceof Api.UnsupportedType) {
      send(
          context,
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Send JSON (Content-Type: application/json)",
          null);
      return;
    }
    if (failure instanceof tools.jackson.core.JacksonException) {
      send(context, 400, "MALFORMED_JSON", "The body is not valid JSON", null);
      return;
    }
    int status = context.statusCode();
    switch (status) {
      case 400 -> send(context, 400, "INVALID_INPUT", "The request is malformed", null);
      case 404 -> send(context, 404, "NOT_FOUND", "No such resource", null);
      case 405 -> send(context, 405, "METHOD_NOT_ALLOWED", "Method not allowed here", null);
      case 413 -> send(context, 413, "BODY_TOO_LARGE", "The request body is too large", null);
      case 415 ->
          send(context, 415, "UNSUPPORTED_MEDIA_TYPE", "Send JSON (application/json)", null);
      default -> {
        if (failure != null || status >= 500 || status < 400) {
          log.error(
              "Unexpected failure on {} {}",
              context.request().method(),
              context.request().path(),
              failure);
          send(context, 500, "INTERNAL", "Something went wrong on our side", null);
        } else {
          send(context, status, "ERROR", "The request failed", null);
        }
      }
    }
  }
}
