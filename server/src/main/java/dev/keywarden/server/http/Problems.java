package dev.keywarden.server.http;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The one place errors become HTTP answers: every {@link ErrorCode} maps by its kind to a status,
 * and is written as {@code application/problem+json} with its stable code, public message and
 * offending field. A fault of our own is logged with its stack (never sent) and answered 500 with
 * no detail; a storage outage is logged as one warning line; a client's mistake is not logged.
 */
public final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  /** The media type of every error answer. */
  public static final CharSequence CONTENT_TYPE =
      HttpHeaders.createOptimized("application/problem+json");

  private static final CharSequence WWW_AUTHENTICATE =
      HttpHeaders.createOptimized("WWW-Authenticate");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  private static final CharSequence BEARER_REALM =
      HttpHeaders.createOptimized("Bearer realm=\"keywarden\"");

  private Problems() {}

  /**
   * The HTTP status of a code. Invalid input is 422 when a field is named (the request was
   * understood but a value is wrong) and 400 when the request as a whole is wrong.
   */
  public static int status(ErrorCode code, String field) {
    return switch (code.kind()) {
      case INVALID -> code == ErrorCode.INVALID_INPUT && field == null ? 400 : 422;
      case MALFORMED -> 400;
      case TOO_LARGE -> 413;
      case UNSUPPORTED -> 415;
      case METHOD_NOT_ALLOWED -> 405;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case THROTTLED -> 429;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }

  /** A problem body prepared once, for answers that are always the same. */
  public static Buffer prepared(ErrorCode code, String detail) {
    return Buffer.buffer(Json.write(Problem.of(status(code, null), code.name(), detail, null)));
  }

  /** Answers an error. */
  public static void send(HttpServerResponse response, KeywardenException error) {
    if (error.code().kind() == ErrorCode.Kind.UNAVAILABLE) {
      log.warn("Answering 503: {}", rootMessage(error));
    }
    if (error.retryAfter() != null) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfter().toSeconds()));
    }
    send(response, error.code(), error.getMessage(), error.field());
  }

  /** Answers a code with its default public message. */
  public static void send(HttpServerResponse response, ErrorCode code) {
    send(response, code, code.publicMessage(), null);
  }

  /** Answers a code with a specific public message and the offending field (or null). */
  public static void send(
      HttpServerResponse response, ErrorCode code, String detail, String field) {
    int status = status(code, field);
    if (prepareToSend(response, status)) {
      response.end(Json.write(Problem.of(status, code.name(), detail, field)));
    }
  }

  /** Answers a code with an explicit status (for answers of the HTTP layer: 414, 431). */
  public static void send(HttpServerResponse response, int status, ErrorCode code, String detail) {
    if (prepareToSend(response, status)) {
      response.end(Json.write(Problem.of(status, code.name(), detail, null)));
    }
  }

  /** Answers a prepared problem body with its status. */
  public static void send(HttpServerResponse response, int status, Buffer prepared) {
    if (prepareToSend(response, status)) {
      response.end(prepared);
    }
  }

  private static boolean prepareToSend(HttpServerResponse response, int status) {
    if (response.ended() || response.closed()) {
      return false;
    }
    if (response.headWritten()) {
      // Too late for an error answer: cut the connection so the client sees a failure.
      response.reset();
      return false;
    }
    if (status == 401 && response.headers().get(WWW_AUTHENTICATE) == null) {
      response.putHeader(WWW_AUTHENTICATE, BEARER_REALM);
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    return true;
  }

  /** The failure handler of every route: a failed routing context answered as a problem. */
  public static void handleFailure(RoutingContext context) {
    Throwable failure = context.failure();
    HttpServerResponse response = context.response();
    if (failure instanceof KeywardenException error) {
      send(response, error);
    } else if (failure instanceof JacksonException) {
      send(response, ErrorCode.MALFORMED_JSON);
    } else if (failure == null && context.statusCode() >= 400 && context.statusCode() < 500) {
      send(response, ofStatus(context.statusCode()));
    } else if (failure == null && context.statusCode() == 501) {
      send(response, 501, ErrorCode.METHOD_NOT_ALLOWED, "This method is not implemented");
    } else if (failure instanceof io.vertx.core.http.HttpClosedException) {
      // The client went away: nobody to answer, nothing to log.
      return;
    } else if (isClientFraming(failure)) {
      if (response.ended() || response.headWritten()) {
        return;
      }
      log.warn(
          "Refused a malformed request on {} {}: {}",
          context.request().method(),
          context.request().path(),
          String.valueOf(failure));
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      send(response, ErrorCode.MALFORMED_REQUEST);
    } else {
      fault(context, failure);
    }
  }

  /**
   * Whether a failure is the client's broken framing (a bad chunk size, a body cut short), which
   * the HTTP codec reports to the request rather than to us.
   */
  static boolean isClientFraming(Throwable failure) {
    if (failure == null) {
      return false;
    }
    if (failure instanceof io.netty.handler.codec.DecoderException
        || failure instanceof io.vertx.core.http.HttpClosedException) {
      return true;
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith("io.netty.handler.codec.http.")) {
        return true;
      }
    }
    return false;
  }

  private static ErrorCode ofStatus(int status) {
    return switch (status) {
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.BODY_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      default -> ErrorCode.MALFORMED_REQUEST;
    };
  }

  private static void fault(RoutingContext context, Throwable failure) {
    log.error(
        "Unexpected failure on {} {}",
        context.request().method(),
        context.request().path(),
        failure);
    send(context.response(), ErrorCode.INTERNAL);
  }

  /** Answers an unexpected failure of a handler that runs without a router. */
  public static void fault(HttpServerResponse response, String operation, Throwable failure) {
    if (failure instanceof KeywardenException error) {
      send(response, error);
      return;
    }
    log.error("Unexpected failure in {}", operation, failure);
    send(response, ErrorCode.INTERNAL);
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == error ? error.getMessage() : root.toString();
  }
}
