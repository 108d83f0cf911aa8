package dev.keywarden.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A client of one account of a Keywarden server, with a typed method per REST endpoint. Build one
 * with {@link #builder()} and share it: it is immutable and thread-safe, and holds one {@link
 * HttpClient} (close it when done).
 *
 * <p>Every method either returns the server's answer or throws {@link KeywardenApiException}
 * carrying the HTTP status and the server's stable problem code; an unreachable server is an
 * exception of kind {@code UNAVAILABLE} with status 0. Requests are not retried.
 *
 * <pre>{@code
 * try (KeywardenClient client = KeywardenClient.builder()
 *     .baseUrl("https://keys.example.com").account("acme")
 *     .credential(Credential.token(System.getenv("KEYWARDEN_TOKEN"))).build()) {
 *   CreatedKey created = client.createKey(NewKey.of("ci", "Tasks"));
 * }
 * }</pre>
 */
public final class KeywardenClient implements AutoCloseable {
  static final String USER_MANAGER = "/pro/user-manager/v1";
  private static final String CURRENT_KEYS = USER_MANAGER + "/user/@current/api-key";
  private static final String LICENSES = USER_MANAGER + "/licenses";
  private static final String USERS = USER_MANAGER + "/users";
  private static final String POLICY = USER_MANAGER + "/account/policy";
  private static final TypeReference<List<ApiKey>> KEY_LIST = new TypeReference<>() {};
  private static final TypeReference<ApiKey> API_KEY = new TypeReference<>() {};

  private final HttpClient http;
  private final String root;
  private final Credential credential;
  private final Duration requestTimeout;
  private final String accessIdHeader;
  private final String secretKeyHeader;
  private final Consumer<String> answers;

  private KeywardenClient(Builder builder, String root) {
    this.root = root;
    this.credential = builder.credential;
    this.requestTimeout = builder.requestTimeout;
    this.accessIdHeader = builder.accessIdHeader;
    this.secretKeyHeader = builder.secretKeyHeader;
    this.answers = builder.answers;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(builder.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A builder: set the base URL, and a credential for everything but unauthenticated calls. */
  public static Builder builder() {
    return new Builder();
  }

  /** The URL every request path is appended to, e.g. {@code http://localhost:8080/a/acme}. */
  public URI accountUrl() {
    return URI.create(root);
  }

  // ---- The caller's own keys --------------------------------------------------------------

  /** The caller's keys (never their secrets). */
  public List<ApiKey> listKeys() {
    return read(send("GET", CURRENT_KEYS, null), KEY_LIST);
  }

  /** Creates a key for the caller; its token is in the answer, and only there. */
  public CreatedKey createKey(NewKey request) {
    Objects.requireNonNull(request, "null request");
    return created(send("POST", CURRENT_KEYS, request));
  }

  /** Deletes one of the caller's keys, by name: it stops working at once. */
  public void deleteKey(String name) {
    send("DELETE", CURRENT_KEYS + "/" + segment(name), null);
  }

  /** Gives one of the caller's keys a new secret; the old one stops working at once. */
  public CreatedKey regenerateKey(String name) {
    return regenerateKey(name, Duration.ZERO);
  }

  /**
   * Gives one of the caller's keys a new secret; the old one keeps working for the grace period
   * (zero-downtime rotation), then stops.
   */
  public CreatedKey regenerateKey(String name, Duration gracePeriod) {
    return created(
        send("POST", CURRENT_KEYS + "/" + segment(name) + "/regenerate", grace(gracePeriod)));
  }

  /** Enables or disables one of the caller's keys; a disabled key is refused until enabled. */
  public ApiKey setKeyEnabled(String name, boolean enabled) {
    return read(
        send("PATCH", CURRENT_KEYS + "/" + segment(name), Map.of("enabled", enabled)), API_KEY);
  }

  /** Every key of the account (admins). */
  public List<ApiKey> listAccountKeys() {
    return read(send("GET", USER_MANAGER + "/api-keys", null), KEY_LIST);
  }

  /** The scopes a key may carry, with descriptions. */
  public List<AuthorizationScope> scopes() {
    return read(
        send("GET", USER_MANAGER + "/user/@current/authorization-scopes", null),
        new TypeReference<List<AuthorizationScope>>() {});
  }

  // ---- Users, policy and audit -------------------------------------------------------------

  /** Who the server sees behind this client's credential. */
  public CurrentCaller currentCaller() {
    return read(
        send("GET", USER_MANAGER + "/user/@current", null), new TypeReference<CurrentCaller>() {});
  }

  /** The account's users (admins). */
  public List<User> listUsers() {
    return read(send("GET", USERS, null), new TypeReference<List<User>>() {});
  }

  /**
   * Creates a user (admins).
   *
   * @param role {@code member} or {@code admin}
   */
  public User createUser(String username, String password, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", Objects.requireNonNull(username, "null username"));
    body.put("password", Objects.requireNonNull(password, "null password"));
    body.put("role", role == null ? "member" : role);
    return read(send("POST", USERS, body), new TypeReference<User>() {});
  }

  /** Deletes a user and their keys (admins). */
  public void deleteUser(String username) {
    send("DELETE", USERS + "/" + segment(username), null);
  }

  /** The account's key policy. */
  public KeyPolicy policy() {
    return read(send("GET", POLICY, null), new TypeReference<KeyPolicy>() {});
  }

  /** Replaces the account's key policy (admins); a {@code null} or empty part takes its default. */
  public KeyPolicy updatePolicy(KeyPolicy policy) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (policy.maxKeyLifetimeDays() != null) {
      body.put("max_key_lifetime_days", policy.maxKeyLifetimeDays());
    }
    if (!policy.allowedScopes().isEmpty()) {
      body.put("allowed_scopes", policy.allowedScopes());
    }
    return read(send("PUT", POLICY, body), new TypeReference<KeyPolicy>() {});
  }

  /** The most recent audit events (admins), at most {@code limit} of them. */
  public List<AuditEvent> audit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return read(
        send("GET", USER_MANAGER + "/audit?limit=" + limit, null),
        new TypeReference<List<AuditEvent>>() {});
  }

