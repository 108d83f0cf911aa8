package dev.keywarden.server.http;

import dev.keywarden.core.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body up to a limit, for the hot routes that run without the router's body
 * handler; a larger body (declared or sent) is answered {@code 413}. Thread-safe.
 */
public final class RequestBodies {
  private final long limitBytes;

  /** Reads bodies of at most {@code limitBytes}. */
  public RequestBodies(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /** The largest body accepted. */
  public long limitBytes() {
    return limitBytes;
  }

  /** Reads the whole body and hands it to {@code then} (on the event loop), or answers 413. */
  public void read(HttpServerRequest request, Handler<Buffer> then) {
    if (declaredTooLarge(request.getHeader(HttpHeaders.CONTENT_LENGTH))) {
      Problems.send(request.response(), ErrorCode.BODY_TOO_LARGE);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] overflow = {false};
    request.handler(
        chunk -> {
          if (overflow[0] || body.length() + chunk.length() > limitBytes) {
            overflow[0] = true;
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.exceptionHandler(
        failure -> {
          if (!overflow[0]) {
            overflow[0] = true;
            LoggerFactory.getLogger(RequestBodies.class)
                .warn("Refused a malformed request body: {}", String.valueOf(failure));
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            Problems.send(request.response(), ErrorCode.MALFORMED_REQUEST);
          }
        });
    request.endHandler(
        done -> {
          if (overflow[0]) {
            Problems.send(request.response(), ErrorCode.BODY_TOO_LARGE);
          } else {
            then.handle(body);
          }
        });
  }

  private boolean declaredTooLarge(String declared) {
    if (declared == null) {
      return false;
    }
    try {
      return Long.parseLong(declared.strip()) > limitBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
