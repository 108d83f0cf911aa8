package dev.keywarden.server.http;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.store.JdbcKeyStore;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Change answers as a promise the caller can hold: an operation that changed keys answers the
 * change-log sequence number of its last change in {@code Keywarden-Change}, and with {@code
 * ?wait=applied} it answers only once every live node has applied it (or after {@link #TIMEOUT}),
 * saying which in {@code Keywarden-Applied: true|false}. Thread-safe.
 */
public final class ChangeWait {
  /** The header carrying the change's sequence number. */
  public static final String CHANGE = "Keywarden-Change";

  /** The header telling whether every live node applied the change before the answer. */
  public static final String APPLIED = "Keywarden-Applied";

  /** The longest an answer waits for the other nodes. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Keywarden keywarden;

  /** Waits through the node's cluster registry. */
  public ChangeWait(Keywarden keywarden) {
    this.keywarden = keywarden;
  }

  /** What a change answer adds to its result. */
  record Outcome(Object result, long change, Boolean applied) {}

  /** Whether the request asks to wait; refuses any other value of {@code wait}. */
  static boolean wants(RoutingContext context) {
    String wait = context.request().getParam("wait");
    if (wait == null) {
      return false;
    }
    if (!wait.equals("applied")) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_INPUT, "wait", "wait takes one value: applied");
    }
    return true;
  }

  /** Forgets any change this worker thread noted before the operation. */
  static void begin() {
    JdbcKeyStore.takeLastChange();
  }

  /** After the operation committed (on its worker thread): its change, waited for if asked. */
  Object finish(Object result, boolean wait) {
    long change = JdbcKeyStore.takeLastChange();
    if (change == 0) {
      return result;
    }
    Boolean applied = wait ? keywarden.awaitApplied(TIMEOUT).everywhere() : null;
    return new Outcome(result, change, applied);
  }

  /** Puts an outcome's headers on the response (on the event loop); returns the result. */
  static Object headers(HttpServerResponse response, Object answer) {
    if (answer instanceof Outcome outcome) {
      response.putHeader(CHANGE, Long.toString(outcome.change()));
      if (outcome.applied() != null) {
        response.putHeader(APPLIED, outcome.applied().toString());
      }
      return outcome.result();
    }
    return answer;
  }
}
