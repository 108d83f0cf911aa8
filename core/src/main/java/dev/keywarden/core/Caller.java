package dev.keywarden.core;

import dev.keywarden.core.user.Role;
import dev.keywarden.verification.Binding;
import dev.keywarden.verification.Scope;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking, and with what rights. Every service method takes one and checks it, so the REST
 * API, the portal and the command line enforce the same rules.
 *
 * <ul>
 *   <li>{@link Kind#OPERATOR}: the command line working directly on the store; all rights within
 *       the account it names.
 *   <li>{@link Kind#USER}: a person logged into the portal; every scope, within the user's role.
 *   <li>{@link Kind#KEY}: an API key; its scopes and binding, and never more than its owner's role
 *       (a license key has the rights of a member).
 * </ul>
 *
 * @param userId the acting user, or {@code null} for an operator or a license key
 * @param accessId the presented key's access id, or {@code null}
 */
public record Caller(
    Kind kind,
    long accountId,
    String accountName,
    Long userId,
    String username,
    Role role,
    Set<Scope> scopes,
    Binding binding,
    String accessId,
    String sourceIp) {

  /** How the caller authenticated. */
  public enum Kind {
    OPERATOR,
    USER,
    KEY
  }

  /** Checks the required parts. */
  public Caller {
    Objects.requireNonNull(kind, "null kind");
    Objects.requireNonNull(accountName, "null accountName");
    Objects.requireNonNull(role, "null role");
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    binding = binding == null ? Binding.ACCOUNT : binding;
  }

  /** The command line, acting on one account. */
  public static Caller operator(long accountId, String accountName) {
    return new Caller(
        Kind.OPERATOR,
        accountId,
        accountName,
        null,
        null,
        Role.admin,
        EnumSet.allOf(Scope.class),
        Binding.ACCOUNT,
        null,
        "local");
  }

  /** A logged-in portal user. */
  public static Caller user(
      long accountId, String accountName, long userId, String username, Role role, String ip) {
    return new Caller(
        Kind.USER,
        accountId,
        accountName,
        userId,
        username,
        role,
        EnumSet.allOf(Scope.class),
        Binding.ACCOUNT,
        null,
        ip);
  }

  /** Whether the caller has administrator rights. */
  public boolean isAdmin() {
    return role == Role.admin;
  }

  /** Throws unless the caller carries the scope. */
  public void requireScope(Scope scope) {
    if (!scopes.contains(scope)) {
      throw KeywardenException.of(
          ErrorCode.INSUFFICIENT_SCOPE, "This key lacks the " + scope + " scope");
    }
  }

  /** Throws unless the caller is an administrator. */
  public void requireAdmin() {
    if (!isAdmin()) {
      throw KeywardenException.of(ErrorCode.ADMIN_REQUIRED, "This needs an account administrator");
    }
  }

  /** Throws unless the caller's binding reaches the license. */
  public void requireLicense(long licenseId) {
    if (!binding.reaches(licenseId)) {
      throw KeywardenException.of(ErrorCode.WRONG_LICENSE, "This key is bound to another license");
    }
  }

  /** Throws unless the caller may act on the whole account (not bound to one license). */
  public void requireAccountBinding() {
    if (binding.licenseId() != null) {
      throw KeywardenException.of(ErrorCode.WRONG_LICENSE, "This key is bound to one license");
    }
  }

  /** Who acted, for the audit log: never a secret. */
  public String actor() {
    return switch (kind) {
      case OPERATOR -> "operator";
      case USER -> "user:" + username;
      case KEY -> "key:" + accessId + (username == null ? "" : " (" + username + ")");
    };
  }
}
