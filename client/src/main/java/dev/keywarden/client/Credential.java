package dev.keywarden.client;

import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.TokenFormat;
import java.util.Objects;

/**
 * What a client presents to the server: a whole token ({@code kw_...}), sent as {@code
 * Authorization: Bearer <token>}, or the two parts of a key (access id and secret, as a license
 * file holds them), sent in the access-id and secret-key headers.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the secret.
 */
public final class Credential {
  private final String token;
  private final String accessId;
  private final String secret;

  private Credential(String token, String accessId, String secret) {
    this.token = token;
    this.accessId = accessId;
    this.secret = secret;
  }

  /** A whole token, e.g. {@code kw_<access id>_<secret><checksum>}. */
  public static Credential token(String token) {
    Objects.requireNonNull(token, "null token");
    String trimmed = token.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty token");
    }
    return new Credential(trimmed, null, null);
  }

  /** The two parts of a key: its public access id and its secret. */
  public static Credential accessKey(String accessId, String secret) {
    Objects.requireNonNull(accessId, "null accessId");
    Objects.requireNonNull(secret, "null secret");
    if (accessId.isBlank() || secret.isBlank()) {
      throw new IllegalArgumentException("empty access id or secret");
    }
    return new Credential(null, accessId.strip(), secret.strip());
  }

  /** The whole token, or {@code null} when this credential is an access id and a secret. */
  public String tokenValue() {
    return token;
  }

  /** The access id: the public part of the key (safe to log). */
  public String accessId() {
    if (token == null) {
      return accessId;
    }
    KeyToken parsed = TokenFormat.parse(token);
    return parsed == null ? null : parsed.accessId();
  }

  /** The secret, or {@code null} when this credential is a whole token. */
  String secret() {
    return secret;
  }

  /** Shows the access id only, never the secret. */
  @Override
  public String toString() {
    String id = accessId();
    return "Credential[access id " + (id == null ? "unknown" : id) + "]";
  }
}
