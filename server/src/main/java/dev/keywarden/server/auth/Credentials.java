package dev.keywarden.server.auth;

import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.TokenFormat;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a presented key from a request: {@code Authorization: Bearer <token>}, the api-key header
 * with the whole token, or the access-id and secret-key headers with its two parts. Header names
 * are case-insensitive and configurable. Keys are never read from the URL.
 */
public final class Credentials {
  private final CredentialHeaders headers;

  /** Reads keys from these headers (and {@code Authorization: Bearer}). */
  public Credentials(CredentialHeaders headers) {
    this.headers = headers;
  }

  /** What the request presents. */
  public sealed interface Presented {}

  /** No key at all. */
  public record None() implements Presented {}

  /** A key that could be split into access id and secret (or {@code null} if malformed). */
  public record Key(KeyToken token) implements Presented {}

  static final Presented NONE = new None();

  /** The key a request presents, if any. */
  public Presented read(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Key(TokenFormat.parse(authorization.substring(7).trim()));
    }
    String apiKey = request.getHeader(headers.apiKey());
    if (apiKey != null) {
      return new Key(TokenFormat.parse(apiKey.trim()));
    }
    String accessId = request.getHeader(headers.accessId());
    String secret = request.getHeader(headers.secretKey());
    if (accessId != null || secret != null) {
      boolean complete =
          accessId != null && secret != null && !accessId.isBlank() && !secret.isBlank();
      return new Key(complete ? new KeyToken(accessId.trim(), secret.trim()) : null);
    }
    return NONE;
  }

  /** Whether the query string seems to carry a key (refused, so keys never sit in URLs). */
  public static boolean keyInQuery(HttpServerRequest request) {
    String query = request.query();
    if (query == null || query.isEmpty()) {
      return false;
    }
    String lower = query.toLowerCase(java.util.Locale.ROOT);
    for (String name :
        new String[] {
          "api_key=", "apikey=", "access_token=", "token=", "secret=", "secret_key=", "key="
        }) {
      if (lower.startsWith(name) || lower.contains("&" + name)) {
        return true;
      }
    }
    return lower.contains(TokenFormat.PREFIX);
  }
}
