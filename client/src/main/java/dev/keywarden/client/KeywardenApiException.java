package dev.keywarden.client;

import java.time.Duration;

/**
 * A request the server refused or could not answer. Carries the HTTP {@link #status()} (0 when the
 * server could not be reached), the server's stable problem {@link #code()} (e.g. {@code
 * DUPLICATE_NAME}), the offending {@link #field()} for invalid input, and the {@link #kind()} to
 * switch on. The message is the server's public detail; it never contains a secret.
 *
 * <p>Immutable and thread-safe.
 */
public class KeywardenApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What sort of failure this is, from the HTTP status. */
  public enum Kind {
    /** 400, 413, 415 or 422: the request was invalid; {@link #field()} names the culprit. */
    INVALID,
    /** 401: no credential, or one the server cannot use (unknown, expired, disabled). */
    UNAUTHENTICATED,
    /** 403: the key lacks the scope or binding, or the user the role. */
    FORBIDDEN,
    /** 404: no such object in this account (or another account's object). */
    NOT_FOUND,
    /** 409: a duplicate name, or an object that cannot change that way. */
    CONFLICT,
    /** 429: throttled; see {@link #retryAfter()}. */
    THROTTLED,
    /** The server could not be reached, or answered 5xx. */
    UNAVAILABLE,
    /** Any other status. */
    OTHER
  }

  private final int status;
  private final String code;
  private final String field;
  private final Duration retryAfter;

  /**
   * A failure.
   *
   * @param status the HTTP status, or 0 when no answer arrived
   * @param code the stable problem code
   * @param detail the public message
   * @param field the offending input field, or {@code null}
   * @param retryAfter how long to wait before retrying (429), or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public KeywardenApiException(
      int status, String code, String detail, String field, Duration retryAfter, Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  /** The server could not be reached. */
  static KeywardenApiException unreachable(String detail, Throwable cause) {
    return new KeywardenApiException(0, "UNAVAILABLE", detail, null, null, cause);
  }

  /** The HTTP status, or 0 when the server could not be reached. */
  public int status() {
    return status;
  }

  /** The server's stable, machine-readable problem code, e.g. {@code KEY_NOT_FOUND}. */
  public String code() {
    return code;
  }

  /** The offending input field, or {@code null}. */
  public String field() {
    return field;
  }

  /** How long the server asked to wait (429), or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** What sort of failure this is. */
  public Kind kind() {
    return switch (status) {
      case 400, 413, 415, 422 -> Kind.INVALID;
      case 401 -> Kind.UNAUTHENTICATED;
      case 403 -> Kind.FORBIDDEN;
      case 404 -> Kind.NOT_FOUND;
      case 409 -> Kind.CONFLICT;
      case 429 -> Kind.THROTTLED;
      case 0, 500, 502, 503, 504 -> Kind.UNAVAILABLE;
      default -> Kind.OTHER;
    };
  }
}
