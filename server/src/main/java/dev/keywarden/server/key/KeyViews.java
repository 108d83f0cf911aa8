package dev.keywarden.server.key;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Scope;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The JSON shapes of keys and scopes in the API (snake_case on the wire, timestamps in RFC 3339).
 * Never a secret, but for the {@code value} of a key just created or regenerated. The command line
 * prints the same shapes.
 */
public final class KeyViews {
  private KeyViews() {}

  /** A key as listed; {@code value} only when just created or regenerated. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KeyView(
      String name,
      String accessId,
      Instant expirationDate,
      List<String> scopes,
      String binding,
      String apiVersion,
      @JsonProperty("deprecated") boolean deprecated,
      @JsonProperty("default") boolean isDefault,
      @JsonProperty("enabled") boolean enabled,
      String owner,
      String description,
      Instant createdAt,
      String createdBy,
      Instant lastUsedAt,
      String lastUsedIp,
      List<String> allowedIps,
      Integer rateLimitPerMinute,
      Instant previousSecretValidUntil,
      String value) {}

  /** A key as listed. */
  public static KeyView key(ApiKey key) {
    return key(key, null);
  }

  private static KeyView key(ApiKey key, String value) {
    return new KeyView(
        key.name(),
        key.accessId(),
        key.expiresAt(),
        scopeNames(key.scopes()),
        key.binding().text(),
        key.apiVersion().name(),
        key.apiVersion() == ApiVersion.v1,
        key.isDefault(),
        key.enabled(),
        key.ownerUsername(),
        key.description(),
        key.createdAt(),
        key.createdBy(),
        key.lastUsedAt(),
        key.lastUsedIp(),
        key.allowedIps().isEmpty() ? null : key.allowedIps(),
        key.rateLimitPerMinute(),
        key.previousSecretValidUntil(),
        value);
  }

  /** A created or regenerated key, with its token shown this once. */
  public static KeyView created(CreatedKey created) {
    return key(created.key(), created.token());
  }

  /** A scope and what it allows. */
  public record ScopeView(String name, String description) {}

  /** The nine scopes, in their documented order. */
  public static List<ScopeView> scopes() {
    return Arrays.stream(Scope.values())
        .map(scope -> new ScopeView(scope.name(), scope.description()))
        .toList();
  }

  /** Scope names in their documented order. */
  public static List<String> scopeNames(Collection<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::name).toList();
  }
}
