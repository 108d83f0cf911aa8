package dev.keywarden.client;

import java.util.List;

/**
 * Who the server sees behind a credential ({@code GET /user/@current}). Immutable.
 *
 * @param account the account's name
 * @param authentication {@code key} or {@code session}
 * @param user the user, or {@code null} for a license key
 * @param role the role the caller acts with, {@code member} or {@code admin}
 * @param accessId the key's access id, or {@code null} for a session
 * @param scopes the key's scopes (empty for a session)
 * @param binding {@code account} or {@code license:<id>}
 */
public record CurrentCaller(
    String account,
    String authentication,
    User user,
    String role,
    String accessId,
    List<String> scopes,
    String binding) {

  /** Copies the scopes. */
  public CurrentCaller {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }
}
