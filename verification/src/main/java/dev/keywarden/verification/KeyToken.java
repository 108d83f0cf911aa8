package dev.keywarden.verification;

import java.util.Objects;

/**
 * A presented credential split into its public access id and its secret. {@link #toString()} never
 * shows the secret.
 */
public record KeyToken(String accessId, String secret) {
  /** Checks both parts are present. */
  public KeyToken {
    Objects.requireNonNull(accessId, "null accessId");
    Objects.requireNonNull(secret, "null secret");
  }

  @Override
  public String toString() {
    return "KeyToken[accessId=" + accessId + ", secret=***]";
  }
}
