package dev.keywarden.client;

import java.time.Instant;
import java.util.List;

/**
 * An API key as the server lists it: never its secret. Immutable.
 *
 * @param name unique per owner (per license for license keys)
 * @param accessId the public identifier, safe to log
 * @param expirationDate when the key stops working
 * @param scopes what it may do, e.g. {@code Tasks}
 * @param binding {@code account} or {@code license:<id>}
 * @param apiVersion {@code v2}, or {@code v1} for legacy keys
 * @param deprecated whether it is a legacy key, usable only on the legacy API
 * @param isDefault whether it is a license's default key (cannot be deleted)
 * @param enabled whether it is enabled
 * @param owner the owning user, or {@code null} for license keys
 * @param description free text, or {@code null}
 * @param createdAt when it was created
 * @param lastUsedAt when it was last used, or {@code null}
 * @param lastUsedIp from where it was last used, or {@code null}
 */
public record ApiKey(
    String name,
    String accessId,
    Instant expirationDate,
    List<String> scopes,
    String binding,
    String apiVersion,
    boolean deprecated,
    boolean isDefault,
    boolean enabled,
    String owner,
    String description,
    Instant createdAt,
    Instant lastUsedAt,
    String lastUsedIp) {

  /** Copies the scopes. */
  public ApiKey {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }
}
