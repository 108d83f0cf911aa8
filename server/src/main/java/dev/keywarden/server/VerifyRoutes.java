package dev.keywarden.server;

import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.ApiVersion;
import dev.keywarden.core.key.Scope;
import dev.keywarden.core.verify.Requirements;
import dev.keywarden.core.verify.VerifiableKey;
import dev.keywarden.core.verify.VerifyCode;
import dev.keywarden.core.verify.VerifyResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verification for platform services and gateways, the hot path of the server.
 *
 * <ul>
 *   <li>{@code POST …/verify}: a platform service, authenticated with its own key of the same
 *       account carrying the {@code APIKey} scope, asks about a presented key and gets {@code 200}
 *       with {@code valid}, {@code code} and, once the secret matched (and the key is of this
 *       account), the key's identity.
 *   <li>{@code GET …/forward-auth}: a gateway (nginx {@code auth_request}, Traefik ForwardAuth,
 *       Envoy ext_authz over HTTP) forwards the client's request headers; the answer is {@code 200}
 *       with {@code X-Keywarden-*} identity headers, {@code 401}, {@code 403} or {@code 429}.
 *       Required scopes, license and API version come from the auth URL's query ({@code
 *       scopes=Tasks,Session&license_id=7&api_version=v2}), configured once in the gateway.
 * </ul>
 *
 * <p>Performance: both run on the event loop from memory when the keys are cached (the verifier and
 * the account directory), and go off the event loop only on a cache miss. Bodies are parsed with a
 * streaming parser, answers are written by hand, and every fixed answer is prepared once.
 *
 * <p>Forward auth trusts {@code X-Real-IP} and {@code X-Forwarded-For} for the client address that
 * key allowlists check, since the peer is always the gateway: expose it to gateways only.
 */
final class VerifyRoutes {
  static final String VERIFY = Routes.USER_MANAGER + "/verify";
  static final String FORWARD_AUTH = Routes.USER_MANAGER + "/forward-auth";

  static final String ACCESS_ID_HEADER = "X-Keywarden-Access-Id";
  static final String ACCOUNT_HEADER = "X-Keywarden-Account";
  static final String OWNER_HEADER = "X-Keywarden-Owner";
  static final String SCOPES_HEADER = "X-Keywarden-Scopes";
  static final String BINDING_HEADER = "X-Keywarden-Binding";
  static final String CODE_HEADER = "X-Keywarden-Code";

  /** Distinct gateway queries remembered; more than this are parsed on every request. */
  private static final int MAX_RULES = 1024;

  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence PROBLEM_JSON =
      HttpHeaders.createOptimized(Problems.CONTENT_TYPE);
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  private static final CharSequence BEARER = HttpHeaders.createOptimized("Bearer");
  private static final Set<Scope> CALLER_SCOPES = Set.of(Scope.APIKey);

  /** The answers without identity, by code: prepared once. */
  private static final EnumMap<VerifyCode, Buffer> BARE_ANSWERS = new EnumMap<>(VerifyCode.class);

  /** The forward-auth refusals, by code: prepared once. */
  private static final EnumMap<VerifyCode, Buffer> REFUSALS = new EnumMap<>(VerifyCode.class);

  private static final Buffer NO_KEY =
      problem(401, "UNAUTHENTICATED", "Present an API key in the Authorization header");

  static {
    for (VerifyCode code : VerifyCode.values()) {
      BARE_ANSWERS.put(
          code, Buffer.buffer("{\"valid\":" + code.isValid() + ",\"code\":\"" + code + "\"}"));
      if (!code.isValid()) {
        REFUSALS.put(code, problem(forwardStatus(code), code.name(), refusal(code)));
      }
    }
  }

  private final Api api;
  private final ConcurrentHashMap<String, Rule> rules = new ConcurrentHashMap<>();

  private VerifyRoutes(Api api) {
    this.api = api;
  }

  /** Registers both endpoints on the account router (after the account is resolved). */
  static void register(Router router, Api api) {
    VerifyRoutes routes = new VerifyRoutes(api);
    router.post(VERIFY).handler(routes::verify);
    router.get(FORWARD_AUTH).handler(routes::forwardAuth);
  }

  // ---- POST …/verify ----

  private void verify(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (Credentials.keyInQuery(request)) {
      Problems.send(context, 400, "KEY_IN_URL", "Send keys in a header or the body", null);
      return;
    }
    if (!(api.credentials.read(request) instanceof Credentials.Key caller)) {
      send(context.response(), 401, PROBLEM_JSON, NO_KEY);
      return;
    }
    Account account = context.get(Api.ACCOUNT);
    Requirements callerNeeds =
        new Requirements(account.id(), CALLER_SCOPES, null, ApiVersion.v2, Api.clientIp(context));
    api.verify(caller.token(), callerNeeds, result -> verifyAsCaller(context, account, result));
  }

