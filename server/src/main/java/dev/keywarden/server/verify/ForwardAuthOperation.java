package dev.keywarden.server.verify;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.verify.VerifyResult;
import dev.keywarden.server.auth.ClientAddress;
import dev.keywarden.server.auth.Credentials;
import dev.keywarden.server.auth.KeyCheck;
import dev.keywarden.server.auth.Refusals;
import dev.keywarden.server.http.AccountDirectory;
import dev.keywarden.server.http.Problems;
import dev.keywarden.server.http.RouteTable;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.VerifyCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET …/forward-auth}, the hot path for gateways (nginx {@code auth_request}, Traefik
 * ForwardAuth, Envoy ext_authz over HTTP): the gateway forwards the client's headers; the answer is
 * {@code 200} with {@code X-Keywarden-*} identity headers, or the key's refusal ({@link Refusals}:
 * 401, 403 or 429 with {@code Retry-After}; 503 when the store fails). With {@code gateway=nginx}
 * in the query, 429 and 503 answer 403 with their code in {@code X-Keywarden-Code} and {@code
 * Retry-After}, because nginx's {@code auth_request} passes on only 2xx, 401 and 403; the recipe
 * (docs/gateways/nginx.conf) turns them back. What keys must satisfy comes from the auth URL's
 * query ({@link GatewayRule}); the client's address from the gateway's forwarding headers when the
 * gateway is a trusted proxy ({@link ClientAddress}).
 *
 * <p>The one implementation, served by the front door without the router, from memory for every key
 * seen before. Thread-safe.
 */
final class ForwardAuthOperation implements RouteTable.HotOperation {
  private static final Logger log = LoggerFactory.getLogger(ForwardAuthOperation.class);
  static final CharSequence ACCESS_ID_HEADER = HttpHeaders.createOptimized("X-Keywarden-Access-Id");
  static final CharSequence ACCOUNT_HEADER = HttpHeaders.createOptimized("X-Keywarden-Account");
  static final CharSequence OWNER_HEADER = HttpHeaders.createOptimized("X-Keywarden-Owner");
  static final CharSequence SCOPES_HEADER = HttpHeaders.createOptimized("X-Keywarden-Scopes");
  static final CharSequence BINDING_HEADER = HttpHeaders.createOptimized("X-Keywarden-Binding");

  private static final CharSequence VALID = HttpHeaders.createOptimized(VerifyCode.VALID.name());
  private static final CharSequence WWW_AUTHENTICATE =
      HttpHeaders.createOptimized("WWW-Authenticate");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  private static final CharSequence BEARER = HttpHeaders.createOptimized("Bearer");

  /** Distinct gateway queries remembered; more than this are parsed on every request. */
  private static final int MAX_RULES = 1024;

  private final AccountDirectory accounts;
  private final Credentials credentials;
  private final ClientAddress clientAddress;
  private final KeyCheck keys;
  private final Refusals refusals;
  private final VerifyAnswers answers;
  private final VerifyMetrics metrics;
  private final ConcurrentHashMap<String, GatewayRule> rules = new ConcurrentHashMap<>();

  ForwardAuthOperation(
      AccountDirectory accounts,
      Credentials credentials,
      ClientAddress clientAddress,
      KeyCheck keys,
      Refusals refusals,
      VerifyAnswers answers,
      VerifyMetrics metrics) {
    this.accounts = accounts;
    this.credentials = credentials;
    this.clientAddress = clientAddress;
    this.keys = keys;
    this.refusals = refusals;
    this.answers = answers;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpServerRequest request, String pathAccount) {
    long start = System.nanoTime();
    accounts.resolve(request, pathAccount, account -> check(request, account, start));
  }

  private void check(HttpServerRequest request, Account account, long start) {
    HttpServerResponse response = request.response();
    GatewayRule rule = rule(request.query());
    if (rule.problem() != null) {
      Problems.send(response, rule.problem());
      return;
    }
    if (!(credentials.read(request) instanceof Credentials.Key presented)) {
      response.putHeader(WWW_AUTHENTICATE, BEARER);
      Problems.send(response, ErrorCode.UNAUTHENTICATED);
      return;
    }
    Requirements required =
        new Requirements(
            account.id(),
            rule.scopes(),
            rule.licenseId(),
            rule.apiVersion(),
            clientAddress.of(request));
    keys.verify(
        presented.token(),
        required,
        result -> answer(response, rule, result, start),
        error -> unavailable(response, rule, error));
  }

  private static void unavailable(
      HttpServerResponse response, GatewayRule rule, KeywardenException error) {
    if (!rule.onlyAuthStatuses()) {
      Problems.send(response, error);
      return;
    }
    log.warn("Answering 503 (as 403 for nginx): {}", error.getMessage());
    Refusals.unavailableWithinAuthStatuses(response, error);
  }

  private void answer(
      HttpServerResponse response, GatewayRule rule, VerifyResult result, long start) {
    VerifyCode code = result.code();
    metrics.record(VerifyMetrics.Endpoint.FORWARD_AUTH, code, start);
    if (response.ended() || response.closed()) {
      return;
    }
    if (!code.isValid()) {
      if (rule.onlyAuthStatuses()) {
        refusals.sendWithinAuthStatuses(response, code);
      } else {
        refusals.send(response, code);
      }
      return;
    }
    ApiKey key = result.key().key();
    String owner = key.ownerUsername();
    response
        .putHeader(ACCESS_ID_HEADER, key.accessId())
        .putHeader(ACCOUNT_HEADER, result.key().accountName())
        .putHeader(OWNER_HEADER, owner == null ? "" : owner)
        .putHeader(SCOPES_HEADER, answers.rendered(result.key()).scopes())
        .putHeader(BINDING_HEADER, key.binding().text())
        .putHeader(Refusals.CODE_HEADER, VALID)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .setStatusCode(200)
        .end();
  }

  private GatewayRule rule(String query) {
    if (query == null || query.isEmpty()) {
      return GatewayRule.NONE;
    }
    GatewayRule cached = rules.get(query);
    if (cached != null) {
      return cached;
    }
    GatewayRule parsed = GatewayRule.parse(query);
    if (rules.size() < MAX_RULES) {
      rules.put(query, parsed);
    }
    return parsed;
  }
}
