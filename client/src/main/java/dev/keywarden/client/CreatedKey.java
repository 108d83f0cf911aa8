package dev.keywarden.client;

import java.util.Objects;

/**
 * A key just created or regenerated, with its token: the only time the server shows it. Store the
 * token at once; it cannot be read again. Immutable; {@link #toString()} hides the token.
 *
 * @param key the key's settings
 * @param token the whole token, {@code kw_...}
 */
public record CreatedKey(ApiKey key, String token) {
  /** Checks the parts. */
  public CreatedKey {
    Objects.requireNonNull(key, "null key");
    Objects.requireNonNull(token, "null token");
  }

  /** Shows the key, never the token. */
  @Override
  public String toString() {
    return "CreatedKey[key=" + key + ", token=(hidden)]";
  }
}
