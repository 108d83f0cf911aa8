package dev.keywarden.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.Scope;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the API (snake_case on the wire). Never a secret, but for {@code value}. */
final class Views {
  private Views() {}

  /** A key as listed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record KeyView(
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
      String createdBy,
      Instant lastUsedAt,
      String lastUsedIp,
      List<String> allowedIps,
      Integer rateLimitPerMinute,
      Instant previousSecretValidUntil,
      String value) {}

  static KeyView key(ApiKey key) {
    return key(key, null);
  }

  static KeyView key(ApiKey key, String value) {
    return new KeyView(
        key.name(),
        key.accessId(),
        key.expiresAt(),
        key.scopes().stream().map(Scope::name).toList(),
        key.binding().text(),
        key.apiVersion().name(),
        key.apiVersion() == dev.keywarden.core.key.ApiVersion.v1,
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
  static KeyView created(CreatedKey created) {
    return key(created.key(), created.token());
  }

  /** A scope and what it allows. */
  record ScopeView(String name, String description) {}

  static List<ScopeView> scopes() {
    return java.util.Arrays.stream(Scope.values())
        .map(scope -> new ScopeView(scope.name(), scope.description()))
        .toList();
  }
}
