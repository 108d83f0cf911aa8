package dev.keywarden.server.http;

import dev.keywarden.core.ErrorCode;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
    String refusal = refusal(request);
    if (refusal != null) {
      // The body (if any) is not read: ignore what the codec says of it and close afterwards.
      request.exceptionHandler(ignored -> {});
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      Problems.send(response, ErrorCode.MALFORMED_REQUEST, refusal, null);
      return;
    }
    if (!table.dispatchHot(request)) {
      router.handle(request);
    }
  }

  /**
   * Answers the requests Vert.x itself refuses before any handler (a malformed request line or
   * chunk, an over-long URI or header, an unknown method) as problems, not bodiless answers.
   */
  public static void invalid(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    response.putHeader(CONTENT_TYPE_OPTIONS, NOSNIFF).putHeader(REFERRER_POLICY, NO_REFERRER);
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    String detail = "The request is malformed";
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      detail = "The request URI is too long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      detail = "The request headers are too large";
    }
    response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    Problems.send(response, status, ErrorCode.MALFORMED_REQUEST, detail);
    request.connection().close();
  }

  /**
   * Why a request is refused before routing, or {@code null}: two Host headers, a path or query
   * that does not decode, or control characters (NUL included) in them or in a header value.
   */
  static String refusal(HttpServerRequest request) {
    if (request.headers().getAll(HttpHeaders.HOST).size() > 1) {
      return "Send one Host header";
    }
    if (!BODY_METHODS.contains(request.method())
        && (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
            || !"0".equals(request.headers().get(HttpHeaders.CONTENT_LENGTH))
                && request.headers().contains(HttpHeaders.CONTENT_LENGTH))) {
      return "A " + request.method() + " request has no body";
    }
    String uri = request.uri();
    if (uri.length() > MAX_URI) {
      return "The request URI is too long";
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "The request URI is not validly percent-encoded";
    }
    if (hasControl(decoded) || decoded.indexOf('\uFFFD') >= 0) {
      return "The request URI holds control characters or invalid UTF-8";
    }
    for (var header : request.headers()) {
      if (hasControl(header.getValue())) {
        return "The header " + header.getKey() + " holds control characters";
      }
    }
    return null;
  }

  private static final int MAX_URI = 2048;

  private static final java.util.Set<HttpMethod> BODY_METHODS =
      java.util.Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  private static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        return true;
      }
    }
    return false;
  }
}
