package dev.keywarden.verification;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a presented key must satisfy. Immutable.
 *
 * @param accountId the account the key must belong to, or {@code null} for any
 * @param scopes scopes the key must all carry (may be empty)
 * @param licenseId a license the key's binding must reach, or {@code null}
 * @param apiVersion the API the key is presented to
 * @param clientIp the address the request came from, for allowlists and last use; may be null
 */
public record Requirements(
    Long accountId, Set<Scope> scopes, Long licenseId, ApiVersion apiVersion, String clientIp) {

  /** Copies the scopes. */
  public Requirements {
    scopes = scopes == null || scopes.isEmpty() ? Set.of() : EnumSet.copyOf(scopes);
    apiVersion = apiVersion == null ? ApiVersion.v2 : apiVersion;
  }

  /** No requirement beyond a valid v2 key. */
  public static Requirements any() {
    return new Requirements(null, Set.of(), null, ApiVersion.v2, null);
  }

  /** A v2 key of the account. */
  public static Requirements ofAccount(long accountId, String clientIp) {
    return new Requirements(accountId, Set.of(), null, ApiVersion.v2, clientIp);
  }
}
