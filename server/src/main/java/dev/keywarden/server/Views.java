package dev.keywarden.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keywarden.core.Caller;
import dev.keywarden.core.account.AccountPolicy;
import dev.keywarden.core.audit.AuditEvent;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.license.License;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Scope;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON shapes of the API (snake_case on the wire, timestamps in RFC 3339). Never a secret, but
 * for the {@code value} of a key just created or regenerated. Public so that the command line's
 * operator commands print exactly what the API answers.
 */
public final class Views {
  private Views() {}

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

  public static KeyView key(ApiKey key) {
    return key(key, null);
  }

  public static KeyView key(ApiKey key, String value) {
    return new KeyView(
        key.name(),
        key.accessId(),
        key.expiresAt(),
        names(key.scopes().stream()),
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

  public static List<ScopeView> scopes() {
    return Arrays.stream(Scope.values())
        .map(scope -> new ScopeView(scope.name(), scope.description()))
        .toList();
  }

  /** A license; on creation, with its default key and that key's value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LicenseView(
      long id, String name, String defaultPool, Instant createdAt, KeyView defaultKey) {}

  public static LicenseView license(License license) {
    return license(license, null);
  }

  public static LicenseView license(License license, KeyView defaultKey) {
    return new LicenseView(
        license.id(), license.name(), license.defaultPool(), license.createdAt(), defaultKey);
  }

  /** A user of the account. */
  public record UserView(String username, String role, Instant createdAt) {}

  public static UserView user(User user) {
    return new UserView(user.username(), user.role().name(), user.createdAt());
  }

  /**
   * Who is asking: {@code authentication} is {@code key} or {@code session}; {@code user} is absent
   * for a license key, which belongs to the account.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CurrentView(
      String account,
      String authentication,
      UserView user,
      String role,
      String accessId,
      List<String> scopes,
      String binding) {}

  public static CurrentView current(Caller caller, User user) {
    return new CurrentView(
        caller.accountName(),
        caller.kind() == Caller.Kind.KEY ? "key" : "session",
        user == null ? null : user(user),
        caller.role().name(),
        caller.accessId(),
        names(caller.scopes().stream()),
        caller.binding().text());
  }

  /**
   * An account's key policy. {@code max_key_lifetime_days} is {@code null} for one year; {@code
   * allowed_scopes} lists every scope new keys may carry.
   */
  public record PolicyView(Integer maxKeyLifetimeDays, List<String> allowedScopes) {}

  public static PolicyView policy(AccountPolicy policy) {
    return new PolicyView(
        policy.maxKeyLifetimeDays(), names(Arrays.stream(Scope.values()).filter(policy::allows)));
  }

  /** One audit event. */
  public record AuditView(
      Instant occurredAt,
      String actor,
      String action,
      String target,
      String sourceIp,
      String detail) {}

  public static AuditView audit(AuditEvent event) {
    return new AuditView(
        event.occurredAt(),
        event.actor(),
        event.action(),
        event.target(),
        event.sourceIp(),
        event.detail());
  }

  /** Scope names in their documented order. */
  private static List<String> names(java.util.stream.Stream<Scope> scopes) {
    return scopes.sorted().map(Scope::name).toList();
  }
}
