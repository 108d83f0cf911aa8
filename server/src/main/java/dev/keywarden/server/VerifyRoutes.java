package dev.keywarden.server;

import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.verify.VerifiableKey;
import dev.keywarden.core.verify.VerifyResult;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.VerifyCode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Optional;
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
 * <p>Forward auth believes {@code X-Real-IP} and {@code X-Forwarded-For} for the client address
 * that key allowlists check only from the trusted proxies of {@link ServerConfig} (loopback unless
 * configured); from any other peer the peer's own address counts.
 */
final class VerifyRoutes {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VerifyRoutes.class);
  private static final String ACCOUNT_PREFIX = "/a/";

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

  /** Valid answers kept rendered; past this many the map starts over. */
  private static final int MAX_RENDERED = 200_000;

  private final Api api;
  private final ConcurrentHashMap<String, Rule> rules = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();

  /**
   * A key's valid answer and scopes header, rendered once and reused while the verifier serves the
   * same cached key object: a changed key is reloaded as a new object, so it is rendered anew.
   */
  private record Rendered(VerifiableKey key, Buffer json, String scopes) {}

  VerifyRoutes(Api api) {
    this.api = api;
  }

  /** Registers both endpoints on the account router (after the account is resolved). */
  void register(Router router) {
    router.post(VERIFY).handler(this::verify);
    router.get(FORWARD_AUTH).handler(this::forwardAuth);
  }

  // ---- the direct path ----

  /**
   * Serves the two endpoints without the router when their account is known from memory, and
   * returns whether it did; anything else (another path, an account not cached yet) is left to the
   * router, which serves the same endpoints through {@link #register}.
   *
   * <p>Why: vert.x-web's routing context, route matching and body handler cost about as much CPU
   * per request as the verification itself (measured with {@code bench/load.sh}).
   */
  boolean handleDirectly(HttpServerRequest request) {
    HttpMethod method = request.method();
    if (method != HttpMethod.POST && method != HttpMethod.GET) {
      return false;
    }
    String path = request.path();
    String endpoint = method == HttpMethod.POST ? VERIFY : FORWARD_AUTH;
    String accountName;
    if (path.equals(endpoint)) {
      accountName = api.accounts.nameFromHost(Api.host(request));
    } else if (path.startsWith(ACCOUNT_PREFIX) && path.endsWith(endpoint)) {
      accountName = path.substring(ACCOUNT_PREFIX.length(), path.length() - endpoint.length());
    } else {
      return false;
    }
    Optional<Account> cached = accountName == null ? null : api.accounts.cached(accountName);
    if (cached == null || cached.isEmpty()) {
      return false;
    }
    Account account = cached.get();
    Routes.securityHeaders(request.response());
    if (method == HttpMethod.GET) {
      guarded(request, () -> forwardAuth(request, account));
    } else {
      readBody(request, body -> guarded(request, () -> verify(request, account, body)));
    }
    return true;
  }

  /** Reads a body up to the configured limit; a larger one is answered 413. */
  private void readBody(HttpServerRequest request, Handler<Buffer> then) {
    long limit = api.config.bodyLimitBytes();
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (tooLarge(declared, limit)) {
      Problems.send(
          request.response(), 413, "BODY_TOO_LARGE", "The request body is too large", null);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] overflow = {false};
    request.handler(
        chunk -> {
          if (body.length() + chunk.length() > limit) {
            overflow[0] = true;
          } else if (!overflow[0]) {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(
        done -> {
          if (overflow[0]) {
            Problems.send(
                request.response(), 413, "BODY_TOO_LARGE", "The request body is too large", null);
          } else {
            then.handle(body);
          }
        });
  }

  private static boolean tooLarge(String declared, long limit) {
    if (declared == null) {
      return false;
    }
    try {
      return Long.parseLong(declared.strip()) > limit;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Runs a handler; an unexpected failure is logged and answered 500, never left hanging. */
  private static void guarded(HttpServerRequest request, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      log.error("Unexpected failure on {} {}", request.method(), request.path(), e);
      Problems.send(request.response(), 500, "INTERNAL", "Something went wrong on our side", null);
    }
  }

  // ---- POST …/verify ----

  private void verify(RoutingContext context) {
    verify(context.request(), context.get(Api.ACCOUNT), context.body().buffer());
  }

  private void verify(HttpServerRequest request, Account account, Buffer body) {
    if (Credentials.keyInQuery(request)) {
      Problems.send(
          request.response(), 400, "KEY_IN_URL", "Send keys in a header or the body", null);
      return;
    }
    if (!(api.credentials.read(request) instanceof Credentials.Key caller)) {
      send(request.response(), 401, PROBLEM_JSON, NO_KEY);
      return;
    }
    Requirements callerNeeds =
        new Requirements(account.id(), CALLER_SCOPES, null, ApiVersion.v2, Api.clientIp(request));
    api.verify(
        request,
        caller.token(),
        callerNeeds,
        result -> verifyAsCaller(request, account, body, result));
  }

  private void verifyAsCaller(
      HttpServerRequest request, Account account, Buffer body, VerifyResult caller) {
    HttpServerResponse response = request.response();
    switch (caller.code()) {
      case VALID -> verifyPresented(request, account, body);
      case INSUFFICIENT_SCOPE, IP_NOT_ALLOWED, WRONG_LICENSE ->
          Problems.send(
              response,
              403,
              "INSUFFICIENT_SCOPE",
              "Verifying keys needs a key with the APIKey scope",
              null);
      case RATE_LIMITED -> {
        response.putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
        Problems.send(
            response, 429, "RATE_LIMITED", "This key has used its requests for now", null);
      }
      case NOT_FOUND, WRONG_ACCOUNT, EXPIRED, DISABLED, WRONG_API_VERSION ->
          Problems.send(
              response,
              401,
              "UNAUTHENTICATED",
              "The key is not usable here (" + caller.code() + ")",
              null);
    }
  }

  private void verifyPresented(HttpServerRequest request, Account account, Buffer body) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.regionMatches(true, 0, "application/json", 0, 16)) {
      Problems.send(
          request.response(),
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Send JSON (application/json)",
          "Content-Type");
      return;
    }
    if (body == null || body.length() == 0) {
      Problems.send(request.response(), 400, "INVALID_INPUT", "A JSON object is required", "key");
      return;
    }
    VerifyRequest presented;
    try {
      presented = VerifyRequest.parse(body.getBytes());
    } catch (KeywardenException e) {
      Problems.send(request, e);
      return;
    }
    Requirements required =
        new Requirements(
            account.id(),
            presented.scopes(),
            presented.licenseId(),
            presented.apiVersion(),
            presented.clientIp());
    api.verify(request, presented.token(), required, result -> answer(request.response(), result));
  }

  private void answer(HttpServerResponse response, VerifyResult result) {
    VerifiableKey matched = result.key();
    if (matched == null || result.code() == VerifyCode.WRONG_ACCOUNT) {
      send(response, 200, JSON, BARE_ANSWERS.get(result.code()));
    } else if (result.code() == VerifyCode.VALID) {
      send(response, 200, JSON, rendered(matched).json());
    } else {
      send(response, 200, JSON, Buffer.buffer(identity(result.code(), matched)));
    }
  }

  private Rendered rendered(VerifiableKey matched) {
    String accessId = matched.key().accessId();
    Rendered known = rendered.get(accessId);
    if (known != null && known.key() == matched) {
      return known;
    }
    Rendered fresh =
        new Rendered(
            matched,
            Buffer.buffer(identity(VerifyCode.VALID, matched)),
            scopes(matched.key().scopes()));
    if (rendered.size() >= MAX_RENDERED) {
      rendered.clear();
    }
    rendered.put(accessId, fresh);
    return fresh;
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
    forwardAuth(context.request(), context.get(Api.ACCOUNT));
  }

  private void forwardAuth(HttpServerRequest request, Account account) {
    Rule rule = rule(request.query());
    if (rule.problem() != null) {
      Problems.send(request, rule.problem());
      return;
    }
    if (!(api.credentials.read(request) instanceof Credentials.Key presented)) {
      request.response().putHeader("WWW-Authenticate", BEARER);
      send(request.response(), 401, PROBLEM_JSON, NO_KEY);
      return;
    }
    Requirements required =
        new Requirements(
            account.id(), rule.scopes(), rule.licenseId(), rule.apiVersion(), forwardedIp(request));
    api.verify(
        request, presented.token(), required, result -> forwardAnswer(request.response(), result));
  }

  private void forwardAnswer(HttpServerResponse response, VerifyResult result) {
    VerifyCode code = result.code();
    if (code.isValid()) {
      ApiKey key = result.key().key();
      String owner = key.ownerUsername();
      response
          .putHeader(ACCESS_ID_HEADER, key.accessId())
          .putHeader(ACCOUNT_HEADER, result.key().accountName())
          .putHeader(OWNER_HEADER, owner == null ? "" : owner)
          .putHeader(SCOPES_HEADER, rendered(result.key()).scopes())
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
   * The client's address as the gateway saw it: from a trusted proxy, {@code X-Real-IP}, else the
   * last {@code X-Forwarded-For} entry (the one the gateway appended); else the peer itself.
   */
  String forwardedIp(HttpServerRequest request) {
    String peer = Api.clientIp(request);
    if (!api.config.trustsProxy(peer)) {
      return peer;
    }
    String real = request.getHeader("X-Real-IP");
    if (real != null && !real.isBlank()) {
      return real.strip();
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded != null && !forwarded.isBlank()) {
      return forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
    }
    return peer;
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