  // ---- Licenses and their keys -------------------------------------------------------------

  /** The account's licenses. */
  public List<License> listLicenses() {
    return read(send("GET", LICENSES, null), new TypeReference<List<License>>() {});
  }

  /** One license. */
  public License license(long licenseId) {
    return read(send("GET", LICENSES + "/" + licenseId, null), new TypeReference<License>() {});
  }

  /**
   * Creates a license (admins), with its default key (scopes {@code Tasks} and {@code Session});
   * download its license file with {@link #licenseFile(long)}.
   */
  public License createLicense(String name) {
    return read(
        send("POST", LICENSES, Map.of("name", Objects.requireNonNull(name, "null name"))),
        new TypeReference<License>() {});
  }

  /** A license's keys (admins). */
  public List<ApiKey> listLicenseKeys(long licenseId) {
    return read(send("GET", licenseKeys(licenseId), null), KEY_LIST);
  }

  /** Creates a key of a license (admins); its token is in the answer, and only there. */
  public CreatedKey createLicenseKey(long licenseId, NewKey request) {
    Objects.requireNonNull(request, "null request");
    return created(send("POST", licenseKeys(licenseId), request));
  }

  /** Deletes a key of a license; a license's default key cannot be deleted. */
  public void deleteLicenseKey(long licenseId, String name) {
    send("DELETE", licenseKeys(licenseId) + "/" + segment(name), null);
  }

  /** Gives a key of a license a new secret, the old one working for the grace period. */
  public CreatedKey regenerateLicenseKey(long licenseId, String name, Duration gracePeriod) {
    return created(
        send(
            "POST",
            licenseKeys(licenseId) + "/" + segment(name) + "/regenerate",
            grace(gracePeriod)));
  }

  /** Enables or disables a key of a license (admins). */
  public ApiKey setLicenseKeyEnabled(long licenseId, String name, boolean enabled) {
    return read(
        send("PATCH", licenseKeys(licenseId) + "/" + segment(name), Map.of("enabled", enabled)),
        API_KEY);
  }

  /**
   * The license file's text: {@code CLOUDACCESSID}, {@code CLOUDKEY} (a secret: write it where only
   * its user can read it), {@code LICENSEID}, {@code CLOUDPOOL}, {@code CLOUDHOST}.
   */
  public String licenseFile(long licenseId) {
    return send("GET", LICENSES + "/" + licenseId + "/license-file", null).body();
  }

