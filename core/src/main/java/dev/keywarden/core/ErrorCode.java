package dev.keywarden.core;

/**
 * Every stable, machine-readable error code Keywarden reports, each with its {@link Kind} and a
 * public message safe to show any caller. This is the one list: adapters map each kind to their own
 * status (HTTP status, exit code) in one place, and an error may carry a more specific public
 * message than the default one here.
 */
public enum ErrorCode {
  // Invalid input: the request was understood, a value in it is wrong.
  INVALID_INPUT(Kind.INVALID, "The request is invalid"),
  INVALID_NAME(Kind.INVALID, "The name is invalid"),
  INVALID_SCOPES(Kind.INVALID, "The scopes are invalid"),
  INVALID_EXPIRATION(Kind.INVALID, "The expiration date is invalid"),
  INVALID_BINDING(Kind.INVALID, "The binding is invalid"),
  INVALID_PASSWORD(Kind.INVALID, "The password is invalid"),
  INVALID_POLICY(Kind.INVALID, "The policy is invalid"),
  INVALID_IP_RANGE(Kind.INVALID, "The IP range is invalid"),
  INVALID_GRACE_PERIOD(Kind.INVALID, "The grace period is invalid"),

  // Malformed requests: the request itself could not be read.
  MALFORMED_REQUEST(Kind.MALFORMED, "The request is malformed"),
  MALFORMED_JSON(Kind.MALFORMED, "The body is not valid JSON"),
  KEY_IN_URL(Kind.MALFORMED, "Send keys in a header, never in the URL: URLs end up in logs"),
  BODY_TOO_LARGE(Kind.TOO_LARGE, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED, "Send JSON (Content-Type: application/json)"),
  METHOD_NOT_ALLOWED(Kind.METHOD_NOT_ALLOWED, "This method is not allowed here"),

  // Who is asking, and what they may do.
  UNAUTHENTICATED(Kind.UNAUTHENTICATED, "Present an API key"),
  LOGIN_FAILED(Kind.UNAUTHENTICATED, "Wrong username or password"),
  INSUFFICIENT_SCOPE(Kind.FORBIDDEN, "The key lacks a required scope"),
  WRONG_LICENSE(Kind.FORBIDDEN, "The key is bound to another license"),
  IP_NOT_ALLOWED(Kind.FORBIDDEN, "The key is not allowed from this address"),
  ADMIN_REQUIRED(Kind.FORBIDDEN, "Only administrators may do this"),
  LEGACY_KEY_NOT_ALLOWED(Kind.FORBIDDEN, "Legacy v1 keys work only on the legacy API"),
  NO_CURRENT_USER(Kind.FORBIDDEN, "This credential does not belong to a user"),
  CSRF_FAILED(Kind.FORBIDDEN, "Missing or wrong CSRF token"),

  // What is not there (or belongs to another account).
  NOT_FOUND(Kind.NOT_FOUND, "No such resource"),
  ACCOUNT_NOT_FOUND(Kind.NOT_FOUND, "No such account"),
  USER_NOT_FOUND(Kind.NOT_FOUND, "No such user"),
  LICENSE_NOT_FOUND(Kind.NOT_FOUND, "No such license"),
  KEY_NOT_FOUND(Kind.NOT_FOUND, "No such key"),

  // Conflicts with the current state.
  KEY_NOT_RECOVERABLE(Kind.CONFLICT, "This key's secret cannot be recovered"),
  DUPLICATE_NAME(Kind.CONFLICT, "The name is taken"),
  DEFAULT_KEY_UNDELETABLE(Kind.CONFLICT, "A license's default key cannot be deleted"),
  LAST_ADMIN(Kind.CONFLICT, "The account's last administrator cannot be removed"),

  // Come back later.
  THROTTLED(Kind.THROTTLED, "Too many attempts; try again later"),
  RATE_LIMITED(Kind.THROTTLED, "This key has used its requests for now"),
  STORAGE_UNAVAILABLE(Kind.UNAVAILABLE, "The key store is unavailable"),

  // Our fault: never caused by input.
  INTERNAL(Kind.INTERNAL, "Something went wrong on our side");

  /** What sort of failure a code is; adapters map this to their own status. */
  public enum Kind {
    /** A value in an understood request is wrong. */
    INVALID,
    /** The request could not be read at all. */
    MALFORMED,
    /** The request is larger than allowed. */
    TOO_LARGE,
    /** The request's content type is not one accepted. */
    UNSUPPORTED,
    /** The operation exists, but not with this method. */
    METHOD_NOT_ALLOWED,
    /** No usable credential. */
    UNAUTHENTICATED,
    /** A usable credential that may not do this. */
    FORBIDDEN,
    /** Nothing there, for this caller. */
    NOT_FOUND,
    /** In conflict with the current state. */
    CONFLICT,
    /** Too many requests for now. */
    THROTTLED,
    /** A dependency (the database) is unavailable. */
    UNAVAILABLE,
    /** A fault of the service itself. */
    INTERNAL
  }

  private final Kind kind;
  private final String publicMessage;

  ErrorCode(Kind kind, String publicMessage) {
    this.kind = kind;
    this.publicMessage = publicMessage;
  }

  /** The sort of failure. */
  public Kind kind() {
    return kind;
  }

  /** The default public message: safe to show any caller. */
  public String publicMessage() {
    return publicMessage;
  }
}