  private void verifyAsCaller(RoutingContext context, Account account, VerifyResult caller) {
    switch (caller.code()) {
      case VALID -> verifyPresented(context, account);
      case INSUFFICIENT_SCOPE, IP_NOT_ALLOWED, WRONG_LICENSE ->
          Problems.send(
              context,
              403,
              "INSUFFICIENT_SCOPE",
              "Verifying keys needs a key with the APIKey scope",
              null);
      case RATE_LIMITED -> {
        context.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
        Problems.send(context, 429, "RATE_LIMITED", "This key has used its requests for now", null);
      }
      case NOT_FOUND, WRONG_ACCOUNT, EXPIRED, DISABLED, WRONG_API_VERSION ->
          Problems.send(
              context,
              401,
              "UNAUTHENTICATED",
              "The key is not usable here (" + caller.code() + ")",
              null);
    }
  }

  private void verifyPresented(RoutingContext context, Account account) {
    String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.regionMatches(true, 0, "application/json", 0, 16)) {
      Problems.send(
          context, 415, "UNSUPPORTED_MEDIA_TYPE", "Send JSON (application/json)", "Content-Type");
      return;
    }
    Buffer body = context.body().buffer();
    if (body == null || body.length() == 0) {
      Problems.send(context, 400, "INVALID_INPUT", "A JSON object is required", "key");
      return;
    }
    VerifyRequest presented;
    try {
      presented = VerifyRequest.parse(body.getBytes());
    } catch (KeywardenException e) {
      Problems.send(context, e);
      return;
    }
    Requirements required =
        new Requirements(
            account.id(),
            presented.scopes(),
            presented.licenseId(),
            presented.apiVersion(),
            presented.clientIp());
    api.verify(presented.token(), required, result -> answer(context.response(), result));
  }

  private static void answer(HttpServerResponse response, VerifyResult result) {
    VerifiableKey matched = result.key();
    if (matched == null || result.code() == VerifyCode.WRONG_ACCOUNT) {
      send(response, 200, JSON, BARE_ANSWERS.get(result.code()));
      return;
    }
    send(response, 200, JSON, Buffer.buffer(identity(result.code(), matched)));
  }

  /** The answer with the key's identity, written by hand (no secret is ever part of it). */
  static String identity(VerifyCode code, VerifiableKey matched) {
    ApiKey key = matched.key();
    StringBuilder json = new StringBuilder(320);
    json.append("{\"valid\":").append(code.isValid()).append(",\"code\":\"").append(code);
    json.append("\",\"access_id\":");
    quote(json, key.accessId());
    json.append(",\"account\":");
    quote(json, matched.accountName());
    json.append(",\"owner\":");
    quote(json, key.ownerUsername());
    json.append(",\"name\":");
    quote(json, key.name());
    json.append(",\"scopes\":[");
    boolean first = true;
    for (Scope scope : key.scopes()) {
      json.append(first ? "\"" : ",\"").append(scope.name()).append('"');
      first = false;
    }
    json.append("],\"binding\":\"").append(key.binding().text());
    json.append("\",\"expires_at\":\"").append(key.expiresAt());
    json.append("\",\"api_version\":\"").append(key.apiVersion().name()).append('"');
    if (code == VerifyCode.RATE_LIMITED) {
      json.append(",\"retry_after_seconds\":").append(retryAfterSeconds());
    }
    return json.append('}').toString();
  }

  private static void quote(StringBuilder json, String text) {
    if (text == null) {
      json.append("null");
      return;
    }
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  // ---- GET …/forward-auth ----

  private void forwardAuth(RoutingContext context) {
    HttpServerRequest request = context.request();
    Rule rule = rule(request.query());
    if (rule.problem() != null) {
      Problems.send(context, rule.problem());
      return;
    }
    if (!(api.credentials.read(request) instanceof Credentials.Key presented)) {
      context.response().putHeader("WWW-Authenticate", BEARER);
      send(context.response(), 401, PROBLEM_JSON, NO_KEY);
      return;
    }
    Account account = context.get(Api.ACCOUNT);
    Requirements required =
        new Requirements(
            account.id(), rule.scopes(), rule.licenseId(), rule.apiVersion(), forwardedIp(context));
    api.verify(presented.token(), required, result -> forwardAnswer(context.response(), result));
  }

  private static void forwardAnswer(HttpServerResponse response, VerifyResult result) {
    VerifyCode code = result.code();
    if (code.isValid()) {
      ApiKey key = result.key().key();
      String owner = key.ownerUsername();
      response
          .putHeader(ACCESS_ID_HEADER, key.accessId())
          .putHeader(ACCOUNT_HEADER, result.key().accountName())
          .putHeader(OWNER_HEADER, owner == null ? "" : owner)
          .putHeader(SCOPES_HEADER, scopes(key.scopes()))
          .putHeader(BINDING_HEADER, key.binding().text())
          .putHeader(CODE_HEADER, code.name())
          .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
          .setStatusCode(200)
          .end();
      return;
    }
    if (code == VerifyCode.RATE_LIMITED) {
      response.putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
    } else if (forwardStatus(code) == 401) {
      response.putHeader("WWW-Authenticate", BEARER);
    }
    response.putHeader(CODE_HEADER, code.name());
    send(response, forwardStatus(code), PROBLEM_JSON, REFUSALS.get(code));
  }

  static int forwardStatus(VerifyCode code) {
    return switch (code) {
      case VALID -> 200;
      case NOT_FOUND, EXPIRED, DISABLED, WRONG_ACCOUNT, WRONG_API_VERSION -> 401;
      case INSUFFICIENT_SCOPE, WRONG_LICENSE, IP_NOT_ALLOWED -> 403;
      case RATE_LIMITED -> 429;
    };
  }

  private static String refusal(VerifyCode code) {
    return switch (code) {
      case VALID -> "The key is valid";
      case NOT_FOUND -> "The key is unknown or wrong";
      case EXPIRED -> "The key has expired";
      case DISABLED -> "The key is disabled";
      case WRONG_ACCOUNT -> "The key belongs to another account";
      case WRONG_API_VERSION -> "The key is not usable on this API version";
      case INSUFFICIENT_SCOPE -> "The key lacks a required scope";
      case WRONG_LICENSE -> "The key is bound to another license";
      case IP_NOT_ALLOWED -> "The key is not allowed from this address";
      case RATE_LIMITED -> "The key has used its requests for now";
    };
  }

  private static String scopes(Set<Scope> scopes) {
    StringBuilder text = new StringBuilder(48);
    for (Scope scope : scopes) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(scope.name());
    }
    return text.toString();
  }

  /**
   * The client's address as the gateway saw it: {@code X-Real-IP}, else the last {@code
   * X-Forwarded-For} entry (the one the gateway appended), else the peer.
   */
  static String forwardedIp(RoutingContext context) {
    HttpServerRequest request = context.request();
    String real = request.getHeader("X-Real-IP");
    if (real != null && !real.isBlank()) {
      return real.strip();
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded != null && !forwarded.isBlank()) {
      return forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
    }
    return Api.clientIp(context);
  }

  /** What a gateway's auth URL requires: parsed once per distinct query string. */
  record Rule(
      Set<Scope> scopes, Long licenseId, ApiVersion apiVersion, KeywardenException problem) {
    static final Rule NONE = new Rule(Set.of(), null, ApiVersion.v2, null);
  }

  private Rule rule(String query) {
    if (query == null || query.isEmpty()) {
      return Rule.NONE;
    }
    Rule cached = rules.get(query);
    if (cached != null) {
      return cached;
    }
    Rule parsed = parseRule(query);
    if (rules.size() < MAX_RULES) {
      rules.put(query, parsed);
    }
    return parsed;
  }

  static Rule parseRule(String query) {
    try {
      Set<Scope> scopes = Set.of();
      Long licenseId = null;
      ApiVersion version = ApiVersion.v2;
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value =
            equals < 0
                ? ""
                : java.net.URLDecoder.decode(
                    pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8);
        switch (name) {
          case "scopes" -> scopes = VerifyRequest.parseScopes(value, "scopes");
          case "license_id" -> licenseId = licenseId(value);
          case "api_version" -> version = VerifyRequest.apiVersion(value, "api_version");
          case "" -> {}
          default ->
              throw KeywardenException.invalid(
                  dev.keywarden.core.ErrorCode.INVALID_INPUT,
                  name,
                  "Unknown parameter '"
                      + name
                      + "': forward auth takes scopes, license_id and api_version; keys go in"
                      + " headers");
        }
      }
      return new Rule(scopes, licenseId, version, null);
    } catch (KeywardenException e) {
      return new Rule(Set.of(), null, ApiVersion.v2, e);
    } catch (IllegalArgumentException e) {
      return new Rule(
          Set.of(),
          null,
          ApiVersion.v2,
          KeywardenException.invalid(
              dev.keywarden.core.ErrorCode.INVALID_INPUT, null, "The query is malformed"));
    }
  }

  private static Long licenseId(String value) {
    try {
      long id = Long.parseLong(value.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Falls through to the error below.
    }
    throw KeywardenException.invalid(
        dev.keywarden.core.ErrorCode.INVALID_INPUT,
        "license_id",
        "license_id must be a positive whole number");
  }

  // ---- shared ----

  private static void send(
      HttpServerResponse response, int status, CharSequence type, Buffer body) {
    if (response.ended()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, type)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .end(body);
  }

  /** Seconds until the rate limiter's next one-minute window. */
  private static String retryAfterSeconds() {
    long second = System.currentTimeMillis() / 1000;
    return Long.toString(60 - second % 60);
  }

  private static Buffer problem(int status, String code, String detail) {
    return Buffer.buffer(Json.write(Problem.of(status, code, detail, null)));
  }
}