  private static String licenseKeys(long licenseId) {
    return LICENSES + "/" + licenseId + "/api-keys";
  }

  // ---- Verification --------------------------------------------------------------------------

  /**
   * Asks the server whether a token is usable; the credential's key needs the {@code APIKey} scope.
   * Uncached: platform services should use {@link KeyVerifier}.
   *
   * @param token the presented token
   * @param scopes the scopes the request needs (may be empty)
   * @param licenseId the license the request addresses, or {@code null}
   */
  public VerifyResult verify(String token, Collection<String> scopes, Long licenseId) {
    return verify(Credential.token(token), scopes, licenseId);
  }

  /**
   * Asks the server whether a presented key is usable: a whole token, or the two parts a client
   * sent in the access-id and secret-key headers. This client's own key needs the {@code APIKey}
   * scope. Uncached: platform services should use {@link KeyVerifier}.
   *
   * @param presented what the caller presented
   * @param scopes the scopes the request needs (may be empty)
   * @param licenseId the license the request addresses, or {@code null}
   */
  public VerifyResult verify(Credential presented, Collection<String> scopes, Long licenseId) {
    Objects.requireNonNull(presented, "null presented");
    Map<String, Object> body = new LinkedHashMap<>();
    if (presented.tokenValue() != null) {
      body.put("key", presented.tokenValue());
    } else {
      body.put("access_id", presented.accessId());
      body.put("secret", presented.secret());
    }
    if (scopes != null && !scopes.isEmpty()) {
      body.put("scopes", new ArrayList<>(scopes));
    }
    if (licenseId != null) {
      body.put("license_id", licenseId);
    }
    return read(send("POST", USER_MANAGER + "/verify", body), new TypeReference<VerifyResult>() {});
  }

  /** Closes the HTTP client; calls after this fail. */
  @Override
  public void close() {
    http.close();
  }

  // ---- The exchange --------------------------------------------------------------------------

