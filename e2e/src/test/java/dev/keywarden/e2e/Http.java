package dev.keywarden.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client of one account of a server under test: JSON in and out, a key or a portal
 * session as the credential. Thread-safe; {@link #as(String)} and {@link #login()} return new
 * clients.
 */
public final class Http {
  /** The key management paths, under the account. */
  public static final String CURRENT_KEYS = "/pro/user-manager/v1/user/@current/api-key";

  public static final String VERIFY = "/pro/user-manager/v1/verify";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String accountUrl;
  private final Map<String, String> credential;

  Http(String accountUrl) {
    this(accountUrl, Map.of());
  }

  private Http(String accountUrl, Map<String, String> credential) {
    this.accountUrl = accountUrl;
    this.credential = credential;
  }

  /**
   * An answer.
   *
   * @param status the status code
   * @param headers the headers
   * @param body the body as text
   */
  public record Response(int status, Map<String, List<String>> headers, String body) {
    /** The body as JSON. */
    public JsonNode json() {
      return JSON.readTree(body);
    }

    /** A header's first value, or null. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  /** This client presenting a whole key in the {@code apiKey} header. */
  public Http as(String token) {
    return new Http(accountUrl, Map.of("apiKey", token));
  }

  /** This client logged into the portal as the first administrator (session cookie and CSRF). */
  public Http login() {
    Response answer =
        send(
            "POST",
            "/portal/login",
            Map.of("username", "admin", "password", ServerProcess.ADMIN_PASSWORD));
    if (answer.status() != 200) {
      throw new IllegalStateException("login answered " + answer.status() + ": " + answer.body());
    }
    String cookie = answer.header("Set-Cookie").split(";", 2)[0];
    String csrf = answer.json().get("csrf_token").asString();
    return new Http(accountUrl, Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
  }

  /** Creates a key of the logged-in user with these scopes and returns its token. */
  public String createKey(String name, String... scopes) {
    Response created = send("POST", CURRENT_KEYS, Map.of("name", name, "scopes", List.of(scopes)));
    if (created.status() != 201) {
      throw new IllegalStateException(
          "create answered " + created.status() + ": " + created.body());
    }
    return created.json().get("value").asString();
  }

  /** Sends a request with a JSON body (or none when {@code body} is null). */
  public Response send(String method, String path, Object body) {
    String text =
        body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    return send(method, path, text, body == null ? null : "application/json");
  }

  /** Sends a request with a body of the given media type (or none when {@code body} is null). */
  public Response send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(accountUrl + path)).timeout(Duration.ofSeconds(30));
    credential.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> answer =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(answer.statusCode(), answer.headers().map(), answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code GET path}. */
  public Response get(String path) {
    return send("GET", path, null);
  }

  /** A request that did not get an answer (connection refused or reset). */
  public static final class UncheckedIOException extends RuntimeException {
    UncheckedIOException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
