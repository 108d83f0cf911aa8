package dev.keywarden.client;

import java.util.List;

/**
 * The account's key policy. Immutable.
 *
 * @param maxKeyLifetimeDays the longest a new key may live, or {@code null} for the default (one
 *     year)
 * @param allowedScopes the scopes new keys may carry
 */
public record KeyPolicy(Integer maxKeyLifetimeDays, List<String> allowedScopes) {
  /** Copies the scopes. */
  public KeyPolicy {
    allowedScopes = allowedScopes == null ? List.of() : List.copyOf(allowedScopes);
  }
}