  private HttpResponse<String> send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root + path))
            .timeout(requestTimeout)
            .header("Accept", "application/json, application/problem+json, text/plain")
            .header("User-Agent", "keywarden-client");
    authenticate(request);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(
              method,
              HttpRequest.BodyPublishers.ofString(ClientJson.MAPPER.writeValueAsString(body)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw KeywardenApiException.unreachable("Cannot reach " + root + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KeywardenApiException.unreachable("Interrupted while calling " + root, e);
    }
    if (response.statusCode() >= 300) {
      throw Problems.toException(response);
    }
    answers.accept(response.body());
    return response;
  }

  private void authenticate(HttpRequest.Builder request) {
    if (credential == null) {
      return;
    }
    // Keys travel in headers only, never in the URL, where they would end up in logs.
    if (credential.tokenValue() != null) {
      request.header("Authorization", "Bearer " + credential.tokenValue());
    } else {
      request.header(accessIdHeader, credential.accessId());
      request.header(secretKeyHeader, credential.secret());
    }
  }

  /** Why a request got no answer; HttpClient's exceptions often carry no message. */
  private String describe(IOException e) {
    if (e instanceof java.net.http.HttpConnectTimeoutException) {
      return "no connection within the connect timeout";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within " + requestTimeout.toSeconds() + " s";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.nio.channels.UnresolvedAddressException) {
        return "unknown host";
      }
    }
    if (e instanceof java.net.ConnectException && e.getMessage() == null) {
      return "connection refused";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return cause.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static <T> T read(HttpResponse<String> response, TypeReference<T> type) {
    try {
      return ClientJson.MAPPER.readValue(response.body(), type);
    } catch (JacksonException e) {
      throw new KeywardenApiException(
          response.statusCode(),
          "UNEXPECTED_RESPONSE",
          "The server's answer is not what this client expects: " + e.getOriginalMessage(),
          null,
          null,
          e);
    }
  }

  private static CreatedKey created(HttpResponse<String> response) {
    JsonNode node = read(response, new TypeReference<JsonNode>() {});
    JsonNode value = node.get("value");
    if (value == null || !value.isString()) {
      throw new KeywardenApiException(
          response.statusCode(),
          "UNEXPECTED_RESPONSE",
          "The answer has no key value",
          null,
          null,
          null);
    }
    return new CreatedKey(ClientJson.MAPPER.treeToValue(node, ApiKey.class), value.asString());
  }

  private static Map<String, Object> grace(Duration gracePeriod) {
    if (gracePeriod == null || gracePeriod.isZero()) {
      return Map.of();
    }
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("negative grace period");
    }
    return Map.of("grace_period_seconds", gracePeriod.toSeconds());
  }

  private static String segment(String value) {
    Objects.requireNonNull(value, "null name");
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Builds a {@link KeywardenClient}. Not thread-safe; build once and share the client.
   *
   * <p>The account is addressed either by the base URL's host ({@code https://acme.keys.example})
   * or, with {@link #account(String)}, by the {@code /a/<account>} path prefix. A base URL on
   * {@code <account>.localhost} without an explicit account is sent to {@code localhost} with the
   * prefix, because {@code *.localhost} names do not resolve everywhere.
   */
  public static final class Builder {
    private URI baseUrl;
    private String account;
    private Credential credential;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private String accessIdHeader = "X-Access-Id";
    private String secretKeyHeader = "X-Secret-Key";
    private Consumer<String> answers = body -> {};

    private Builder() {}

    /**
     * The server, e.g. {@code https://acme.keys.example.com} or {@code http://localhost:8080}. A
     * URL without a scheme gets {@code http://} for loopback hosts ({@code localhost}, {@code
     * *.localhost}, {@code 127.*}) and {@code https://} for every other host.
     */
    public Builder baseUrl(String url) {
      return baseUrl(LicenseFile.toUrl(Objects.requireNonNull(url, "null url")));
    }

    /** The server. */
    public Builder baseUrl(URI url) {
      this.baseUrl = Objects.requireNonNull(url, "null url");
      return this;
    }

    /** The account, addressed by the {@code /a/<account>} path prefix. */
    public Builder account(String name) {
      this.account = name == null || name.isBlank() ? null : name.strip();
      return this;
    }

    /** The credential sent with every request. */
    public Builder credential(Credential value) {
      this.credential = value;
      return this;
    }

    /** The server and credential of a license file (when it names a {@code CLOUDHOST}). */
    public Builder licenseFile(LicenseFile file) {
      file.serverUrl().ifPresent(this::baseUrl);
      return credential(file.credential());
    }

    /** How long to wait for a connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for an answer (default 30 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * The header names for a two-part credential, for servers configured with legacy names (default
     * {@code X-Access-Id} and {@code X-Secret-Key}).
     */
    public Builder credentialHeaders(String accessIdName, String secretKeyName) {
      this.accessIdHeader = Objects.requireNonNull(accessIdName, "null accessIdName");
      this.secretKeyHeader = Objects.requireNonNull(secretKeyName, "null secretKeyName");
      return this;
    }

    /**
     * Receives the body of every successful answer exactly as the server sent it, on the calling
     * thread, before the method returns: for tools that print the API's own JSON. It may hold a
     * secret (a created key's {@code value}, a license file).
     */
    public Builder answerListener(Consumer<String> listener) {
      this.answers = Objects.requireNonNull(listener, "null listener");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException without a base URL
     * @throws IllegalArgumentException for a base URL that is not http or https
     */
    public KeywardenClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("Set the server's base URL");
      }
      String scheme =
          baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "The server URL must be http(s)://host[:port], not '" + baseUrl + "'");
      }
      return new KeywardenClient(this, root());
    }

    private String root() {
      String host = baseUrl.getHost();
      String name = account;
      String lower = host.toLowerCase(Locale.ROOT);
      if (name == null
          && lower.endsWith(".localhost")
          && lower.indexOf('.') == lower.length() - 10) {
        name = host.substring(0, host.length() - ".localhost".length());
        host = "localhost";
      }
      String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String port = baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort();
      // A URL that already carries the account prefix (as license files write it) keeps it once.
      String prefix =
          name == null || path.endsWith("/a/" + segment(name)) ? "" : "/a/" + segment(name);
      return baseUrl.getScheme() + "://" + host + port + path + prefix;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, "null " + name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}
