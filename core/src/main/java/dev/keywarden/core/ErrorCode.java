package dev.keywarden.core;

/**
 * The stable, machine-readable codes of every error Keywarden reports. Adapters map each {@link
 * Kind} to their own status (HTTP status, exit code) in one place.
 */
public enum ErrorCode {
  INVALID_INPUT(Kind.INVALID),
  INVALID_NAME(Kind.INVALID),
  INVALID_SCOPES(Kind.INVALID),
  INVALID_EXPIRATION(Kind.INVALID),
  INVALID_BINDING(Kind.INVALID),
  INVALID_PASSWORD(Kind.INVALID),
  INVALID_POLICY(Kind.INVALID),
  INVALID_IP_RANGE(Kind.INVALID),
  INVALID_GRACE_PERIOD(Kind.INVALID),
  UNAUTHENTICATED(Kind.UNAUTHENTICATED),
  LOGIN_FAILED(Kind.UNAUTHENTICATED),
  INSUFFICIENT_SCOPE(Kind.FORBIDDEN),
  WRONG_LICENSE(Kind.FORBIDDEN),
  ADMIN_REQUIRED(Kind.FORBIDDEN),
  LEGACY_KEY_NOT_ALLOWED(Kind.FORBIDDEN),
  NO_CURRENT_USER(Kind.FORBIDDEN),
  ACCOUNT_NOT_FOUND(Kind.NOT_FOUND),
  USER_NOT_FOUND(Kind.NOT_FOUND),
  LICENSE_NOT_FOUND(Kind.NOT_FOUND),
  KEY_NOT_FOUND(Kind.NOT_FOUND),
  KEY_NOT_RECOVERABLE(Kind.CONFLICT),
  DUPLICATE_NAME(Kind.CONFLICT),
  DEFAULT_KEY_UNDELETABLE(Kind.CONFLICT),
  LAST_ADMIN(Kind.CONFLICT),
  THROTTLED(Kind.THROTTLED),
  STORAGE_UNAVAILABLE(Kind.UNAVAILABLE);

  /** What sort of failure a code is; adapters map this to their own status. */
  public enum Kind {
    INVALID,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    THROTTLED,
    UNAVAILABLE
  }

  private final Kind kind;

  ErrorCode(Kind kind) {
    this.kind = kind;
  }

  /** The sort of failure. */
  public Kind kind() {
    return kind;
  }
}
