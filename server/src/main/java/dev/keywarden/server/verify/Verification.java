package dev.keywarden.server.verify;

import dev.keywarden.server.auth.Authenticator;
import dev.keywarden.server.auth.ClientAddress;
import dev.keywarden.server.auth.Credentials;
import dev.keywarden.server.auth.KeyCheck;
import dev.keywarden.server.auth.Refusals;
import dev.keywarden.server.http.AccountDirectory;
import dev.keywarden.server.http.RequestBodies;
import dev.keywarden.server.http.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Verification for platform services and gateways, the hot path of the server: builds the two
 * operations ({@link VerifyOperation}, {@link ForwardAuthOperation}) over what they share — the
 * rendered answers and the metrics.
 */
public final class Verification {
  private final VerifyOperation verify;
  private final ForwardAuthOperation forwardAuth;

  /** The two operations, wired with only what they use. */
  public Verification(
      RequestBodies bodies,
      AccountDirectory accounts,
      Authenticator authenticator,
      Credentials credentials,
      ClientAddress clientAddress,
      KeyCheck keys,
      Refusals refusals,
      MeterRegistry registry) {
    VerifyAnswers answers = new VerifyAnswers();
    VerifyMetrics metrics = new VerifyMetrics(registry);
    this.verify =
        new VerifyOperation(bodies, accounts, authenticator, keys, refusals, answers, metrics);
    this.forwardAuth =
        new ForwardAuthOperation(
            accounts, credentials, clientAddress, keys, refusals, answers, metrics);
  }

  /** {@code POST …/verify}. */
  public RouteTable.HotOperation verify() {
    return verify;
  }

  /** {@code GET …/forward-auth}. */
  public RouteTable.HotOperation forwardAuth() {
    return forwardAuth;
  }
}
