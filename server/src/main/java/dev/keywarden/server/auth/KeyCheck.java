package dev.keywarden.server.auth;

import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.verify.Verifier;
import dev.keywarden.core.verify.VerifyResult;
import dev.keywarden.server.http.Problems;
import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.Requirements;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/**
 * Checks a presented key from memory when the verifier has it, and off the event loop when it must
 * be loaded first: the one way every part of the server checks a key. Thread-safe.
 */
public final class KeyCheck {
  private final Vertx vertx;
  private final Verifier verifier;

  /** Checks keys with the node's verifier, loading on Vert.x worker threads. */
  public KeyCheck(Vertx vertx, Verifier verifier) {
    this.vertx = vertx;
    this.verifier = verifier;
  }

  /**
   * Verifies a key (a {@code null} token is a malformed one) and hands the result to {@code then},
   * on the event loop. If storage fails on the way, the request is answered {@code 503} and {@code
   * then} is not called.
   */
  public void verify(
      HttpServerResponse response,
      KeyToken token,
      Requirements required,
      Handler<VerifyResult> then) {
    verify(token, required, then, error -> Problems.send(response, error));
  }

  /**
   * Verifies a key as above; if storage fails on the way, {@code unavailable} gets the error
   * instead (on the event loop) and {@code then} is not called.
   */
  public void verify(
      KeyToken token,
      Requirements required,
      Handler<VerifyResult> then,
      Handler<KeywardenException> unavailable) {
    VerifyResult cached = verifier.verifyIfCached(token, required);
    if (cached != null) {
      then.handle(cached);
      return;
    }
    vertx
        .executeBlocking(() -> verifier.verify(token, required), false)
        .onSuccess(then)
        .onFailure(error -> unavailable.handle(unavailable(error)));
  }

  private static KeywardenException unavailable(Throwable error) {
    return error instanceof KeywardenException known ? known : KeywardenException.storage(error);
  }
}
