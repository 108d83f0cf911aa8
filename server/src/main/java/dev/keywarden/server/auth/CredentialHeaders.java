package dev.keywarden.server.auth;

import java.util.Objects;

/**
 * The names of the headers that carry a key: the whole token in {@code apiKey}, or the two parts in
 * {@code accessId} and {@code secretKey}. {@code Authorization: Bearer} always works. Header names
 * are case-insensitive. Immutable.
 */
public record CredentialHeaders(String apiKey, String accessId, String secretKey) {
  /** {@code apiKey}, {@code X-Access-Id} and {@code X-Secret-Key}. */
  public static final CredentialHeaders DEFAULT =
      new CredentialHeaders("apiKey", "X-Access-Id", "X-Secret-Key");

  /** Checks every name is given. */
  public CredentialHeaders {
    Objects.requireNonNull(apiKey, "null apiKey");
    Objects.requireNonNull(accessId, "null accessId");
    Objects.requireNonNull(secretKey, "null secretKey");
  }
}
