package dev.keywarden.server.verify;

import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.verify.VerifyResult;
import dev.keywarden.server.auth.Authenticator;
import dev.keywarden.server.auth.KeyCheck;
import dev.keywarden.server.auth.Refusals;
import dev.keywarden.server.http.AccountDirectory;
import dev.keywarden.server.http.Body;
import dev.keywarden.server.http.Problems;
import dev.keywarden.server.http.RequestBodies;
import dev.keywarden.server.http.RouteTable;
import dev.keywarden.verification.Requirements;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code POST …/verify}, the hot path for platform services: the service authenticates with its own
 * key (same account, {@code APIKey} scope) and asks about a presented key ({@code key}, or {@code
 * access_id} with {@code secret}; optional {@code scopes}, {@code license_id}, {@code client_ip},
 * {@code api_version}). The answer is {@code 200} with {@code valid}, {@code code} and, once the
 * secret matched and the key is of this account, the key's identity.
 *
 * <p>The one implementation, served by the front door without the router: it reads the body, finds
 * the account, authenticates the caller and checks the presented key from memory, going off the
 * event loop only for what is not cached yet. Thread-safe.
 */
final class VerifyOperation implements RouteTable.HotOperation {
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private final RequestBodies bodies;
  private final AccountDirectory accounts;
  private final Authenticator authenticator;
  private final KeyCheck keys;
  private final Refusals refusals;
  private final VerifyAnswers answers;
  private final VerifyMetrics metrics;

  VerifyOperation(
      RequestBodies bodies,
      AccountDirectory accounts,
      Authenticator authenticator,
      KeyCheck keys,
      Refusals refusals,
      VerifyAnswers answers,
      VerifyMetrics metrics) {
    this.bodies = bodies;
    this.accounts = accounts;
    this.authenticator = authenticator;
    this.keys = keys;
    this.refusals = refusals;
    this.answers = answers;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpServerRequest request, String pathAccount) {
    long start = System.nanoTime();
    bodies.read(
        request,
        body ->
            accounts.resolve(
                request,
                pathAccount,
                account ->
                    authenticator.platformService(
                        request, account, caller -> verify(request, account, body, start))));
  }

  private void verify(HttpServerRequest request, Account account, Buffer body, long start) {
    HttpServerResponse response = request.response();
    VerifyRequest presented;
    try {
      Body.requireJson(request.getHeader(HttpHeaders.CONTENT_TYPE));
      presented = VerifyRequest.parse(body.getBytes());
    } catch (KeywardenException e) {
      Problems.send(response, e);
      return;
    }
    Requirements required =
        new Requirements(
            account.id(),
            presented.scopes(),
            presented.licenseId(),
            presented.apiVersion(),
            presented.clientIp());
    keys.verify(response, presented.token(), required, result -> answer(response, result, start));
  }

  private void answer(HttpServerResponse response, VerifyResult result, long start) {
    metrics.record(VerifyMetrics.Endpoint.VERIFY, result.code(), start);
    if (response.ended() || response.closed()) {
      return;
    }
    Buffer json = answers.answer(result, refusals.retryAfterSeconds());
    response
        .setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .end(json);
  }
}
